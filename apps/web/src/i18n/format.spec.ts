import {
  formatAxisTime,
  formatDateTime,
  formatDuration,
  formatLineName,
  formatListTime,
  formatNumber,
  formatPlanQuantity,
  formatQuantity,
  formatTime,
} from './format';

describe('formatting numbers with units', () => {
  it('puts the unit after the number, separated by a space', () => {
    expect(formatQuantity(55, '%LEL', 'zh-CN')).toBe('55 %LEL');
    expect(formatQuantity(55, '%LEL', 'en')).toBe('55 %LEL');
    expect(formatQuantity(23.456, '°C', 'en')).toBe('23.46 °C');
    expect(formatQuantity(0.5, 'mg/m³', 'zh-CN')).toBe('0.5 mg/m³');
  });

  it('says units of time in words in Chinese (a device silent for 10.67 分钟), as symbols in English', () => {
    expect(formatQuantity(10.67, 'min', 'zh-CN')).toBe('10.67 分钟');
    expect(formatQuantity(10.67, 'min', 'en')).toBe('10.67 min');
    expect(formatQuantity(3, 'h', 'zh-CN')).toBe('3 小时');
    expect(formatQuantity(12, 'L/min', 'zh-CN')).toBe('12 L/分钟');
    expect(formatQuantity(12, 'L/min', 'en')).toBe('12 L/min');
    // SI symbols inside other units stay: kWh, m³/h, m/s.
    expect(formatQuantity(5, 'kWh', 'zh-CN')).toBe('5 kWh');
    expect(formatQuantity(12, 'm³/h', 'zh-CN')).toBe('12 m³/h');
    expect(formatQuantity(5, 'm/s', 'zh-CN')).toBe('5 m/s');
  });

  it('groups thousands and rounds to two decimals', () => {
    expect(formatQuantity(1234567.891, 'kWh', 'en')).toBe('1,234,567.89 kWh');
    expect(formatQuantity(1234567.891, 'kWh', 'zh-CN')).toBe('1,234,567.89 kWh');
    expect(formatNumber(-3.14159, 'en', 3)).toBe('-3.142');
  });

  it('shows a dimensionless value (power factor) bare, and a missing value as a dash', () => {
    expect(formatQuantity(0.93, '', 'en')).toBe('0.93');
    expect(formatQuantity(Number.NaN, 'kW', 'en')).toBe('— kW');
    expect(formatNumber(Number.POSITIVE_INFINITY, 'zh-CN')).toBe('—');
  });
});

describe('formatPlanQuantity (a plan-level figure in the unit the plan speaks)', () => {
  it('says a park total kept in 万元 in 亿元, as the plan states its targets', () => {
    expect(formatPlanQuantity(500_000, '万元', 'zh-CN')).toBe('50 亿元');
    expect(formatPlanQuantity(3_000_000, '万元', 'zh-CN')).toBe('300 亿元');
    expect(formatPlanQuantity(1_234_567, '万元', 'zh-CN')).toBe('123.46 亿元');
    expect(formatPlanQuantity(12_000_000_000, '万元', 'zh-CN')).toBe('1,200,000 亿元');
  });

  it('leaves shares, counts and areas in their own unit', () => {
    expect(formatPlanQuantity(92.5, '%', 'zh-CN')).toBe('92.5 %');
    expect(formatPlanQuantity(310, '家', 'zh-CN')).toBe('310 家');
    expect(formatPlanQuantity(2000, '亩', 'zh-CN')).toBe('2,000 亩');
  });

  it('words the unit in the interface language', () => {
    const en: Record<string, string> = { 亿元: '100M CNY', 家: 'companies' };
    expect(formatPlanQuantity(500_000, '万元', 'en', (u) => en[u] ?? u)).toBe('50 100M CNY');
    expect(formatPlanQuantity(310, '家', 'en', (u) => en[u] ?? u)).toBe('310 companies');
  });
});

describe('formatLineName', () => {
  it('says a line code in words of the interface language, a name as typed', () => {
    expect(formatLineName('synthesis-1', 'zh-CN')).toBe('合成 1 号线');
    expect(formatLineName('synthesis-1', 'en')).toBe('Synthesis line 1');
    expect(formatLineName('L01', 'zh-CN')).toBe('1 号生产线');
    expect(formatLineName('一号车间', 'en')).toBe('一号车间');
  });
});

describe('formatting times in park time (Asia/Shanghai, UTC+8)', () => {
  it('shows an instant as Shanghai wall-clock time, whatever zone the machine is in', () => {
    expect(formatDateTime(Date.UTC(2025, 10, 27, 9, 31, 5))).toBe('2025-11-27 17:31:05');
    // 16:30 UTC on the 31st is already 00:30 on 1 January in Shanghai.
    expect(formatDateTime(Date.UTC(2025, 11, 31, 16, 30, 0))).toBe('2026-01-01 00:30:00');
    expect(formatTime(Date.UTC(2025, 5, 1, 23, 59, 59))).toBe('07:59:59');
    expect(formatDateTime(Number.NaN)).toBe('—');
  });

  it('uses the time alone for today in the list, the date too for other days', () => {
    const now = Date.UTC(2025, 10, 27, 12, 0, 0); // 20:00 in Shanghai
    expect(formatListTime(Date.UTC(2025, 10, 27, 1, 2, 3), now)).toBe('09:02:03');
    // 15:30 UTC on the 26th is 23:30 on the 26th in Shanghai: yesterday there, though "today" in UTC terms.
    expect(formatListTime(Date.UTC(2025, 10, 26, 15, 30, 0), now)).toBe('11-26 23:30');
    // 16:30 UTC on the 26th is 00:30 on the 27th in Shanghai: today.
    expect(formatListTime(Date.UTC(2025, 10, 26, 16, 30, 0), now)).toBe('00:30:00');
    expect(formatListTime(Date.UTC(2024, 0, 2, 0, 0, 0), now)).toBe('2024-01-02 08:00');
  });
});

describe('formatDuration', () => {
  it('shows a span in the largest whole unit of hours, minutes, seconds — never milliseconds', () => {
    expect(formatDuration(3_600_000, 'zh-CN')).toBe('1 小时');
    expect(formatDuration(600_000, 'zh-CN')).toBe('10 分钟');
    expect(formatDuration(90_000, 'zh-CN')).toBe('90 秒');
    expect(formatDuration(1_500, 'zh-CN')).toBe('1.5 秒');
    expect(formatDuration(0, 'zh-CN')).toBe('0 秒');
    expect(formatDuration(7_200_000, 'en')).toBe('2 h');
    expect(formatDuration(120_000, 'en')).toBe('2 min');
  });
});

describe('formatAxisTime', () => {
  // 2025-06-01 00:00 and 14:30 in park time (UTC+8).
  const midnight = Date.UTC(2025, 4, 31, 16, 0);
  const afternoon = midnight + 14.5 * 3_600_000;
  it('labels a day’s chart by the clock, with the date at park midnight', () => {
    expect(formatAxisTime(afternoon, 86_400_000)).toBe('14:30');
    expect(formatAxisTime(midnight, 86_400_000)).toBe('06-01');
  });
  it('labels a longer chart by the date', () => {
    expect(formatAxisTime(afternoon, 7 * 86_400_000)).toBe('06-01');
  });
});

import {
  formatWait,
  lastDays,
  parkDay,
  perDayChartOption,
  rangeWindow,
  searchQuery,
  type ChartText,
} from './alert-stats-model';
import type { AlertStatistics } from './alert-stats-api';

/** 2026-12-07 01:30 Beijing time: still 6 December in UTC. */
const NOW = Date.parse('2026-12-07T01:30:00+08:00');

describe('the date range in park time', () => {
  it('defaults to the last 30 Beijing days, today included, whatever the UTC date', () => {
    expect(parkDay(NOW)).toBe('2026-12-07');
    expect(lastDays(30, NOW)).toEqual({ first: '2026-11-08', last: '2026-12-07' });
  });

  it('runs from 00:00 of the first day to 00:00 after the last, Beijing time', () => {
    expect(rangeWindow({ first: '2026-11-08', last: '2026-12-07' })).toEqual({
      from: Date.parse('2026-11-08T00:00:00+08:00'),
      to: Date.parse('2026-12-08T00:00:00+08:00'),
    });
    expect(rangeWindow({ first: '2026-12-07', last: '2026-12-06' })).toBeNull();
    expect(rangeWindow({ first: '', last: '2026-12-06' })).toBeNull();
  });

  it('sends only the filters that are set', () => {
    const range = { first: '2026-12-01', last: '2026-12-01' };
    expect(searchQuery({ range, enterprise: '', kind: '', severity: '', status: '' })).toEqual({
      from: Date.parse('2026-12-01T00:00:00+08:00'),
      to: Date.parse('2026-12-02T00:00:00+08:00'),
      enterprise: undefined,
      kind: undefined,
      severity: undefined,
      status: undefined,
    });
    expect(
      searchQuery({ range, enterprise: 'e1', kind: 'threshold', severity: 'critical', status: 'open' }),
    ).toMatchObject({ enterprise: 'e1', kind: 'threshold', severity: 'critical', status: 'open' });
  });
});

describe('response times for people', () => {
  it('shows minutes under two hours and hours above, never seconds', () => {
    expect(formatWait(165, 'zh-CN')).toBe('2.8 分钟');
    expect(formatWait(30, 'zh-CN')).toBe('0.5 分钟');
    expect(formatWait(5400, 'zh-CN')).toBe('90 分钟');
    expect(formatWait(7200, 'zh-CN')).toBe('2 小时');
    expect(formatWait(2880, 'en')).toBe('48 min');
    expect(formatWait(3 * 86400, 'en')).toBe('72 h');
    expect(formatWait(null, 'zh-CN')).toBe('—');
  });
});

describe('the per-day chart', () => {
  it('stacks each day by severity, critical first, with the dates as MM-DD', () => {
    const stats = {
      perDay: [
        { date: '2026-11-29', count: 1, critical: 1, warning: 0, info: 0 },
        { date: '2026-11-30', count: 4, critical: 2, warning: 1, info: 1 },
      ],
    } as AlertStatistics;
    const text: ChartText = { severity: (s) => s, kind: (k) => k, alerts: (n) => `${n} 条` };
    const option = perDayChartOption(stats, text);
    expect(option.xAxis.data).toEqual(['11-29', '11-30']);
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['critical', [1, 2]],
      ['warning', [0, 1]],
      ['info', [0, 1]],
    ]);
    expect(option.tooltip.valueFormatter(4)).toBe('4 条');
  });
});

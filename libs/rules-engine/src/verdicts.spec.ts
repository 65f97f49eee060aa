import { changeFrom, formatBeijingTime, formatDuration, formatNumber, withUnit } from './verdicts';

describe('explanation formatting', () => {
  it('prints at most two decimals, no trailing zeros and no negative zero', () => {
    expect(formatNumber(107)).toBe('107');
    expect(formatNumber(1 / 3)).toBe('0.33');
    expect(formatNumber(2.5)).toBe('2.5');
    expect(formatNumber(-0.001)).toBe('0');
    expect(withUnit(26, '%LEL')).toBe('26 %LEL');
    expect(withUnit(7, '')).toBe('7');
  });

  it('prints durations in hours, minutes and seconds, in both languages', () => {
    expect(formatDuration(90 * 60_000)).toEqual({ zh: '1 小时 30 分钟', en: '1 h 30 min' });
    expect(formatDuration(210_000)).toEqual({ zh: '3 分钟 30 秒', en: '3 min 30 s' });
    expect(formatDuration(0)).toEqual({ zh: '0 秒', en: '0 s' });
  });

  it('prints times in Beijing time whatever the server’s zone', () => {
    expect(formatBeijingTime(Date.UTC(2025, 11, 31, 16, 5))).toBe('2026-01-01 00:05');
  });

  it('names the change a trigger represents', () => {
    expect(changeFrom(0, 1)).toBe('opened');
    expect(changeFrom(1, 2)).toBe('escalated');
    expect(changeFrom(2, 1)).toBe('de-escalated');
    expect(changeFrom(2, 2)).toBe('continuing');
  });
});

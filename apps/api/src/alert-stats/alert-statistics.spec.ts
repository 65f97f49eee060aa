import type { AlertStatisticsRows } from '@park/records';
import { alertWindow, assembleStatistics, DAY_MS, parkDate, parkDaysOf } from './alert-statistics';
import { AlertStatsQueryError } from './alert-stats.errors';

/** 2026-11-30 00:00 Asia/Shanghai. */
const NOV_30 = Date.parse('2026-11-30T00:00:00+08:00');

const NO_ROWS: AlertStatisticsRows = {
  perDay: [],
  byKind: [],
  byEnterprise: [],
  bySeverity: [],
  byStatus: [],
  acknowledge: { count: 0, meanSeconds: null, medianSeconds: null, p90Seconds: null },
  resolve: { count: 0, meanSeconds: null, medianSeconds: null, p90Seconds: null },
  repeatOffenders: [],
};

describe('the statistics window', () => {
  it('defaults to the 30 days before now', () => {
    expect(alertWindow({}, NOV_30)).toEqual({ from: NOV_30 - 30 * DAY_MS, to: NOV_30 });
    expect(alertWindow({ to: NOV_30 + DAY_MS }, 0)).toEqual({
      from: NOV_30 - 29 * DAY_MS,
      to: NOV_30 + DAY_MS,
    });
  });

  it('refuses an empty window and one over 400 days, naming the parameter', () => {
    expect(() => alertWindow({ from: NOV_30, to: NOV_30 }, 0)).toThrow(AlertStatsQueryError);
    expect(() => alertWindow({ from: NOV_30 - 401 * DAY_MS, to: NOV_30 }, 0)).toThrow(
      'from: the window may span at most 400 days',
    );
    expect(alertWindow({ from: NOV_30 - 400 * DAY_MS, to: NOV_30 }, 0).from).toBe(NOV_30 - 400 * DAY_MS);
  });
});

describe('park-time days', () => {
  it('puts 23:59 and 00:00 Beijing time on different days whatever UTC says', () => {
    expect(parkDate(NOV_30 - 60_000)).toBe('2026-11-29');
    expect(parkDate(NOV_30)).toBe('2026-11-30');
    // 16:00 UTC is already the next day in Beijing.
    expect(parkDate(Date.parse('2026-11-30T16:00:00Z'))).toBe('2026-12-01');
  });

  it('lists every day the window touches, its end exclusive', () => {
    expect(parkDaysOf({ from: NOV_30 - DAY_MS, to: NOV_30 + DAY_MS })).toEqual(['2026-11-29', '2026-11-30']);
    expect(parkDaysOf({ from: NOV_30 - 3_600_000, to: NOV_30 + 1 })).toEqual(['2026-11-29', '2026-11-30']);
  });
});

describe('the statistics answer', () => {
  it('fills the days without alerts, splits each by severity and keeps every severity and status', () => {
    const stats = assembleStatistics({ from: NOV_30 - 2 * DAY_MS, to: NOV_30 + DAY_MS }, null, 3, {
      ...NO_ROWS,
      perDay: [
        { date: '2026-11-30', severity: 'critical', count: 2 },
        { date: '2026-11-30', severity: 'info', count: 1 },
        { date: '2026-11-28', severity: 'warning', count: 4 },
      ],
      bySeverity: [
        { severity: 'warning', count: 4 },
        { severity: 'critical', count: 2 },
        { severity: 'info', count: 1 },
      ],
      byStatus: [
        { status: 'open', count: 5 },
        { status: 'resolved', count: 2 },
      ],
      byKind: [
        { kind: 'device-offline', count: 2 },
        { kind: 'threshold', count: 5 },
      ],
    });
    expect(stats.perDay).toEqual([
      { date: '2026-11-28', count: 4, critical: 0, warning: 4, info: 0 },
      { date: '2026-11-29', count: 0, critical: 0, warning: 0, info: 0 },
      { date: '2026-11-30', count: 3, critical: 2, warning: 0, info: 1 },
    ]);
    expect(stats.total).toBe(7);
    expect(stats.bySeverity).toEqual([
      { severity: 'critical', count: 2 },
      { severity: 'warning', count: 4 },
      { severity: 'info', count: 1 },
    ]);
    expect(stats.byStatus).toEqual([
      { status: 'open', count: 5 },
      { status: 'acknowledged', count: 0 },
      { status: 'resolved', count: 2 },
      { status: 'suppressed', count: 0 },
    ]);
    expect(stats.byKind.map((k) => k.kind)).toEqual(['threshold', 'device-offline']);
    expect(stats.timeZone).toBe('Asia/Shanghai');
  });
});

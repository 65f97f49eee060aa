/**
 * The alarm statistics' pure parts: the window's defaults and bounds, the park-time days it touches, and the
 * answer assembled from the database's groups (docs/alerts.md "Statistics"). No I/O.
 */
import {
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  type AlertDayCount,
  type AlertSeverity,
  type AlertStatistics,
} from '@park/contracts';
import type { AlertStatisticsRows } from '@park/records';
import { AlertStatsQueryError } from './alert-stats.errors';

export const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 all year (no daylight saving). */
export const PARK_OFFSET_MS = 8 * 3_600_000;
/** Without `from`, the window is the 30 days before `to`. */
export const DEFAULT_WINDOW_DAYS = 30;
/** A window longer than this is refused: its per-day list and its export would be too long to read. */
export const MAX_WINDOW_DAYS = 400;
export const DEFAULT_REPEAT_THRESHOLD = 3;
/** The repeat offenders listed, most alerts first. */
export const REPEAT_OFFENDERS_LISTED = 50;

export interface AlertWindow {
  readonly from: number;
  readonly to: number;
}

/** The window asked for: `to` defaults to now, `from` to 30 days before `to`; refused if empty or over 400 days. */
export function alertWindow(query: { from?: number; to?: number }, now: number): AlertWindow {
  const to = query.to ?? now;
  const from = query.from ?? to - DEFAULT_WINDOW_DAYS * DAY_MS;
  if (from >= to) throw new AlertStatsQueryError('INVALID_ALERT_WINDOW', 'to', 'must be after from');
  if (to - from > MAX_WINDOW_DAYS * DAY_MS)
    throw new AlertStatsQueryError(
      'INVALID_ALERT_WINDOW',
      'from',
      `the window may span at most ${MAX_WINDOW_DAYS} days`,
    );
  return { from, to };
}

/** `YYYY-MM-DD` of the park-time day holding `ts`. */
export function parkDate(ts: number): string {
  return new Date(ts + PARK_OFFSET_MS).toISOString().slice(0, 10);
}

/** Every park-time day the window [from, to) touches, oldest first. */
export function parkDaysOf(window: AlertWindow): string[] {
  const days: string[] = [];
  const first = Date.parse(`${parkDate(window.from)}T00:00:00Z`);
  const last = Date.parse(`${parkDate(window.to - 1)}T00:00:00Z`);
  for (let day = first; day <= last; day += DAY_MS) days.push(new Date(day).toISOString().slice(0, 10));
  return days;
}

const bySizeThen =
  <T extends { count: number }>(name: (x: T) => string) =>
  (a: T, b: T): number =>
    b.count - a.count || name(a).localeCompare(name(b));

/** The answer: every day of the window (zeros included), every severity and status, groups largest first. */
export function assembleStatistics(
  window: AlertWindow,
  enterpriseId: string | null,
  repeatThreshold: number,
  rows: AlertStatisticsRows,
): AlertStatistics {
  const days = new Map<string, { critical: number; warning: number; info: number }>(
    parkDaysOf(window).map((d) => [d, { critical: 0, warning: 0, info: 0 }]),
  );
  for (const row of rows.perDay) {
    const day = days.get(row.date);
    if (day && isSeverity(row.severity)) day[row.severity] += row.count;
  }
  const perDay: AlertDayCount[] = [...days].map(([date, s]) => ({
    date,
    count: s.critical + s.warning + s.info,
    ...s,
  }));
  return {
    from: window.from,
    to: window.to,
    timeZone: 'Asia/Shanghai',
    enterpriseId,
    total: rows.byStatus.reduce((sum, g) => sum + g.count, 0),
    perDay,
    byKind: [...rows.byKind].sort(bySizeThen((g) => g.kind)),
    byEnterprise: [...rows.byEnterprise].sort(bySizeThen((g) => g.enterpriseName)),
    bySeverity: [...ALERT_SEVERITIES].reverse().map((severity) => ({
      severity,
      count: rows.bySeverity.find((g) => g.severity === severity)?.count ?? 0,
    })),
    byStatus: ALERT_STATUSES.map((status) => ({
      status,
      count: rows.byStatus.find((g) => g.status === status)?.count ?? 0,
    })),
    acknowledge: rows.acknowledge,
    resolve: rows.resolve,
    repeatThreshold,
    repeatOffenders: [...rows.repeatOffenders],
  };
}

function isSeverity(value: string): value is AlertSeverity {
  return (ALERT_SEVERITIES as readonly string[]).includes(value);
}

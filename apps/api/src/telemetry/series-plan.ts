/**
 * How a telemetry series request is read: from the raw points or the hourly means, whether to aggregate and at
 * what interval. Pure (no I/O); the store's query port (TelemetryQueries) turns the plan into its own query.
 */
import type { DataQuality, MetricType, SeriesResolution } from '@park/contracts';
import type { SeriesPoint, TelemetrySource } from '@park/telemetry-store';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEFAULT_POINTS = 300;
export const MIN_POINTS = 10;
export const MAX_POINTS = 2_000;
/** The longest window one request may ask for. */
export const MAX_RANGE_MS = 400 * DAY;
/** Raw points are kept 90 days by default (the stores' raw retention; the embedded store's TELEMETRY_RETENTION_DAYS). */
export const RAW_RETENTION_MS = 90 * DAY;
/** Longer windows read the hourly means even when raw points still exist: a month of raw data is too much. */
export const RAW_MAX_RANGE_MS = 30 * DAY;

/** Bucket widths an interval is rounded up to, so buckets fall on round clock times. */
export const INTERVAL_STEPS_MS: readonly number[] = [
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  2 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
];

export type SeriesSource = TelemetrySource;

/** Midnight in Asia/Shanghai (UTC+8 all year) is 16:00 UTC: the offset that makes day buckets the park's days. */
export const PARK_DAY_OFFSET_MS = 16 * HOUR;

/** The hourly source's bucket for an asked-for resolution: one hour, or one park day starting at its midnight. */
export function meanBuckets(resolution: Exclude<SeriesResolution, 'raw'>): {
  intervalMs: number;
  offsetMs: number;
} {
  return resolution === 'hour'
    ? { intervalMs: HOUR, offsetMs: 0 }
    : { intervalMs: DAY, offsetMs: PARK_DAY_OFFSET_MS };
}

/** `ceil(range / points)` rounded up to the next step (whole days beyond the last step); at least `floor`. */
export function intervalFor(rangeMs: number, points: number, floorMs = SECOND): number {
  const wanted = Math.max(Math.ceil(rangeMs / points), floorMs);
  const step = INTERVAL_STEPS_MS.find((s) => s >= wanted);
  return step ?? Math.ceil(wanted / DAY) * DAY;
}

/** Raw points while they exist (`rawRetentionMs`) and the window is at most a month; the hourly means otherwise. */
export function sourceFor(
  from: number,
  to: number,
  now: number,
  rawRetentionMs = RAW_RETENTION_MS,
): SeriesSource {
  return from < now - rawRetentionMs || to - from > RAW_MAX_RANGE_MS ? 'hourly' : 'raw';
}

/**
 * Numbers are averaged; a boolean (an alarm flag) keeps its maximum, so a bucket with any alarm shows it. From the
 * hourly data that is the mean of the hourly means, or the maximum of the hourly maxima (booleans have no mean).
 */
export function aggregateOf(type: MetricType): 'mean' | 'max' {
  return type === 'boolean' ? 'max' : 'mean';
}

export interface SeriesPointOut {
  readonly ts: number;
  readonly value: number;
  readonly quality?: DataQuality;
}

/**
 * The store's points for a chart: booleans as 1/0, points without a value dropped, a flagged raw point with its
 * `quality` (HJ 212 data flag) so the chart can mark it.
 */
export function toPoints(points: readonly SeriesPoint[]): SeriesPointOut[] {
  const out: SeriesPointOut[] = [];
  for (const { ts, value, quality } of points) {
    const v = typeof value === 'boolean' ? (value ? 1 : 0) : value;
    if (typeof v === 'number' && Number.isFinite(v))
      out.push(quality ? { ts, value: v, quality } : { ts, value: v });
  }
  return out;
}

/**
 * A time given as epoch milliseconds (digits only) or as an ISO 8601 date-time with a zone (`Z` or `±hh:mm`);
 * anything else is NaN. A time without a zone is refused rather than read in the server's zone.
 */
export function parseInstant(value: unknown): number {
  if (typeof value === 'number') return Number.isInteger(value) ? value : NaN;
  if (typeof value !== 'string') return NaN;
  const text = value.trim();
  if (/^\d{1,15}$/.test(text)) return Number(text);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return NaN;
  return Date.parse(text);
}

import type { SeriesPoint } from './telemetry-store';

/**
 * The telemetry-query port: the few read shapes the API needs, so no caller builds a query language string.
 * InfluxV1Store answers them with InfluxQL, SqliteTelemetryStore with bound SQL; the contract suite
 * (test/integration/telemetry-store-contract.int-spec.ts) holds both to the same answers.
 *
 * Times are epoch milliseconds and every range is half-open, [from, to). A caller wanting `to` itself passes
 * `to + 1` (points are stored at millisecond precision).
 */
export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

/** One metric (field) of one device's readings; the enterprise narrows it further when given. */
export interface DeviceMetricRange extends TimeRange {
  /** Device kind; its measurement is `measurementFor(kind)`. */
  readonly kind: string;
  readonly metric: string;
  readonly deviceId: string;
  readonly enterpriseId?: string;
}

/** Where a read looks: the raw points (kept 90 days) or the hourly min/mean/max (kept 5 years). */
export type TelemetrySource = 'raw' | 'hourly';

/** `mean` for numbers; `min` and `max` for numbers and booleans (max of a flag: any alarm in the bucket). */
export type Aggregate = 'mean' | 'min' | 'max';

export interface BucketQuery extends DeviceMetricRange {
  readonly source: TelemetrySource;
  /**
   * From the raw source: this aggregate of the points. From the hourly source: this aggregate of the hours'
   * same aggregate (mean of hourly means, max of hourly maxima).
   */
  readonly aggregate: Aggregate;
  /** Bucket width; buckets are aligned to the epoch as InfluxQL's GROUP BY time() is. */
  readonly intervalMs: number;
  /**
   * Shifts the buckets: they start at `offsetMs + k × intervalMs` (InfluxQL's `GROUP BY time(interval, offset)`),
   * taken modulo the interval; default 0. Days of the park's clock: `intervalMs` one day, `offsetMs` 16 h
   * (midnight in Asia/Shanghai, UTC+8, is 16:00 UTC).
   */
  readonly offsetMs?: number;
}

/** A bucket offset taken modulo the interval, in [0, interval); both stores shift their buckets by it. */
export function bucketOffset(intervalMs: number, offsetMs = 0): number {
  const interval = Math.trunc(intervalMs);
  return interval > 0 ? ((Math.trunc(offsetMs) % interval) + interval) % interval : 0;
}

/** One metric of every device of a kind. */
export interface KindMetricRange extends TimeRange {
  readonly kind: string;
  readonly metric: string;
}

export interface TelemetryQueries {
  /** How many raw points of the metric the range holds. */
  countPoints(query: DeviceMetricRange): Promise<number>;
  /** The raw points, oldest first, each flagged one with its `quality` (HJ 212 data flag). */
  points(query: DeviceMetricRange): Promise<SeriesPoint[]>;
  /**
   * One aggregate per bucket that has data (empty buckets are left out), bucket start as its time, oldest first.
   * Only normal values are aggregated: a flagged value (fault, calibration, over range…) is never averaged in.
   */
  buckets(query: BucketQuery): Promise<SeriesPoint[]>;
  /**
   * A cumulative counter's rise per hour: differences of consecutive raw points in the range (each attributed to
   * the later point's hour, negative ones — a reset — dropped, as InfluxQL's non_negative_difference), summed per
   * hour; hours without a difference are left out. Read from a lookback before the hours wanted and use only
   * those: the first hour of the range is store-specific (InfluxDB 1.x widens the difference's subquery by one
   * hour and may count a difference from a point before `from`; SQLite does not).
   */
  hourlyIncrease(query: DeviceMetricRange): Promise<SeriesPoint[]>;
  /**
   * Per hour of the range, how many normal (unflagged) raw values of the metric the hourly rollup averaged: what a
   * report needs to tell a valid hourly mean (HJ 75-2017: at least 45 minutes of valid data) from a thin one. An
   * hour rolled up before the rollup kept counts has none and is left out, as are hours without data.
   */
  hourlyCounts(query: DeviceMetricRange): Promise<SeriesPoint[]>;
  /** Per device: the time of its newest raw point (any kind, any metric) at or after `from`. */
  lastSeenPerDevice(from: number): Promise<Map<string, number>>;
  /** Per device of the kind: its newest value of the metric at or after `from`, with its time and quality. */
  lastValuePerDevice(query: {
    kind: string;
    metric: string;
    from: number;
  }): Promise<Map<string, SeriesPoint>>;
  /** Per device of the kind: max − min of the metric over the range (numbers only). */
  spreadPerDevice(query: KindMetricRange): Promise<Map<string, number>>;
}

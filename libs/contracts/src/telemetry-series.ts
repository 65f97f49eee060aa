import type { DataQuality } from './data-quality';

/**
 * The answer of `GET /api/telemetry/series` (apps/api/src/telemetry): one device's metric over a window, as the
 * web app charts it. Times are epoch ms.
 */
export interface TelemetrySeriesPoint {
  /** The reading's time, or the bucket's start when aggregated. */
  readonly ts: number;
  /** The reading, or the bucket's mean (the maximum for an alarm flag; flags are 1/0). */
  readonly value: number;
  /**
   * A raw reading the analyser flagged (HJ 212 data flag other than N: F, M, S, D, C, T, B); absent for a normal one.
   * Bucket aggregates are of normal readings only and carry no quality.
   */
  readonly quality?: DataQuality;
}

/**
 * What a series request may ask for instead of letting the API size the buckets (`?resolution=`): `raw` the
 * readings (averaged into round buckets only when there are more than `points`), `hour` the hourly means, `day`
 * the daily means of the park's calendar days (Asia/Shanghai), computed from the hourly means.
 */
export const SERIES_RESOLUTIONS = ['raw', 'hour', 'day'] as const;
export type SeriesResolution = (typeof SERIES_RESOLUTIONS)[number];

export interface TelemetrySeries {
  readonly deviceId: string;
  readonly metric: string;
  readonly unit: string;
  readonly label: { readonly zh: string; readonly en: string };
  /** `boolean` for an alarm flag (its points are 1/0). */
  readonly type: 'number' | 'boolean';
  readonly from: number;
  readonly to: number;
  /**
   * Bucket width of aggregated points; null when the points are the raw readings. 86 400 000 with `source: hourly`
   * asked as `resolution=day`: each point is the mean of one Asia/Shanghai day, `ts` its 00:00 (16:00 UTC).
   */
  readonly intervalMs: number | null;
  /** Raw readings (kept 90 days) or the hourly means (kept 5 years). */
  readonly source: 'raw' | 'hourly';
  readonly points: readonly TelemetrySeriesPoint[];
}

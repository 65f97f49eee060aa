import type { DataQuality, TelemetryRecord } from '@park/contracts';

export interface StoreRejection {
  readonly record: TelemetryRecord;
  readonly detail: string;
}

export interface WriteOutcome {
  readonly written: number;
  /** Points the store refused as invalid (never retried; they belong on the rejected topic). */
  readonly rejected: readonly StoreRejection[];
}

export interface SeriesPoint {
  readonly ts: number;
  readonly value: number | boolean | null;
  /** The HJ 212 data flag of a flagged raw point (`points`, `lastValuePerDevice`); absent for a normal value and for aggregates. */
  readonly quality?: DataQuality;
}

export interface MetricQuery {
  readonly kind: string;
  readonly metric: string;
  readonly deviceId?: string;
  readonly enterpriseId?: string;
  readonly from: number;
  readonly to: number;
}

/**
 * The telemetry-store port. InfluxDB in microservices mode; an embedded store in standalone mode.
 * Writes are idempotent: a point is identified by measurement, tags and device timestamp, so a replay overwrites.
 */
export interface TelemetryStore {
  /** Creates the database, retention policies and downsampling if missing (idempotent). */
  ensureSchema(): Promise<void>;
  write(records: readonly TelemetryRecord[]): Promise<WriteOutcome>;
  queryRaw(query: MetricQuery): Promise<SeriesPoint[]>;
  ping(): Promise<boolean>;
}

export const TELEMETRY_STORE = Symbol('TelemetryStore');

/** A transient failure (5xx, timeout, connection refused): the caller retries; nothing is committed. */
export class StoreUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

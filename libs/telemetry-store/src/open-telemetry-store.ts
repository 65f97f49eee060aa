import { Logger, type Provider } from '@nestjs/common';
import type { TelemetryRecord } from '@park/contracts';
import { InfluxV1Store } from './influx-v1-store';
import { DEFAULT_RAW_RETENTION_MS, SqliteTelemetryStore, type SqliteTelemetryOptions } from './sqlite-store';
import type {
  BucketQuery,
  DeviceMetricRange,
  KindMetricRange,
  TelemetryQueries,
  TimeRange,
} from './telemetry-queries';
import {
  TELEMETRY_STORE,
  type MetricQuery,
  type SeriesPoint,
  type TelemetryStore,
  type WriteOutcome,
} from './telemetry-store';

/** The configuration both stores are chosen from (libs/config influxSpec). */
export interface TelemetryStoreConfig {
  /** When set, telemetry lives in this embedded SQLite file instead of InfluxDB. */
  readonly TELEMETRY_SQLITE_PATH: string;
  /** The embedded store's raw retention, days (default 90); the first lease of a file sets it. */
  readonly TELEMETRY_RETENTION_DAYS?: number;
  readonly INFLUX_URL: string;
  readonly INFLUX_DATABASE: string;
  readonly INFLUX_USERNAME: string;
  readonly INFLUX_PASSWORD: string;
}

/** A store that writes, answers the API's queries, rolls up hours on demand, and is closed once by its owner. */
export interface TelemetryBackend extends TelemetryStore, TelemetryQueries {
  /** Runs the hourly roll-up for [from, to) now (a backfill; tests). */
  rollUp(range: TimeRange): Promise<void>;
  /** Safe to call more than once. */
  close(): Promise<void>;
}

/**
 * The configured telemetry store. SQLite stores are shared per path within the process, so several Nest modules
 * of one process (standalone mode) write and read one file through one connection: each call returns its own
 * lease, and the file is closed when the last lease is. Nest closes a provider's lease at shutdown
 * (onApplicationShutdown).
 */
export function openTelemetryStore(config: TelemetryStoreConfig): TelemetryBackend & {
  onApplicationShutdown(): Promise<void>;
} {
  if (config.TELEMETRY_SQLITE_PATH)
    return SQLITE_STORES.lease(config.TELEMETRY_SQLITE_PATH, {
      rawRetentionMs:
        config.TELEMETRY_RETENTION_DAYS === undefined
          ? DEFAULT_RAW_RETENTION_MS
          : config.TELEMETRY_RETENTION_DAYS * DAY_MS,
    });
  const influx = new InfluxV1Store({
    url: config.INFLUX_URL,
    database: config.INFLUX_DATABASE,
    username: config.INFLUX_USERNAME,
    password: config.INFLUX_PASSWORD,
  });
  return Object.assign(influx, { onApplicationShutdown: () => influx.close() });
}

const DAY_MS = 86_400_000;

/** Shared SQLite stores by path, counted by open leases. */
class SqliteStoreRegistry {
  private readonly open = new Map<string, { store: SqliteTelemetryStore; leases: number }>();

  /** A lease of the store of `path`; `options` apply when this opens the file (the first lease of it). */
  lease(path: string, options: Omit<SqliteTelemetryOptions, 'path'> = {}): SqliteStoreLease {
    let entry = this.open.get(path);
    if (!entry) {
      const logger = new Logger('SqliteTelemetryStore');
      const store = new SqliteTelemetryStore({
        onMaintenanceError: (error) =>
          logger.warn(`maintenance of ${path} failed (retried): ${error.message}`),
        ...options,
        path,
      });
      entry = { store, leases: 0 };
      this.open.set(path, entry);
    }
    entry.leases++;
    const { store } = entry;
    return new SqliteStoreLease(store, () => this.release(path, store));
  }

  /** How many leases of `path` are open (0 when the file is closed). */
  leases(path: string): number {
    return this.open.get(path)?.leases ?? 0;
  }

  private async release(path: string, store: SqliteTelemetryStore): Promise<void> {
    const entry = this.open.get(path);
    if (!entry || entry.store !== store) return;
    entry.leases--;
    if (entry.leases > 0) return;
    this.open.delete(path);
    await store.close();
  }
}

export const SQLITE_STORES = new SqliteStoreRegistry();

/** One owner's handle on a shared SqliteTelemetryStore; closing it releases the handle once. */
export class SqliteStoreLease implements TelemetryBackend {
  private released: Promise<void> | undefined;

  constructor(
    readonly store: SqliteTelemetryStore,
    private readonly release: () => Promise<void>,
  ) {}

  ensureSchema(): Promise<void> {
    return this.store.ensureSchema();
  }
  write(records: readonly TelemetryRecord[]): Promise<WriteOutcome> {
    return this.store.write(records);
  }
  queryRaw(query: MetricQuery): Promise<SeriesPoint[]> {
    return this.store.queryRaw(query);
  }
  ping(): Promise<boolean> {
    return this.released ? Promise.resolve(false) : this.store.ping();
  }
  countPoints(query: DeviceMetricRange): Promise<number> {
    return this.store.countPoints(query);
  }
  points(query: DeviceMetricRange): Promise<SeriesPoint[]> {
    return this.store.points(query);
  }
  buckets(query: BucketQuery): Promise<SeriesPoint[]> {
    return this.store.buckets(query);
  }
  hourlyIncrease(query: DeviceMetricRange): Promise<SeriesPoint[]> {
    return this.store.hourlyIncrease(query);
  }
  hourlyCounts(query: DeviceMetricRange): Promise<SeriesPoint[]> {
    return this.store.hourlyCounts(query);
  }
  lastSeenPerDevice(from: number): Promise<Map<string, number>> {
    return this.store.lastSeenPerDevice(from);
  }
  lastValuePerDevice(query: {
    kind: string;
    metric: string;
    from: number;
  }): Promise<Map<string, SeriesPoint>> {
    return this.store.lastValuePerDevice(query);
  }
  spreadPerDevice(query: KindMetricRange): Promise<Map<string, number>> {
    return this.store.spreadPerDevice(query);
  }
  rollUp(range: TimeRange): Promise<void> {
    return this.store.rollUp(range);
  }
  close(): Promise<void> {
    this.released ??= this.release();
    return this.released;
  }
  onApplicationShutdown(): Promise<void> {
    return this.close();
  }
}

/** The Nest provider of TELEMETRY_STORE: the configured store, its lease closed at application shutdown. */
export function telemetryStoreProvider(config: TelemetryStoreConfig): Provider {
  return { provide: TELEMETRY_STORE, useFactory: () => openTelemetryStore(config) };
}

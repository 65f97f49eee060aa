import { Logger, type Provider } from '@nestjs/common';
import { InfluxV1Store } from './influx-v1-store';
import { DEFAULT_RAW_RETENTION_MS, SqliteTelemetryStore } from './sqlite-store';
import type { TelemetryQueries, TimeRange } from './telemetry-queries';
import { TELEMETRY_STORE, type TelemetryStore } from './telemetry-store';

/** The configuration both stores are chosen from (libs/config influxSpec). */
export interface TelemetryStoreConfig {
  /** When set, telemetry lives in this embedded SQLite file instead of InfluxDB. */
  readonly TELEMETRY_SQLITE_PATH: string;
  /** The embedded store's raw retention, days (default 90). */
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
 * The configured telemetry store, owned by the caller: the embedded SQLite store when TELEMETRY_SQLITE_PATH is set,
 * else InfluxDB. One app opens it once (TelemetryStoreModule) and Nest closes it at shutdown (onApplicationShutdown).
 */
export function openTelemetryStore(config: TelemetryStoreConfig): TelemetryBackend & {
  onApplicationShutdown(): Promise<void>;
} {
  const store: TelemetryBackend = config.TELEMETRY_SQLITE_PATH
    ? sqliteStore(config.TELEMETRY_SQLITE_PATH, config.TELEMETRY_RETENTION_DAYS)
    : new InfluxV1Store({
        url: config.INFLUX_URL,
        database: config.INFLUX_DATABASE,
        username: config.INFLUX_USERNAME,
        password: config.INFLUX_PASSWORD,
      });
  return Object.assign(store, { onApplicationShutdown: () => store.close() });
}

const DAY_MS = 86_400_000;

function sqliteStore(path: string, retentionDays: number | undefined): SqliteTelemetryStore {
  const logger = new Logger('SqliteTelemetryStore');
  return new SqliteTelemetryStore({
    path,
    rawRetentionMs: retentionDays === undefined ? DEFAULT_RAW_RETENTION_MS : retentionDays * DAY_MS,
    onMaintenanceError: (error) => logger.warn(`maintenance of ${path} failed (retried): ${error.message}`),
  });
}

/** The Nest provider of TELEMETRY_STORE: the configured store, its lease closed at application shutdown. */
export function telemetryStoreProvider(config: TelemetryStoreConfig): Provider {
  return { provide: TELEMETRY_STORE, useFactory: () => openTelemetryStore(config) };
}

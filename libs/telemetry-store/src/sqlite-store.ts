import Database from 'better-sqlite3';
import { isDataQuality, type TelemetryRecord } from '@park/contracts';
import { measurementFor, toLine } from './line-protocol';
import {
  bucketOffset,
  type Aggregate,
  type BucketQuery,
  type DeviceMetricRange,
  type KindMetricRange,
  type TelemetryQueries,
  type TimeRange,
} from './telemetry-queries';
import {
  StoreUnavailableError,
  type MetricQuery,
  type SeriesPoint,
  type StoreRejection,
  type TelemetryStore,
  type WriteOutcome,
} from './telemetry-store';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The raw retention when none is configured: InfluxDB's `raw` policy (deploy/influxdb). */
export const DEFAULT_RAW_RETENTION_MS = 90 * DAY_MS;

export interface SqliteTelemetryOptions {
  /** The database file (created if missing); `:memory:` for a throwaway store. */
  readonly path: string;
  /**
   * Raw points older than this are deleted, and refused on write (default 90 d, as InfluxDB's `raw` policy). The
   * hourly min/mean/max of those hours stay (hourlyRetentionMs).
   */
  readonly rawRetentionMs?: number;
  /** Hourly min/mean/max older than this are deleted (InfluxDB: 260 w `hourly` policy). */
  readonly hourlyRetentionMs?: number;
  /** How often ended hours are rolled up and retention applied; 0 turns the timer off (tests call maintain()). */
  readonly maintenanceIntervalMs?: number;
  /** Rows deleted per transaction by retention, which yields to the event loop between two (default 2,000). */
  readonly retentionBatchRows?: number;
  /** The clock retention and "has this hour ended" are judged by. */
  readonly now?: () => number;
  /** Told about a failed periodic maintenance run (the next run retries). */
  readonly onMaintenanceError?: (error: Error) => void;
}

type FieldType = 'number' | 'boolean';

interface SeriesRow {
  readonly id: number;
  readonly device: string;
}

/**
 * The telemetry store of standalone mode: InfluxDB's data model in one SQLite file (better-sqlite3, WAL).
 *
 * - `series` — one row per measurement (`measurementFor(kind)`) and tag set (device, enterprise, kind, role);
 * - `raw` — one row per (series, field, ms timestamp): a replayed point overwrites its fields, as in InfluxDB;
 *   numbers as REAL, booleans as 0/1 typed by `field_types`, where a field keeps its first type per measurement
 *   (a point that disagrees is rejected, as InfluxDB answers 400 to a field type conflict); `quality` holds a
 *   flagged value's HJ 212 data flag (InfluxDB's `quality` tag), NULL for a normal one. (InfluxDB keeps a value
 *   re-sent at the same instant with another flag as a second point in another series; here it overwrites.)
 * - `hourly` — min, mean, max and count per (series, field, hour), the continuous query's `min_x`, `mean_x`, `max_x`, `count_x`
 *   (booleans: min and max only) of the normal values, as the API reads InfluxDB's with `"quality" = ''`. Writes
 *   mark their hours in `hourly_pending`; an hour is rolled up from its raw
 *   points once it has ended (InfluxDB's CQ does the same, on schedule) — by the periodic maintenance, and before
 *   any read of the hourly data — and again whenever a late point changes it.
 *
 * One process owns the file (openTelemetryStore shares one instance per path); every statement is prepared once
 * and every value is a bound parameter.
 */
export class SqliteTelemetryStore implements TelemetryStore, TelemetryQueries {
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly rawRetentionMs: number;
  private readonly hourlyRetentionMs: number;
  private readonly retentionBatchRows: number;
  private readonly timer: NodeJS.Timeout | undefined;
  /** The periodic run in progress: the timer does not start another before it ends. */
  private maintaining: Promise<unknown> | undefined;
  private readonly seriesIds = new Map<string, number>();
  private readonly fieldTypes = new Map<string, FieldType>();
  private closed = false;
  private readonly sql: ReturnType<typeof prepareStatements>;

  constructor(private readonly options: SqliteTelemetryOptions) {
    this.now = options.now ?? (() => Date.now());
    this.rawRetentionMs = options.rawRetentionMs ?? DEFAULT_RAW_RETENTION_MS;
    this.retentionBatchRows = Math.max(1, options.retentionBatchRows ?? 2000);
    this.hourlyRetentionMs = options.hourlyRetentionMs ?? 260 * 7 * DAY_MS;
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    addMissingColumns(this.db);
    this.sql = prepareStatements(this.db);
    for (const row of this.sql.allFieldTypes.all())
      this.fieldTypes.set(fieldKey(row.measurement, row.field), row.type);
    const every = options.maintenanceIntervalMs ?? 60_000;
    if (every > 0) {
      this.timer = setInterval(() => {
        if (this.maintaining || this.closed) return;
        this.maintaining = this.maintain()
          .catch((error: unknown) => {
            if (!this.closed) options.onMaintenanceError?.(error as Error);
          })
          .finally(() => (this.maintaining = undefined));
      }, every);
      this.timer.unref();
    }
  }

  get path(): string {
    return this.options.path;
  }

  /** Creates the tables if missing (opening the file already does). */
  ensureSchema(): Promise<void> {
    return this.run(() => {
      this.assertOpen();
      this.db.exec(SCHEMA);
      addMissingColumns(this.db);
    });
  }

  ping(): Promise<boolean> {
    return this.run(() => {
      if (this.closed) return false;
      try {
        return this.db.prepare('SELECT 1 AS ok').get() !== undefined;
      } catch {
        return false;
      }
    });
  }

  /** Idempotent; stops the maintenance timer and closes the file (the WAL is checkpointed into it). */
  close(): Promise<void> {
    return this.run(() => {
      if (this.closed) return;
      this.closed = true;
      if (this.timer) clearInterval(this.timer);
      this.db.close();
    });
  }

  /** All points in one transaction; a refused point is returned in `rejected` and the others are written. */
  write(records: readonly TelemetryRecord[]): Promise<WriteOutcome> {
    return this.run(() => {
      this.assertOpen();
      const oldest = this.now() - this.rawRetentionMs;
      const rejected: StoreRejection[] = [];
      let written = 0;
      const writeAll = this.db.transaction(() => {
        for (const record of records) {
          const refusal = this.refusal(record, oldest);
          if (refusal) {
            rejected.push({ record, detail: refusal });
            continue;
          }
          this.writeOne(record);
          written++;
        }
      });
      try {
        writeAll();
      } catch (error) {
        // Rolled back (busy, disk full, I/O): forget ids and types it had added; the caller retries the batch.
        this.reloadCaches();
        throw new StoreUnavailableError(`SQLite telemetry write failed: ${(error as Error).message}`);
      }
      return { written, rejected };
    });
  }

  /** Why InfluxDB would refuse this point, or undefined when it is fine. */
  private refusal(record: TelemetryRecord, oldest: number): string | undefined {
    try {
      toLine(record); // the same identifier and number checks as the line InfluxDB would be sent
    } catch (error) {
      return (error as Error).message;
    }
    if (!Number.isFinite(record.ts)) return 'invalid timestamp';
    if (Math.trunc(record.ts) < oldest) return 'partial write: points beyond retention policy dropped=1';
    const entries = Object.entries(record.values);
    if (entries.length === 0) return 'unable to parse: a point needs at least one field';
    const measurement = measurementFor(record.kind);
    for (const [field, value] of entries) {
      const type: FieldType = typeof value === 'boolean' ? 'boolean' : 'number';
      const known = this.fieldTypes.get(fieldKey(measurement, field));
      if (known && known !== type)
        return `partial write: field type conflict: input field "${field}" on measurement "${measurement}" is type ${type}, already exists as type ${known} dropped=1`;
    }
    return undefined;
  }

  private writeOne(record: TelemetryRecord): void {
    const measurement = measurementFor(record.kind);
    const seriesId = this.seriesIdFor(measurement, record);
    const ts = Math.trunc(record.ts);
    const flags = record.flags;
    for (const [field, value] of Object.entries(record.values)) {
      const key = fieldKey(measurement, field);
      if (!this.fieldTypes.has(key)) {
        const type: FieldType = typeof value === 'boolean' ? 'boolean' : 'number';
        this.sql.insertFieldType.run(measurement, field, type);
        this.fieldTypes.set(key, type);
      }
      const quality = flags && Object.prototype.hasOwnProperty.call(flags, field) ? flags[field] : null;
      this.sql.upsertRaw.run(
        seriesId,
        field,
        ts,
        typeof value === 'boolean' ? (value ? 1 : 0) : value,
        quality,
      );
    }
    this.sql.markPending.run(seriesId, hourOf(ts));
  }

  private seriesIdFor(measurement: string, record: TelemetryRecord): number {
    const tags = [measurement, record.deviceId, record.enterpriseId, record.kind, record.role ?? ''] as const;
    const key = tags.join('\u0000');
    const cached = this.seriesIds.get(key);
    if (cached !== undefined) return cached;
    this.sql.insertSeries.run(...tags);
    const id = this.sql.seriesId.get(...tags)?.id;
    if (id === undefined) throw new Error('series row missing right after its insert');
    this.seriesIds.set(key, id);
    return id;
  }

  private reloadCaches(): void {
    this.seriesIds.clear();
    this.fieldTypes.clear();
    for (const row of this.sql.allFieldTypes.all())
      this.fieldTypes.set(fieldKey(row.measurement, row.field), row.type);
  }

  /**
   * Rolls up ended hours and applies retention; the periodic timer calls it. Raw points past the retention are
   * deleted oldest first, at most `retentionBatchRows` per transaction, yielding to the event loop between two:
   * a store that has a backlog to delete (the first run after the retention is shortened, say) keeps taking
   * writes and answering reads meanwhile. The hourly min/mean/max of deleted points stay until their own
   * retention. Resolves with the raw rows deleted.
   */
  async maintain(): Promise<number> {
    this.assertOpen();
    this.rollUpPending();
    const now = this.now();
    const rawBefore = now - this.rawRetentionMs;
    const hourlyBefore = now - this.hourlyRetentionMs;
    let deleted = 0;
    for (const { id, field } of this.sql.seriesFields.all()) {
      for (;;) {
        if (this.closed) return deleted;
        const batch = this.db.transaction(() => this.deleteOldestRaw(id, field, rawBefore))();
        deleted += batch;
        if (batch < this.retentionBatchRows) break;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    if (this.closed) return deleted;
    this.db.transaction(() => {
      for (const { id, field } of this.sql.seriesFields.all())
        this.sql.deleteHourlyBefore.run(id, field, hourlyBefore);
      this.sql.deletePendingBefore.run(rawBefore - HOUR_MS);
    })();
    return deleted;
  }

  /** Deletes up to `retentionBatchRows` of one series' field's oldest raw points before `before`: how many. */
  private deleteOldestRaw(seriesId: number, field: string, before: number): number {
    // Timestamps are unique per (series, field): everything up to the batch's last timestamp is one batch.
    const last = this.sql.nthOldestRawBefore.get(seriesId, field, before, this.retentionBatchRows - 1);
    const bound = last ? last.ts + 1 : before;
    return this.sql.deleteRawBefore.run(seriesId, field, bound).changes;
  }

  /** Rolls up every hour in [from, to) now, ended or not (tests; a backfill). */
  rollUp(range: TimeRange): Promise<void> {
    return this.run(() => {
      this.assertOpen();
      const first = hourOf(range.from);
      this.db.transaction(() => {
        for (const { id } of this.sql.allSeries.all())
          for (let hour = first; hour < range.to; hour += HOUR_MS) this.rollUpHour(id, hour);
      })();
    });
  }

  private rollUpPending(): void {
    const ended = hourOf(this.now()) - HOUR_MS;
    const pending = this.sql.pendingUpTo.all(ended);
    if (pending.length === 0) return;
    this.db.transaction(() => {
      for (const { series_id: id, hour } of pending) this.rollUpHour(id, hour);
    })();
  }

  /** Recomputes one series' hour from its raw points (min, mean, max in time order, as InfluxDB's reducers). */
  private rollUpHour(seriesId: number, hour: number): void {
    for (const { field, type } of this.sql.fieldsOfSeries.all(seriesId)) {
      const rows = this.sql.rawRange.all(seriesId, field, hour, hour + HOUR_MS);
      if (rows.length === 0) {
        this.sql.deleteHourly.run(seriesId, field, hour);
        continue;
      }
      const values = rows.map((r) => r.value);
      const mean = type === 'number' ? reduce('mean', values) : null;
      this.sql.upsertHourly.run(
        seriesId,
        field,
        hour,
        reduce('min', values),
        mean,
        reduce('max', values),
        values.length,
      );
    }
    this.sql.deletePending.run(seriesId, hour);
  }

  queryRaw(query: MetricQuery): Promise<SeriesPoint[]> {
    return this.run(() => {
      this.assertOpen();
      const measurement = measurementFor(query.kind);
      const type = this.fieldTypes.get(fieldKey(measurement, query.metric));
      if (!type) return [];
      const rows = this.sql.rawOfQuery.all({
        measurement,
        device: query.deviceId ?? null,
        enterprise: query.enterpriseId ?? null,
        field: query.metric,
        from: Math.trunc(query.from),
        to: Math.trunc(query.to) + 1,
      });
      return rows.map((r) => ({ ts: r.ts, value: typed(type, r.value) }));
    });
  }

  countPoints(query: DeviceMetricRange): Promise<number> {
    return this.run(() => {
      this.assertOpen();
      return this.sql.countRaw.get(params(query))?.n ?? 0;
    });
  }

  points(query: DeviceMetricRange): Promise<SeriesPoint[]> {
    return this.run(() => {
      this.assertOpen();
      const type = this.typeOf(query);
      if (!type) return [];
      const rows = this.sql.rawPointsOfDevice.all(params(query));
      return rows.map((r) =>
        isDataQuality(r.quality)
          ? { ts: r.ts, value: typed(type, r.value), quality: r.quality }
          : { ts: r.ts, value: typed(type, r.value) },
      );
    });
  }

  buckets(query: BucketQuery): Promise<SeriesPoint[]> {
    return this.run(() => {
      this.assertOpen();
      const type = this.typeOf(query);
      if (!type) return [];
      if (query.aggregate === 'mean' && type === 'boolean')
        throw new Error(`mean is not defined for the boolean field "${query.metric}"`);
      const interval = Math.trunc(query.intervalMs);
      if (!(interval > 0)) throw new Error('the bucket interval must be at least 1 ms');
      let rows: { ts: number; value: number | null }[];
      if (query.source === 'raw') {
        rows = this.sql.rawNormalOfDevice.all(params(query));
      } else {
        this.rollUpPending();
        rows = this.sql.hourlyOfDevice[query.aggregate].all(params(query));
      }
      const offset = bucketOffset(interval, query.offsetMs);
      const out: SeriesPoint[] = [];
      let bucket = Number.NaN;
      let values: number[] = [];
      const flush = () => {
        if (values.length > 0) out.push({ ts: bucket, value: typed(type, reduce(query.aggregate, values)) });
      };
      for (const row of rows) {
        if (row.value === null) continue;
        const start = Math.floor((row.ts - offset) / interval) * interval + offset;
        if (start !== bucket) {
          flush();
          bucket = start;
          values = [];
        }
        values.push(row.value);
      }
      flush();
      return out;
    });
  }

  hourlyCounts(query: DeviceMetricRange): Promise<SeriesPoint[]> {
    return this.run(() => {
      this.assertOpen();
      if (!this.typeOf(query)) return [];
      this.rollUpPending();
      return this.sql.hourlyCountsOfDevice.all(params(query)).map((r) => ({ ts: r.ts, value: r.value }));
    });
  }

  hourlyIncrease(query: DeviceMetricRange): Promise<SeriesPoint[]> {
    return this.run(() => {
      this.assertOpen();
      const type = this.typeOf(query);
      if (!type) return [];
      if (type === 'boolean')
        throw new Error(`a difference is not defined for the boolean field "${query.metric}"`);
      const rows = this.sql.rawOfDevice.all(params(query));
      const byHour = new Map<number, number>();
      for (let i = 1; i < rows.length; i++) {
        const difference = rows[i].value - rows[i - 1].value;
        if (difference < 0) continue;
        const hour = hourOf(rows[i].ts);
        byHour.set(hour, (byHour.get(hour) ?? 0) + difference);
      }
      return [...byHour.entries()].map(([ts, value]) => ({ ts, value }));
    });
  }

  lastSeenPerDevice(from: number): Promise<Map<string, number>> {
    return this.run(() => {
      this.assertOpen();
      const out = new Map<string, number>();
      for (const { device, ts } of this.sql.newestPerSeriesField.all()) {
        if (ts === null || ts < from) continue;
        if (ts > (out.get(device) ?? -Infinity)) out.set(device, ts);
      }
      return out;
    });
  }

  lastValuePerDevice(query: {
    kind: string;
    metric: string;
    from: number;
  }): Promise<Map<string, SeriesPoint>> {
    return this.run(() => {
      this.assertOpen();
      const measurement = measurementFor(query.kind);
      const type = this.fieldTypes.get(fieldKey(measurement, query.metric));
      const out = new Map<string, SeriesPoint>();
      if (!type) return out;
      for (const series of this.sql.seriesOfMeasurement.all(measurement)) {
        const row = this.sql.newestOfSeries.get(series.id, query.metric, Math.trunc(query.from));
        if (!row) continue;
        const current = out.get(series.device);
        if (!current || row.ts > current.ts)
          out.set(
            series.device,
            isDataQuality(row.quality)
              ? { ts: row.ts, value: typed(type, row.value), quality: row.quality }
              : { ts: row.ts, value: typed(type, row.value) },
          );
      }
      return out;
    });
  }

  spreadPerDevice(query: KindMetricRange): Promise<Map<string, number>> {
    return this.run(() => {
      this.assertOpen();
      const measurement = measurementFor(query.kind);
      const type = this.fieldTypes.get(fieldKey(measurement, query.metric));
      const out = new Map<string, number>();
      if (!type) return out;
      if (type === 'boolean')
        throw new Error(`spread is not defined for the boolean field "${query.metric}"`);
      const rows = this.sql.spreadOfMeasurement.all(
        measurement,
        query.metric,
        Math.trunc(query.from),
        Math.trunc(query.to),
      );
      for (const row of rows) out.set(row.device, row.max - row.min);
      return out;
    });
  }

  private typeOf(query: DeviceMetricRange): FieldType | undefined {
    return this.fieldTypes.get(fieldKey(measurementFor(query.kind), query.metric));
  }

  /** Runs synchronous better-sqlite3 work as the port's promise; a throw becomes a rejection. */
  private run<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error(`the telemetry store ${this.options.path} is closed`);
  }
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS series (
  id INTEGER PRIMARY KEY,
  measurement TEXT NOT NULL,
  device TEXT NOT NULL,
  enterprise TEXT NOT NULL,
  kind TEXT NOT NULL,
  role TEXT NOT NULL,
  UNIQUE (measurement, device, enterprise, kind, role)
);
CREATE INDEX IF NOT EXISTS series_by_device ON series (device, measurement);
CREATE TABLE IF NOT EXISTS field_types (
  measurement TEXT NOT NULL,
  field TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('number', 'boolean')),
  PRIMARY KEY (measurement, field)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS raw (
  series_id INTEGER NOT NULL,
  field TEXT NOT NULL,
  ts INTEGER NOT NULL,
  value REAL NOT NULL,
  quality TEXT,
  PRIMARY KEY (series_id, field, ts)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS hourly (
  series_id INTEGER NOT NULL,
  field TEXT NOT NULL,
  hour INTEGER NOT NULL,
  min REAL NOT NULL,
  mean REAL,
  max REAL NOT NULL,
  count INTEGER,
  PRIMARY KEY (series_id, field, hour)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS hourly_pending (
  series_id INTEGER NOT NULL,
  hour INTEGER NOT NULL,
  PRIMARY KEY (series_id, hour)
) WITHOUT ROWID;
`;

/**
 * A file written before data flags were stored has `raw` without `quality`: add it (NULL = normal, which is what
 * every value stored until then was — flagged ones were dropped upstream).
 */
function addQualityColumn(db: Database.Database): void {
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(raw)').all();
  if (!columns.some((c) => c.name === 'quality')) db.exec('ALTER TABLE raw ADD COLUMN quality TEXT');
}

/** What a file written by an earlier version lacks: the columns added since, each step checking for its own. */
function addMissingColumns(db: Database.Database): void {
  addQualityColumn(db);
  addHourlyCountColumn(db);
}

/**
 * A file written before the rollup kept counts has `hourly` without `count`: add it (NULL for the hours rolled up
 * until then — not known, and left out of hourlyCounts — the next roll-up of an hour fills it).
 */
function addHourlyCountColumn(db: Database.Database): void {
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(hourly)').all();
  if (!columns.some((c) => c.name === 'count')) db.exec('ALTER TABLE hourly ADD COLUMN count INTEGER');
}

/** Series of one device (and enterprise, when given) in one measurement. */
const DEVICE_SERIES = `series_id IN (SELECT id FROM series WHERE measurement = @measurement AND device = @device
  AND (@enterprise IS NULL OR enterprise = @enterprise))`;

interface DeviceParams {
  readonly measurement: string;
  readonly device: string;
  readonly enterprise: string | null;
  readonly field: string;
  readonly from: number;
  readonly to: number;
}

function params(query: DeviceMetricRange): DeviceParams {
  return {
    measurement: measurementFor(query.kind),
    device: query.deviceId,
    enterprise: query.enterpriseId ?? null,
    field: query.metric,
    from: Math.trunc(query.from),
    to: Math.trunc(query.to),
  };
}

function prepareStatements(db: Database.Database) {
  const hourlyColumn = (column: Aggregate) =>
    db.prepare<DeviceParams, { ts: number; value: number | null }>(
      `SELECT hour AS ts, ${column} AS value FROM hourly WHERE ${DEVICE_SERIES}
       AND field = @field AND hour >= @from AND hour < @to ORDER BY hour`,
    );
  return {
    allFieldTypes: db.prepare<[], { measurement: string; field: string; type: FieldType }>(
      'SELECT measurement, field, type FROM field_types',
    ),
    insertFieldType: db.prepare<[string, string, FieldType]>(
      'INSERT OR IGNORE INTO field_types (measurement, field, type) VALUES (?, ?, ?)',
    ),
    insertSeries: db.prepare<[string, string, string, string, string]>(
      'INSERT OR IGNORE INTO series (measurement, device, enterprise, kind, role) VALUES (?, ?, ?, ?, ?)',
    ),
    seriesId: db.prepare<[string, string, string, string, string], { id: number }>(
      'SELECT id FROM series WHERE measurement = ? AND device = ? AND enterprise = ? AND kind = ? AND role = ?',
    ),
    allSeries: db.prepare<[], { id: number }>('SELECT id FROM series'),
    seriesOfMeasurement: db.prepare<[string], SeriesRow>(
      'SELECT id, device FROM series WHERE measurement = ?',
    ),
    seriesFields: db.prepare<[], { id: number; field: string }>(
      'SELECT s.id AS id, f.field AS field FROM series s JOIN field_types f ON f.measurement = s.measurement',
    ),
    fieldsOfSeries: db.prepare<[number], { field: string; type: FieldType }>(
      `SELECT f.field AS field, f.type AS type FROM series s JOIN field_types f ON f.measurement = s.measurement
       WHERE s.id = ?`,
    ),
    upsertRaw: db.prepare<[number, string, number, number, string | null]>(
      `INSERT INTO raw (series_id, field, ts, value, quality) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (series_id, field, ts) DO UPDATE SET value = excluded.value, quality = excluded.quality`,
    ),
    markPending: db.prepare<[number, number]>(
      'INSERT OR IGNORE INTO hourly_pending (series_id, hour) VALUES (?, ?)',
    ),
    pendingUpTo: db.prepare<[number], { series_id: number; hour: number }>(
      'SELECT series_id, hour FROM hourly_pending WHERE hour <= ?',
    ),
    deletePending: db.prepare<[number, number]>(
      'DELETE FROM hourly_pending WHERE series_id = ? AND hour = ?',
    ),
    deletePendingBefore: db.prepare<[number]>('DELETE FROM hourly_pending WHERE hour < ?'),
    // The hourly min/mean/max are of the normal values only (see the class comment).
    rawRange: db.prepare<[number, string, number, number], { value: number }>(
      'SELECT value FROM raw WHERE series_id = ? AND field = ? AND ts >= ? AND ts < ? AND quality IS NULL ORDER BY ts',
    ),
    upsertHourly: db.prepare<[number, string, number, number, number | null, number, number]>(
      `INSERT INTO hourly (series_id, field, hour, min, mean, max, count) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (series_id, field, hour) DO UPDATE SET min = excluded.min, mean = excluded.mean,
       max = excluded.max, count = excluded.count`,
    ),
    hourlyCountsOfDevice: db.prepare<DeviceParams, { ts: number; value: number }>(
      `SELECT hour AS ts, SUM(count) AS value FROM hourly WHERE ${DEVICE_SERIES}
       AND field = @field AND hour >= @from AND hour < @to AND count IS NOT NULL GROUP BY hour ORDER BY hour`,
    ),
    deleteHourly: db.prepare<[number, string, number]>(
      'DELETE FROM hourly WHERE series_id = ? AND field = ? AND hour = ?',
    ),
    deleteRawBefore: db.prepare<[number, string, number]>(
      'DELETE FROM raw WHERE series_id = ? AND field = ? AND ts < ?',
    ),
    nthOldestRawBefore: db.prepare<[number, string, number, number], { ts: number }>(
      'SELECT ts FROM raw WHERE series_id = ? AND field = ? AND ts < ? ORDER BY ts LIMIT 1 OFFSET ?',
    ),
    deleteHourlyBefore: db.prepare<[number, string, number]>(
      'DELETE FROM hourly WHERE series_id = ? AND field = ? AND hour < ?',
    ),
    rawOfQuery: db.prepare<
      {
        measurement: string;
        device: string | null;
        enterprise: string | null;
        field: string;
        from: number;
        to: number;
      },
      { ts: number; value: number }
    >(
      `SELECT ts, value FROM raw WHERE series_id IN (SELECT id FROM series WHERE measurement = @measurement
         AND (@device IS NULL OR device = @device) AND (@enterprise IS NULL OR enterprise = @enterprise))
       AND field = @field AND ts >= @from AND ts < @to ORDER BY ts`,
    ),
    rawOfDevice: db.prepare<DeviceParams, { ts: number; value: number }>(
      `SELECT ts, value FROM raw WHERE ${DEVICE_SERIES} AND field = @field AND ts >= @from AND ts < @to ORDER BY ts`,
    ),
    rawPointsOfDevice: db.prepare<DeviceParams, { ts: number; value: number; quality: string | null }>(
      `SELECT ts, value, quality FROM raw WHERE ${DEVICE_SERIES} AND field = @field AND ts >= @from AND ts < @to
       ORDER BY ts`,
    ),
    rawNormalOfDevice: db.prepare<DeviceParams, { ts: number; value: number }>(
      `SELECT ts, value FROM raw WHERE ${DEVICE_SERIES} AND field = @field AND ts >= @from AND ts < @to
       AND quality IS NULL ORDER BY ts`,
    ),
    countRaw: db.prepare<DeviceParams, { n: number }>(
      `SELECT count(*) AS n FROM raw WHERE ${DEVICE_SERIES} AND field = @field AND ts >= @from AND ts < @to`,
    ),
    hourlyOfDevice: { min: hourlyColumn('min'), mean: hourlyColumn('mean'), max: hourlyColumn('max') },
    newestPerSeriesField: db.prepare<[], { device: string; ts: number | null }>(
      `SELECT s.device AS device,
         (SELECT ts FROM raw r WHERE r.series_id = s.id AND r.field = f.field ORDER BY ts DESC LIMIT 1) AS ts
       FROM series s JOIN field_types f ON f.measurement = s.measurement`,
    ),
    newestOfSeries: db.prepare<
      [number, string, number],
      { ts: number; value: number; quality: string | null }
    >(
      'SELECT ts, value, quality FROM raw WHERE series_id = ? AND field = ? AND ts >= ? ORDER BY ts DESC LIMIT 1',
    ),
    spreadOfMeasurement: db.prepare<
      [string, string, number, number],
      { device: string; min: number; max: number }
    >(
      `SELECT s.device AS device, min(r.value) AS min, max(r.value) AS max
       FROM series s JOIN raw r ON r.series_id = s.id
       WHERE s.measurement = ? AND r.field = ? AND r.ts >= ? AND r.ts < ? GROUP BY s.device`,
    ),
  };
}

function fieldKey(measurement: string, field: string): string {
  return `${measurement}\u0000${field}`;
}

function hourOf(ts: number): number {
  return Math.floor(ts / HOUR_MS) * HOUR_MS;
}

function typed(type: FieldType, value: number): number | boolean {
  return type === 'boolean' ? value !== 0 : value;
}

/** InfluxDB's float reducers: mean is a running sum over the points in time order divided by their count. */
function reduce(aggregate: Aggregate, values: readonly number[]): number {
  let result = aggregate === 'mean' ? 0 : values[0];
  for (const v of values) {
    if (aggregate === 'mean') result += v;
    else if (aggregate === 'min' ? v < result : v > result) result = v;
  }
  return aggregate === 'mean' ? result / values.length : result;
}

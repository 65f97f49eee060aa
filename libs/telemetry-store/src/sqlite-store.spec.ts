import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock } from '@park/clock';
import type { TelemetryRecord } from '@park/contracts';
import { openTelemetryStore } from './open-telemetry-store';
import { SqliteTelemetryStore } from './sqlite-store';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 2026-01-01T00:00Z. */
const H0 = Date.UTC(2026, 0, 1);

function so2(ts: number, value: number): TelemetryRecord {
  return {
    v: 1,
    deviceId: 'cems-1',
    enterpriseId: 'ent-1',
    kind: 'stack-gas',
    role: null,
    line: null,
    ts,
    values: { so2: value },
    receivedAt: ts,
  };
}

const hourlyMeans = { kind: 'stack-gas', metric: 'so2', deviceId: 'cems-1', source: 'hourly' as const };

describe('SqliteTelemetryStore (the parts the contract suite cannot drive: its clock, its own roll-up)', () => {
  let dir: string;
  let now: number;
  let store: SqliteTelemetryStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'park-sqlite-store-'));
    now = H0 + 30 * MINUTE;
    store = new SqliteTelemetryStore({
      path: join(dir, 't.sqlite'),
      maintenanceIntervalMs: 0,
      now: () => now,
    });
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rolls an hour up by itself once it has ended, and again when a late point changes it', async () => {
    await store.write([so2(H0 + MINUTE, 2), so2(H0 + 2 * MINUTE, 4)]);
    const read = () =>
      store.buckets({ ...hourlyMeans, from: H0, to: H0 + DAY, aggregate: 'mean', intervalMs: HOUR });
    expect(await read()).toEqual([]); // the hour is still running, as InfluxDB's CQ would not have run yet
    now = H0 + HOUR + 1;
    expect(await read()).toEqual([{ ts: H0, value: 3 }]);
    await store.write([so2(H0 + 3 * MINUTE, 9)]); // late, into the rolled-up hour
    expect(await read()).toEqual([{ ts: H0, value: 5 }]);
  });

  it('drops raw points after 90 days and hourly ones after five years, keeping the hours of deleted raw points', async () => {
    await store.write([so2(H0 + MINUTE, 2), so2(H0 + 2 * MINUTE, 4)]);
    const raw = { kind: 'stack-gas', metric: 'so2', deviceId: 'cems-1', from: 0, to: H0 + 400 * DAY };
    now = H0 + 91 * DAY;
    await store.maintain();
    expect(await store.points(raw)).toEqual([]);
    const hourly = {
      ...hourlyMeans,
      from: 0,
      to: H0 + 400 * DAY,
      aggregate: 'max' as const,
      intervalMs: HOUR,
    };
    expect(await store.buckets(hourly)).toEqual([{ ts: H0, value: 4 }]);
    now = H0 + 5 * 365 * DAY;
    await store.maintain();
    expect(await store.buckets(hourly)).toEqual([]);
  });

  it('deletes raw points past a shorter retention in small batches, giving the event loop a turn between two', async () => {
    const clock = new ManualClock(H0);
    await store.close();
    store = new SqliteTelemetryStore({
      path: join(dir, 'retention.sqlite'),
      maintenanceIntervalMs: 0,
      now: () => clock.now(),
      rawRetentionMs: 7 * DAY,
      retentionBatchRows: 3,
    });
    // One point an hour for 10 days, hours then rolled up.
    const points = Array.from({ length: 240 }, (_, i) => so2(H0 + i * HOUR, i));
    clock.set(H0 + 6 * DAY); // everything within the retention when written
    const early = await store.write(points.slice(0, 6 * 24));
    clock.set(H0 + 10 * DAY);
    const late = await store.write(points.slice(6 * 24));
    expect(early.written + late.written).toBe(240);

    // Other work of the process, one step per turn of the event loop, while retention runs.
    let turns = 0;
    let maintaining = true;
    const otherWork = () => {
      turns++;
      if (maintaining) setImmediate(otherWork);
    };
    setImmediate(otherWork);
    clock.set(H0 + 10 * DAY + 30 * MINUTE); // points before H0 + 3 d 30 min are past the retention
    const deleted = await store.maintain().finally(() => (maintaining = false));

    expect(deleted).toBe(3 * 24 + 1);
    expect(turns).toBeGreaterThanOrEqual(24); // 25 batches of 3: the other work ran between each two
    const raw = { kind: 'stack-gas', metric: 'so2', deviceId: 'cems-1', from: 0, to: H0 + 20 * DAY };
    const kept = await store.points(raw);
    expect(kept[0]).toEqual({ ts: H0 + 3 * DAY + HOUR, value: 3 * 24 + 1 });
    expect(kept).toHaveLength(240 - deleted);
    // The hourly figures of deleted hours stay.
    const hourly = { ...hourlyMeans, from: H0, to: H0 + DAY, aggregate: 'max' as const, intervalMs: DAY };
    expect(await store.buckets(hourly)).toEqual([{ ts: H0, value: 23 }]);
    // A point past the retention is refused on write, as InfluxDB's policy refuses it.
    const refused = await store.write([so2(H0 + DAY, 1)]);
    expect(refused.rejected[0]?.detail).toMatch(/beyond retention policy/);
    expect(await store.maintain()).toBe(0);
  });

  it('remembers field types across a reopen, so a conflicting point is still refused', async () => {
    await store.write([so2(H0, 1)]);
    await store.close();
    await store.close(); // closing twice is harmless
    store = new SqliteTelemetryStore({
      path: join(dir, 't.sqlite'),
      maintenanceIntervalMs: 0,
      now: () => now,
    });
    const conflict = { ...so2(H0 + 1, 0), values: { so2: true } };
    const outcome = await store.write([conflict, so2(H0 + 2, 2)]);
    expect(outcome.written).toBe(1);
    expect(outcome.rejected.map((r) => r.record)).toEqual([conflict]);
    expect(outcome.rejected[0].detail).toMatch(/type conflict/);
  });

  it('opens a file written before data flags were stored, adds the quality column, and keeps its points', async () => {
    await store.close();
    const path = join(dir, 'old.sqlite');
    // The raw table as it was created before this column existed.
    const Database = (await import('better-sqlite3')).default;
    const old = new Database(path);
    old.exec(
      'CREATE TABLE raw (series_id INTEGER NOT NULL, field TEXT NOT NULL, ts INTEGER NOT NULL, value REAL NOT NULL, PRIMARY KEY (series_id, field, ts)) WITHOUT ROWID',
    );
    old.close();
    store = new SqliteTelemetryStore({ path, maintenanceIntervalMs: 0, now: () => now });
    await store.write([{ ...so2(H0, 0), flags: { so2: 'D' } }, so2(H0 + MINUTE, 3)]);
    const range = { kind: 'stack-gas', metric: 'so2', deviceId: 'cems-1', from: H0, to: H0 + HOUR };
    expect(await store.points(range)).toEqual([
      { ts: H0, value: 0, quality: 'D' },
      { ts: H0 + MINUTE, value: 3 },
    ]);
  });

  it('opens a file whose hourly table has no count, adds it, and counts the hours rolled up from then on', async () => {
    await store.write([so2(H0 + MINUTE, 2), so2(H0 + HOUR + MINUTE, 5)]);
    now = H0 + HOUR + 1;
    await store.buckets({ ...hourlyMeans, from: H0, to: H0 + DAY, aggregate: 'mean', intervalMs: HOUR });
    await store.close();
    // The hourly table as it was before the count existed: the column dropped, the hour rolled up kept.
    const Database = (await import('better-sqlite3')).default;
    const old = new Database(join(dir, 't.sqlite'));
    old.exec('ALTER TABLE hourly DROP COLUMN count');
    old.close();
    store = new SqliteTelemetryStore({
      path: join(dir, 't.sqlite'),
      maintenanceIntervalMs: 0,
      now: () => now,
    });
    now = H0 + 2 * HOUR + 1;
    const range = { kind: 'stack-gas', metric: 'so2', deviceId: 'cems-1', from: H0, to: H0 + DAY };
    // The hour rolled up before has no count (left out); the one rolled up now has its own.
    expect(await store.hourlyCounts(range)).toEqual([{ ts: H0 + HOUR, value: 1 }]);
    expect(await store.buckets({ ...hourlyMeans, ...range, aggregate: 'mean', intervalMs: HOUR })).toEqual([
      { ts: H0, value: 2 },
      { ts: H0 + HOUR, value: 5 },
    ]);
  });

  it('leaves flagged values out of the hourly roll-up, and overwrites a re-sent point’s quality', async () => {
    await store.write([
      so2(H0 + MINUTE, 2),
      { ...so2(H0 + 2 * MINUTE, 0), flags: { so2: 'C' } },
      so2(H0 + 3 * MINUTE, 4),
    ]);
    now = H0 + HOUR + 1;
    const read = () =>
      store.buckets({ ...hourlyMeans, from: H0, to: H0 + DAY, aggregate: 'mean', intervalMs: HOUR });
    expect(await read()).toEqual([{ ts: H0, value: 3 }]);
    await store.write([so2(H0 + 2 * MINUTE, 6)]); // the same instant again, now normal
    expect(await read()).toEqual([{ ts: H0, value: 4 }]);
  });

  it('refuses what InfluxDB cannot answer: the mean of a flag', async () => {
    await store.write([{ ...so2(H0, 0), kind: 'smoke', values: { smoke: true } }]);
    await expect(
      store.buckets({
        kind: 'smoke',
        metric: 'smoke',
        deviceId: 'cems-1',
        from: H0,
        to: H0 + HOUR,
        source: 'raw',
        aggregate: 'mean',
        intervalMs: HOUR,
      }),
    ).rejects.toThrow(/boolean/);
  });

  it('answers a closed store with a rejection and a failed ping', async () => {
    await store.close();
    expect(await store.ping()).toBe(false);
    await expect(store.write([so2(H0, 1)])).rejects.toThrow(/closed/);
  });
});

describe('openTelemetryStore', () => {
  const base = {
    INFLUX_URL: 'http://127.0.0.1:8086',
    INFLUX_DATABASE: 'unused',
    INFLUX_USERNAME: '',
    INFLUX_PASSWORD: '',
  };

  it('opens the SQLite store of TELEMETRY_SQLITE_PATH, closed by Nest at shutdown, once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'park-sqlite-open-'));
    const path = join(dir, 'store.sqlite');
    try {
      const store = openTelemetryStore({ ...base, TELEMETRY_SQLITE_PATH: path });
      await store.write([so2(Date.now(), 7)]);
      const range = { kind: 'stack-gas', metric: 'so2', deviceId: 'cems-1', from: 0, to: Date.now() + 1 };
      expect(await store.countPoints(range)).toBe(1);

      await store.close();
      await store.onApplicationShutdown(); // Nest's hook after an explicit close: harmless
      expect(await store.ping()).toBe(false);

      const again = openTelemetryStore({ ...base, TELEMETRY_SQLITE_PATH: path });
      expect(await again.countPoints(range)).toBe(1);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps raw readings TELEMETRY_RETENTION_DAYS days', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'park-sqlite-retention-'));
    const path = join(dir, 'retention.sqlite');
    const store = openTelemetryStore({ ...base, TELEMETRY_SQLITE_PATH: path, TELEMETRY_RETENTION_DAYS: 7 });
    try {
      const outcome = await store.write([so2(Date.now() - 6 * DAY, 1), so2(Date.now() - 8 * DAY, 2)]);
      expect(outcome.written).toBe(1);
      expect(outcome.rejected.map((r) => r.record.values)).toEqual([{ so2: 2 }]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens InfluxDB when no SQLite path is set', () => {
    expect(openTelemetryStore({ ...base, TELEMETRY_SQLITE_PATH: '' }).constructor.name).toBe('InfluxV1Store');
  });
});

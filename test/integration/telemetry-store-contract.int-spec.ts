/**
 * The telemetry-store contract (DESIGN.md: one contract suite per port, run against every implementation): the
 * SAME cases against InfluxV1Store on the real InfluxDB (its own database, dropped afterwards) and against
 * SqliteTelemetryStore (a temporary file, removed afterwards), with known data and exact expected answers.
 *
 * The hourly data: InfluxDB's continuous query runs on its own schedule, so the cases roll the hours up with the
 * store's rollUp(range) — for InfluxDB the CQ's own SELECT … INTO for that range, for SQLite its roll-up of those
 * hours — and then read them through the port. What this proves is that both roll-ups and both hourly reads agree;
 * that InfluxDB runs its CQ every hour is InfluxDB's business (SQLite's automatic roll-up of ended hours is
 * covered by libs/telemetry-store/src/sqlite-store.spec.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TelemetryRecord } from '@park/contracts';
import { InfluxV1Store, SqliteTelemetryStore, type TelemetryBackend } from '@park/telemetry-store';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const INFLUX_URL = process.env.TEST_INFLUX_URL ?? 'http://127.0.0.1:8086';
const RUN_ID = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;

interface Driver {
  readonly name: string;
  /** A fresh, empty store. */
  open(): Promise<TelemetryBackend>;
  /** The same data through a new instance (after closing the old one). */
  reopen(old: TelemetryBackend): Promise<TelemetryBackend>;
  /** Removes everything the driver created. */
  cleanUp(store: TelemetryBackend): Promise<void>;
}

const influxDatabase = `park_test_contract_${RUN_ID}`;
const influxDriver: Driver = {
  name: 'InfluxV1Store (InfluxDB 1.x)',
  async open() {
    const store = new InfluxV1Store({ url: INFLUX_URL, database: influxDatabase });
    await store.ensureSchema();
    return store;
  },
  async reopen(old) {
    await old.close();
    return new InfluxV1Store({ url: INFLUX_URL, database: influxDatabase });
  },
  async cleanUp(store) {
    await (store as InfluxV1Store).dropDatabase();
  },
};

let sqliteDir = '';
let sqlitePath = '';
const sqliteDriver: Driver = {
  name: 'SqliteTelemetryStore (better-sqlite3)',
  async open() {
    sqliteDir = mkdtempSync(join(tmpdir(), 'park-telemetry-contract-'));
    sqlitePath = join(sqliteDir, 'telemetry.sqlite');
    const store = new SqliteTelemetryStore({ path: sqlitePath, maintenanceIntervalMs: 0 });
    await store.ensureSchema();
    return store;
  },
  async reopen(old) {
    await old.close();
    return new SqliteTelemetryStore({ path: sqlitePath, maintenanceIntervalMs: 0 });
  },
  async cleanUp(store) {
    await store.close();
    rmSync(sqliteDir, { recursive: true, force: true });
  },
};

/** Midnight UTC two days ago: inside the raw retention, hour- and day-aligned. */
const T0 = Math.floor(Date.now() / DAY) * DAY - 2 * DAY;

function reading(
  deviceId: string,
  kind: string,
  ts: number,
  values: Record<string, number | boolean>,
  enterpriseId = 'ent-1',
): TelemetryRecord {
  return {
    v: 1,
    deviceId,
    enterpriseId,
    kind: kind as TelemetryRecord['kind'],
    role: kind === 'power-meter' ? 'production' : null,
    line: null,
    ts,
    values,
    receivedAt: ts,
  };
}

describe.each([influxDriver, sqliteDriver])('telemetry-store contract: $name', (driver) => {
  let store: TelemetryBackend;

  beforeAll(async () => {
    store = await driver.open();
  });

  afterAll(async () => {
    if (store) await driver.cleanUp(store);
  });

  it('answers ping', async () => {
    expect(await store.ping()).toBe(true);
  });

  it('writes points and reads them back oldest first, both ends of queryRaw included', async () => {
    const outcome = await store.write([
      reading('gas-w1', 'combustible-gas', T0 + 2_000, { lel: 3 }),
      reading('gas-w1', 'combustible-gas', T0, { lel: 1.5 }),
      reading('gas-w1', 'combustible-gas', T0 + 1_000, { lel: 2 }),
      reading('gas-w1', 'combustible-gas', T0 + 3_000, { lel: 4 }),
      reading('gas-w2', 'combustible-gas', T0 + 1_000, { lel: 9 }, 'ent-2'),
    ]);
    expect(outcome).toEqual({ written: 5, rejected: [] });
    const q = { kind: 'combustible-gas', metric: 'lel', from: T0, to: T0 + 2_000 };
    expect(await store.queryRaw({ ...q, deviceId: 'gas-w1' })).toEqual([
      { ts: T0, value: 1.5 },
      { ts: T0 + 1_000, value: 2 },
      { ts: T0 + 2_000, value: 3 },
    ]);
    expect(await store.queryRaw({ ...q, enterpriseId: 'ent-2' })).toEqual([{ ts: T0 + 1_000, value: 9 }]);
  });

  it('overwrites a replayed point (same measurement, tags and device time) instead of adding one', async () => {
    const point = reading('gas-r1', 'combustible-gas', T0 + 5_000, { lel: 7 });
    expect(await store.write([point])).toEqual({ written: 1, rejected: [] });
    expect(await store.write([{ ...point, values: { lel: 8 }, receivedAt: point.receivedAt + 1 }])).toEqual({
      written: 1,
      rejected: [],
    });
    const range = { kind: 'combustible-gas', metric: 'lel', deviceId: 'gas-r1', from: T0, to: T0 + HOUR };
    expect(await store.points(range)).toEqual([{ ts: T0 + 5_000, value: 8 }]);
    expect(await store.countPoints(range)).toBe(1);
  });

  it('keeps booleans as booleans, and takes the max (any alarm) and min of a flag per bucket', async () => {
    await store.write([
      reading('smoke-b1', 'smoke', T0 + 10 * MINUTE, { smoke: false }),
      reading('smoke-b1', 'smoke', T0 + 20 * MINUTE, { smoke: true }),
      reading('smoke-b1', 'smoke', T0 + 70 * MINUTE, { smoke: false }),
    ]);
    const range = { kind: 'smoke', metric: 'smoke', deviceId: 'smoke-b1', from: T0, to: T0 + 2 * HOUR };
    expect(await store.points(range)).toEqual([
      { ts: T0 + 10 * MINUTE, value: false },
      { ts: T0 + 20 * MINUTE, value: true },
      { ts: T0 + 70 * MINUTE, value: false },
    ]);
    expect(await store.buckets({ ...range, source: 'raw', aggregate: 'max', intervalMs: HOUR })).toEqual([
      { ts: T0, value: true },
      { ts: T0 + HOUR, value: false },
    ]);
    expect(await store.buckets({ ...range, source: 'raw', aggregate: 'min', intervalMs: HOUR })).toEqual([
      { ts: T0, value: false },
      { ts: T0 + HOUR, value: false },
    ]);
  });

  it('rejects invalid points without blocking the rest of the batch', async () => {
    await store.write([reading('gas-x1', 'combustible-gas', T0 + HOUR, { lel: 1 })]);
    const conflict = reading('gas-x1', 'combustible-gas', T0 + HOUR + 1_000, { lel: true }); // lel is a number
    const newline = reading('gas-x1\nfake', 'combustible-gas', T0 + HOUR + 2_000, { lel: 5 });
    const tooOld = reading('gas-x1', 'combustible-gas', T0 - 120 * DAY, { lel: 5 }); // past the 90-day raw retention
    const outcome = await store.write([
      reading('gas-x1', 'combustible-gas', T0 + HOUR + 500, { lel: 2 }),
      conflict,
      newline,
      tooOld,
      reading('gas-x1', 'combustible-gas', T0 + HOUR + 1_500, { lel: 3 }),
    ]);
    expect(outcome.written).toBe(2);
    expect(outcome.rejected.map((r) => r.record)).toEqual(
      expect.arrayContaining([conflict, newline, tooOld]),
    );
    expect(outcome.rejected).toHaveLength(3);
    expect(
      await store.points({
        kind: 'combustible-gas',
        metric: 'lel',
        deviceId: 'gas-x1',
        from: T0 - 200 * DAY,
        to: T0 + 2 * HOUR,
      }),
    ).toEqual([
      { ts: T0 + HOUR, value: 1 },
      { ts: T0 + HOUR + 500, value: 2 },
      { ts: T0 + HOUR + 1_500, value: 3 },
    ]);
  });

  it('keeps caller strings as data: hostile device ids and metric names read back exactly their points', async () => {
    // Written ids stay clear of backslashes: device ids cannot hold one (DEVICE_ID_PATTERN), and InfluxDB 1.x keeps
    // a line-protocol `\\` in a tag value as two characters. Reads are free to carry any.
    const hostile = ["gas' OR 1=1 --", 'gas"); DROP TABLE raw; --', "gas') OR ('a'='a"];
    await store.write(
      hostile.map((deviceId, i) => reading(deviceId, 'combustible-gas', T0 + 2 * HOUR + i, { lel: 100 + i })),
    );
    for (const [i, deviceId] of hostile.entries()) {
      const range = { kind: 'combustible-gas', metric: 'lel', deviceId, from: T0, to: T0 + DAY };
      expect(await store.points(range)).toEqual([{ ts: T0 + 2 * HOUR + i, value: 100 + i }]);
    }
    const weird = {
      kind: 'combustible-gas',
      metric: `lel" FROM x; --'`,
      deviceId: 'gas-w1',
      from: T0,
      to: T0 + DAY,
    };
    expect(await store.points(weird)).toEqual([]);
    expect(await store.countPoints(weird)).toBe(0);
    for (const deviceId of ['gas\\', "gas\\' OR 'a'='a", "x\\\\' OR 1=1 --"])
      expect(await store.points({ ...weird, metric: 'lel', deviceId })).toEqual([]);
  });

  it('stores a flagged value with its HJ 212 quality, reads it back, and leaves it out of every aggregate', async () => {
    const at = (minute: number, values: Record<string, number>, flags?: Record<string, 'D' | 'T'>) => ({
      ...reading('cems-f1', 'stack-gas', T0 + minute * MINUTE, values),
      ...(flags ? { flags } : {}),
    });
    const outcome = await store.write([
      at(5, { so2: 2, o2: 10 }),
      at(10, { so2: 0, o2: 10 }, { so2: 'D' }),
      at(20, { so2: 4 }),
      at(30, { so2: 99 }, { so2: 'T' }),
    ]);
    expect(outcome).toEqual({ written: 4, rejected: [] });
    const so2 = { kind: 'stack-gas', metric: 'so2', deviceId: 'cems-f1', from: T0, to: T0 + HOUR };
    expect(await store.points(so2)).toEqual([
      { ts: T0 + 5 * MINUTE, value: 2 },
      { ts: T0 + 10 * MINUTE, value: 0, quality: 'D' },
      { ts: T0 + 20 * MINUTE, value: 4 },
      { ts: T0 + 30 * MINUTE, value: 99, quality: 'T' },
    ]);
    expect(await store.points({ ...so2, metric: 'o2' })).toEqual([
      { ts: T0 + 5 * MINUTE, value: 10 },
      { ts: T0 + 10 * MINUTE, value: 10 },
    ]);
    expect(await store.countPoints(so2)).toBe(4);
    // The newest value carries its own metric's flag: so2's is T, o2's (normal at the instant so2 was D) none.
    const lastSo2 = await store.lastValuePerDevice({ kind: 'stack-gas', metric: 'so2', from: T0 });
    expect(lastSo2.get('cems-f1')).toEqual({ ts: T0 + 30 * MINUTE, value: 99, quality: 'T' });
    const lastO2 = await store.lastValuePerDevice({ kind: 'stack-gas', metric: 'o2', from: T0 });
    expect(lastO2.get('cems-f1')).toEqual({ ts: T0 + 10 * MINUTE, value: 10 });
    const bucket = { ...so2, aggregate: 'mean' as const, intervalMs: HOUR };
    expect(await store.buckets({ ...bucket, source: 'raw' })).toEqual([{ ts: T0, value: 3 }]);
    await store.rollUp({ from: T0, to: T0 + HOUR });
    expect(await store.buckets({ ...bucket, source: 'hourly' })).toEqual([{ ts: T0, value: 3 }]);
    expect(await store.buckets({ ...bucket, source: 'hourly', aggregate: 'max' })).toEqual([
      { ts: T0, value: 4 },
    ]);
    // The rollup counts the normal values it averaged (2 of so2's 4; both of o2's): a report's valid-hour rule.
    expect(await store.hourlyCounts(so2)).toEqual([{ ts: T0, value: 2 }]);
    expect(await store.hourlyCounts({ ...so2, metric: 'o2' })).toEqual([{ ts: T0, value: 2 }]);
    expect(await store.hourlyCounts({ ...so2, metric: 'nox' })).toEqual([]);
  });

  describe('query shapes', () => {
    const so2 = { kind: 'stack-gas', metric: 'so2', deviceId: 'cems-q1' };

    beforeAll(async () => {
      // cems-q1: so2 at T0+5, +10, +20, +40, +50 min (values 1, 2, 3, 6, 8), none in the hour after, then
      // T0+2h+30 (10) and T0+3h+15, +45 (4, 6). cems-q2 (another device) must never show up in cems-q1's reads.
      const at = (ts: number, so2: number, deviceId = 'cems-q1') =>
        reading(deviceId, 'stack-gas', ts, { so2 });
      const outcome = await store.write([
        at(T0 + 5 * MINUTE, 1),
        at(T0 + 10 * MINUTE, 2),
        at(T0 + 20 * MINUTE, 3),
        at(T0 + 40 * MINUTE, 6),
        at(T0 + 50 * MINUTE, 8),
        at(T0 + 2 * HOUR + 30 * MINUTE, 10),
        at(T0 + 3 * HOUR + 15 * MINUTE, 4),
        at(T0 + 3 * HOUR + 45 * MINUTE, 6),
        at(T0 + 30 * MINUTE, 1_000, 'cems-q2'),
      ]);
      expect(outcome.rejected).toEqual([]);
    });

    it('counts raw points, from inclusive and to exclusive', async () => {
      expect(await store.countPoints({ ...so2, from: T0, to: T0 + 4 * HOUR })).toBe(8);
      expect(await store.countPoints({ ...so2, from: T0 + 10 * MINUTE, to: T0 + 40 * MINUTE })).toBe(2);
      expect(await store.countPoints({ ...so2, from: T0 + 10 * MINUTE, to: T0 + 40 * MINUTE + 1 })).toBe(3);
    });

    it('aggregates raw points per epoch-aligned bucket, empty buckets left out', async () => {
      const range = { ...so2, from: T0 + 7 * MINUTE, to: T0 + 4 * HOUR, source: 'raw' as const };
      expect(await store.buckets({ ...range, aggregate: 'mean', intervalMs: HOUR })).toEqual([
        { ts: T0, value: (2 + 3 + 6 + 8) / 4 }, // the bucket starts at T0 though the range starts at T0+7
        { ts: T0 + 2 * HOUR, value: 10 },
        { ts: T0 + 3 * HOUR, value: 5 },
      ]);
      expect(await store.buckets({ ...range, aggregate: 'max', intervalMs: 30 * MINUTE })).toEqual([
        { ts: T0, value: 3 },
        { ts: T0 + 30 * MINUTE, value: 8 },
        { ts: T0 + 2 * HOUR + 30 * MINUTE, value: 10 },
        { ts: T0 + 3 * HOUR, value: 4 },
        { ts: T0 + 3 * HOUR + 30 * MINUTE, value: 6 },
      ]);
      expect(await store.buckets({ ...range, aggregate: 'min', intervalMs: 2 * HOUR })).toEqual([
        { ts: T0, value: 2 },
        { ts: T0 + 2 * HOUR, value: 4 },
      ]);
    });

    it('rolls hours up into min/mean/max and reads them back, re-aggregated per bucket', async () => {
      await store.rollUp({ from: T0, to: T0 + 4 * HOUR });
      const hourly = { ...so2, from: T0, to: T0 + 4 * HOUR, source: 'hourly' as const };
      expect(await store.buckets({ ...hourly, aggregate: 'mean', intervalMs: HOUR })).toEqual([
        { ts: T0, value: 4 }, // (1 + 2 + 3 + 6 + 8) / 5
        { ts: T0 + 2 * HOUR, value: 10 },
        { ts: T0 + 3 * HOUR, value: 5 },
      ]);
      expect(await store.buckets({ ...hourly, aggregate: 'min', intervalMs: HOUR })).toEqual([
        { ts: T0, value: 1 },
        { ts: T0 + 2 * HOUR, value: 10 },
        { ts: T0 + 3 * HOUR, value: 4 },
      ]);
      // Two-hour buckets: the mean of the hourly means (not weighted by points), the max of the hourly maxima.
      expect(await store.buckets({ ...hourly, aggregate: 'mean', intervalMs: 2 * HOUR })).toEqual([
        { ts: T0, value: 4 },
        { ts: T0 + 2 * HOUR, value: 7.5 },
      ]);
      expect(await store.buckets({ ...hourly, aggregate: 'max', intervalMs: 2 * HOUR })).toEqual([
        { ts: T0, value: 8 },
        { ts: T0 + 2 * HOUR, value: 10 },
      ]);
      // Daily means from the hourly means, days shifted by an offset (buckets start at offset + k × 1 day): with
      // 2 h the day starting T0 − 22 h holds the first hour, the one starting T0 + 2 h the other two. With 16 h
      // (midnight in Asia/Shanghai) one day holds all three hours.
      expect(
        await store.buckets({ ...hourly, aggregate: 'mean', intervalMs: DAY, offsetMs: 2 * HOUR }),
      ).toEqual([
        { ts: T0 - 22 * HOUR, value: 4 },
        { ts: T0 + 2 * HOUR, value: 7.5 },
      ]);
      expect(
        await store.buckets({ ...hourly, aggregate: 'mean', intervalMs: DAY, offsetMs: 16 * HOUR }),
      ).toEqual([{ ts: T0 - 8 * HOUR, value: (4 + 10 + 5) / 3 }]);
      expect(
        await store.buckets({ ...hourly, aggregate: 'max', intervalMs: DAY, offsetMs: -8 * HOUR }),
      ).toEqual([{ ts: T0 - 8 * HOUR, value: 10 }]);
      // Booleans keep min and max per hour.
      const smoke = { kind: 'smoke', metric: 'smoke', deviceId: 'smoke-b1', from: T0, to: T0 + 2 * HOUR };
      expect(await store.buckets({ ...smoke, source: 'hourly', aggregate: 'max', intervalMs: HOUR })).toEqual(
        [
          { ts: T0, value: true },
          { ts: T0 + HOUR, value: false },
        ],
      );
    });

    it('sums a counter’s non-negative differences per hour (a reset counts nothing), from a lookback', async () => {
      const kwh = { kind: 'power-meter', metric: 'kwh', deviceId: 'meter-c1', enterpriseId: 'ent-1' };
      const at = (ts: number, value: number) => reading('meter-c1', 'power-meter', ts, { kwh: value });
      await store.write([
        at(T0 - 15 * MINUTE, 100),
        at(T0, 110),
        at(T0 + 15 * MINUTE, 115),
        at(T0 + 30 * MINUTE, 0), // meter replaced
        at(T0 + 45 * MINUTE, 5),
        at(T0 + 60 * MINUTE, 20),
        at(T0 + 75 * MINUTE, 20),
        at(T0 + 3 * HOUR, 26),
        reading('meter-c1', 'power-meter', T0 + 20 * MINUTE, { kwh: 5_000 }, 'ent-other'), // another enterprise
      ]);
      expect(await store.hourlyIncrease({ ...kwh, from: T0 - HOUR, to: T0 + 4 * HOUR })).toEqual([
        { ts: T0, value: 20 }, // 10 + 5 + 5
        { ts: T0 + HOUR, value: 15 }, // 15 + 0
        { ts: T0 + 3 * HOUR, value: 6 },
      ]);
      // Hours after the first one of the range are exact whatever came before; the first hour of a range is not
      // (InfluxDB 1.x widens a difference subquery by one GROUP BY interval), which is why callers read from a
      // lookback and keep only the hours after it.
      const noLookback = await store.hourlyIncrease({ ...kwh, from: T0, to: T0 + 2 * HOUR });
      expect(noLookback.filter((p) => p.ts >= T0 + HOUR)).toEqual([{ ts: T0 + HOUR, value: 15 }]);
      // The energy page's hourly read: each hour's highest counter value from the roll-up.
      await store.rollUp({ from: T0 - HOUR, to: T0 + 4 * HOUR });
      expect(
        await store.buckets({
          ...kwh,
          from: T0 - HOUR,
          to: T0 + 4 * HOUR,
          source: 'hourly',
          aggregate: 'max',
          intervalMs: HOUR,
        }),
      ).toEqual([
        { ts: T0 - HOUR, value: 100 },
        { ts: T0, value: 115 },
        { ts: T0 + HOUR, value: 20 },
        { ts: T0 + 3 * HOUR, value: 26 },
      ]);
    });

    describe('per device', () => {
      // A time region of its own (a day later) so the other cases' points fall outside `from`.
      const W = T0 + DAY;

      beforeAll(async () => {
        const meter = (deviceId: string, ts: number, values: Record<string, number>) =>
          reading(deviceId, 'power-meter', ts, values);
        const outcome = await store.write([
          meter('wall-a', W + HOUR, { kw: 50, kwh: 1_000 }),
          meter('wall-a', W + 2 * HOUR, { kw: 55, kwh: 1_040 }),
          meter('wall-a', W + 2 * HOUR + 30 * MINUTE, { kwh: 1_060 }),
          meter('wall-b', W + HOUR, { kw: 7, kwh: 300 }),
          meter('wall-b', W + 90 * MINUTE, { kw: 8, kwh: 290 }), // a counter that went down: spread is max − min
          reading('wall-s', 'smoke', W + 3 * HOUR, { smoke: false }),
        ]);
        expect(outcome.rejected).toEqual([]);
      });

      it('tells when each device last reported anything, from inclusive', async () => {
        const seen = await store.lastSeenPerDevice(W + 90 * MINUTE);
        expect(seen.get('wall-a')).toBe(W + 2 * HOUR + 30 * MINUTE);
        expect(seen.get('wall-b')).toBe(W + 90 * MINUTE);
        expect(seen.get('wall-s')).toBe(W + 3 * HOUR);
        expect(seen.has('gas-w1')).toBe(false);
        expect((await store.lastSeenPerDevice(W + 90 * MINUTE + 1)).has('wall-b')).toBe(false);
      });

      it('gives each device’s newest value of a metric, with its time', async () => {
        const last = await store.lastValuePerDevice({ kind: 'power-meter', metric: 'kw', from: W });
        expect(last.get('wall-a')).toEqual({ ts: W + 2 * HOUR, value: 55 });
        expect(last.get('wall-b')).toEqual({ ts: W + 90 * MINUTE, value: 8 });
        expect(last.has('wall-s')).toBe(false);
        const later = await store.lastValuePerDevice({
          kind: 'power-meter',
          metric: 'kw',
          from: W + 2 * HOUR + 1,
        });
        expect(later.has('wall-a')).toBe(false);
      });

      it('gives each device’s spread of a metric over a range, to exclusive', async () => {
        const spread = await store.spreadPerDevice({
          kind: 'power-meter',
          metric: 'kwh',
          from: W,
          to: W + 2 * HOUR + 30 * MINUTE,
        });
        expect(spread.get('wall-a')).toBe(40);
        expect(spread.get('wall-b')).toBe(10);
        const one = await store.spreadPerDevice({ kind: 'power-meter', metric: 'kwh', from: W, to: W + DAY });
        expect(one.get('wall-a')).toBe(60);
        expect(one.has('meter-c1')).toBe(false);
      });
    });
  });

  it('keeps its data through a reopen', async () => {
    store = await driver.reopen(store);
    expect(await store.ping()).toBe(true);
    expect(
      await store.points({
        kind: 'combustible-gas',
        metric: 'lel',
        deviceId: 'gas-r1',
        from: T0,
        to: T0 + HOUR,
      }),
    ).toEqual([{ ts: T0 + 5_000, value: 8 }]);
    expect(
      await store.buckets({
        kind: 'stack-gas',
        metric: 'so2',
        deviceId: 'cems-q1',
        from: T0,
        to: T0 + HOUR,
        source: 'hourly',
        aggregate: 'mean',
        intervalMs: HOUR,
      }),
    ).toEqual([{ ts: T0, value: 4 }]);
  });
});

describe('InfluxV1Store before the writer created its database', () => {
  // The api can start before the telemetry writer (which creates the database on start): nothing is stored yet, so
  // reads find nothing, where they used to fail with "database not found" (and /api/wall/summary answered 500).
  const store = new InfluxV1Store({ url: INFLUX_URL, database: `park_test_never_created_${RUN_ID}` });

  afterAll(() => store.close());

  it('reads nothing instead of failing', async () => {
    const q = { kind: 'combustible-gas', metric: 'lel', from: T0, to: T0 + DAY };
    expect(await store.queryRaw({ ...q, deviceId: 'gas-w1' })).toEqual([]);
    expect((await store.lastSeenPerDevice(T0)).size).toBe(0);
    expect((await store.lastValuePerDevice({ kind: 'power-meter', metric: 'kw', from: T0 })).size).toBe(0);
  });
});

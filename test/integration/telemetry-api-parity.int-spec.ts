/**
 * The API's telemetry reads on both stores: two API instances over the same records, one reading this run's
 * InfluxDB and one an embedded SQLite file (TELEMETRY_SQLITE_PATH), the same readings written to both — and the
 * same answers from the series, energy and wall endpoints, byte for byte (the wall's generation time aside).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@park/config';
import type { TelemetryRecord } from '@park/contracts';
import { DeviceEntity, EnterpriseEntity, seedDemoPark } from '@park/records';
import { TELEMETRY_STORE, type TelemetryBackend } from '@park/telemetry-store';
import { apiConfigSpec } from '../../apps/api/src/api.config';
import { startApi } from '../../apps/api/src/main';
import { caller, login, startRecordsApi, type Caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';

const PASSWORD = 'parity-test-password';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('telemetry reads of the API: InfluxDB and the embedded store answer alike', () => {
  let env: TestEnvironment;
  let dir: string;
  let influxApp: INestApplication;
  let sqliteApp: INestApplication;
  let sqliteStore: TelemetryBackend;
  let viaInflux: Caller;
  let viaSqlite: Caller;
  let chem: EnterpriseEntity;
  let cems: DeviceEntity;
  let smoke: DeviceEntity;
  let day0: number;
  const now = Date.now();

  beforeAll(async () => {
    env = await createTestEnvironment('parity');
    await seedDemoPark(env.records, PASSWORD);
    await env.influx.ensureSchema();
    dir = mkdtempSync(join(tmpdir(), 'park-parity-'));
    const sqlitePath = join(dir, 'telemetry.sqlite');

    let url: string;
    ({ app: influxApp, url } = await startRecordsApi(env));
    viaInflux = caller(url, await login(url, 'admin', PASSWORD));
    sqliteApp = await startApi(
      loadConfig(apiConfigSpec, {
        DATABASE_URL: env.databaseUrl,
        KAFKA_BROKERS: env.kafkaBrokers.join(','),
        PARK_NAMESPACE: env.namespace,
        KAFKA_TOPIC_PARTITIONS: '1',
        JWT_SECRET: 'records-test-secret-that-is-long-enough-0123',
        API_PORT: '0',
        API_INSTANCE_ID: `parity-sqlite-${env.runId}`,
        TELEMETRY_SQLITE_PATH: sqlitePath,
      }),
      { webRoot: null },
    );
    const sqliteUrl = (await sqliteApp.getUrl()).replace('[::1]', '127.0.0.1');
    viaSqlite = caller(sqliteUrl, await login(sqliteUrl, 'admin', PASSWORD));
    // The API's own store (one connection to the file; the app closes it).
    sqliteStore = sqliteApp.get<TelemetryBackend>(TELEMETRY_STORE);

    chem = await env.records
      .getRepository(EnterpriseEntity)
      .findOneByOrFail({ name: '启东示范化工有限公司' });
    const devices = env.records.getRepository(DeviceEntity);
    cems = await devices.findOneByOrFail({ enterpriseId: chem.id, kind: 'stack-gas' });
    smoke = await devices.findOneByOrFail({ kind: 'smoke' });
    const meters = await devices.findBy({ enterpriseId: chem.id, kind: 'power-meter' });
    expect(meters.length).toBeGreaterThan(0);

    // Four days of readings up to now: meters every 15 min (a counter with one reset), the stack every 10 min
    // (denser, every 30 s, in one hour), the smoke detector every 10 min with an alarm now and then; the meters and
    // the stack also 20 s ago, so the wall sees them online.
    day0 = Math.floor((now + 8 * HOUR) / DAY) * DAY - 8 * HOUR - 3 * DAY;
    const records: TelemetryRecord[] = [];
    const at = (device: DeviceEntity, ts: number, values: Record<string, number | boolean>) =>
      records.push({
        v: 1,
        deviceId: device.id,
        enterpriseId: device.enterpriseId,
        kind: device.kind as TelemetryRecord['kind'],
        role: (device.role as TelemetryRecord['role']) ?? null,
        line: null,
        ts,
        values,
        receivedAt: ts,
      });
    const end = now - 2 * MINUTE;
    for (const [m, meter] of meters.entries()) {
      let counter = 1_000 * (m + 1);
      for (let ts = day0 - 30 * MINUTE, i = 0; ts < end; ts += 15 * MINUTE, i++) {
        const kw = 20 + ((i * 7 + m * 3) % 50);
        counter = m === 0 && i === 150 ? 3 : counter + kw / 4;
        at(meter, ts, { kw, kwh: counter });
      }
      at(meter, now - 20_000, { kw: 30 + m, kwh: counter + 1 }); // fresh: the wall's current load
    }
    for (let ts = day0, i = 0; ts < end; ts += 10 * MINUTE, i++) {
      at(cems, ts, { so2: (i * 13) % 41, o2: 8 + (i % 3) });
      at(smoke, ts + 1_000, { smoke: i % 17 === 0, fire: false });
    }
    at(cems, now - 20_000, { so2: 5, o2: 9 });
    const dense = day0 + 2 * DAY + 5 * HOUR;
    for (let i = 0; i < 120; i++) at(cems, dense + 15_000 + i * 30_000, { so2: i % 9 });

    for (const store of [env.influx, sqliteStore]) {
      const outcome = await store.write(records);
      expect(outcome.rejected).toEqual([]);
    }
    // The hourly roll-up of everything written (InfluxDB: its CQ's statement for that range).
    await env.influx.rollUp({ from: day0 - HOUR, to: now + HOUR });
    await sqliteStore.rollUp({ from: day0 - HOUR, to: now + HOUR });
  });

  afterAll(async () => {
    await influxApp?.close();
    await sqliteApp?.close();
    await env?.teardown();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function both(path: string): Promise<{ influx: unknown; sqlite: unknown }> {
    const [influx, sqlite] = await Promise.all([viaInflux('GET', path), viaSqlite('GET', path)]);
    expect(influx.status).toBe(200);
    expect(sqlite.status).toBe(200);
    return { influx: influx.body, sqlite: sqlite.body };
  }

  const query = (params: Record<string, string | number | undefined>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params))
      if (value !== undefined) search.set(key, String(value));
    return search.toString();
  };

  it.each([
    ['raw readings of a short window', 'raw', () => ({ from: day0 + DAY, to: day0 + DAY + 2 * HOUR })],
    [
      '10-minute means of the dense hour',
      'raw',
      () => ({ from: day0 + 2 * DAY + 5 * HOUR, to: day0 + 2 * DAY + 6 * HOUR, points: 10 }),
    ],
    ['means over three days', 'raw', () => ({ from: day0, to: day0 + 3 * DAY, points: 50 })],
    ['the hourly means of a 40-day window', 'hourly', () => ({ from: now - 40 * DAY, to: now, points: 30 })],
  ])('series: %s', async (_label, source, window) => {
    const { influx, sqlite } = await both(
      `/api/telemetry/series?${query({ deviceId: cems.id, metric: 'so2', ...window() })}`,
    );
    expect(influx).toMatchObject({ source, points: expect.arrayContaining([expect.anything()]) as unknown });
    expect(sqlite).toEqual(influx);
  });

  it('series: an alarm flag, raw and as hourly maxima', async () => {
    const windows: Record<string, number>[] = [
      { from: day0, to: day0 + 6 * HOUR },
      { from: day0, to: day0 + 3 * DAY, points: 20 },
      { from: now - 40 * DAY, to: now, points: 30 },
    ];
    for (const window of windows) {
      const { influx, sqlite } = await both(
        `/api/telemetry/series?${query({ deviceId: smoke.id, metric: 'smoke', ...window })}`,
      );
      expect(sqlite).toEqual(influx);
    }
  });

  it('energy: the summary and its CSV', async () => {
    const window = {
      enterpriseId: chem.id,
      from: new Date(day0).toISOString(),
      to: new Date(day0 + 3 * DAY).toISOString(),
    };
    const { influx, sqlite } = await both(`/api/energy/summary?${query(window)}`);
    expect((influx as { totalKwh: number }).totalKwh).toBeGreaterThan(0);
    expect(sqlite).toEqual(influx);
    const [csvInflux, csvSqlite] = await Promise.all([
      viaInflux('GET', `/api/energy/summary.csv?${query(window)}`),
      viaSqlite('GET', `/api/energy/summary.csv?${query(window)}`),
    ]);
    expect(csvInflux.status).toBe(200);
    expect(csvSqlite.text).toBe(csvInflux.text);
  });

  it('wall: load, energy today, devices online and the map', async () => {
    const { influx, sqlite } = await both('/api/wall/summary');
    const strip = (body: unknown) => ({ ...(body as Record<string, unknown>), generatedAt: 0 });
    expect((influx as { load: { kw: number } }).load.kw).toBeGreaterThan(0);
    expect(strip(sqlite)).toEqual(strip(influx));
  });
});

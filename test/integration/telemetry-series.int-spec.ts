/**
 * GET /api/telemetry/series on the real PostgreSQL (devices, users) and InfluxDB (points): raw readings for a
 * short window, exact per-bucket means for a dense one, the hourly means for a window past the raw retention,
 * errors that name the bad parameter, and an energy manager kept to their own enterprise's devices.
 */
import type { INestApplication } from '@nestjs/common';
import type { TelemetryRecord } from '@park/contracts';
import { DeviceEntity, EnterpriseEntity, seedDemoPark } from '@park/records';
import { HOURLY_RP } from '@park/telemetry-store';
import { caller, login, startRecordsApi, type Caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';

const PASSWORD = 'series-test-password';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Series {
  deviceId: string;
  metric: string;
  unit: string;
  label: { zh: string; en: string };
  from: number;
  to: number;
  intervalMs: number | null;
  source: string;
  points: { ts: number; value: number; quality?: string }[];
}

describe('telemetry series API on the real InfluxDB', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let url: string;
  let admin: Caller;
  let manager: Caller;
  const own = 'demo-cems-001'; // the demo chemical plant's stack (the manager's enterprise)
  let other: DeviceEntity; // a power meter of the demo machinery plant
  /** Start of the dense hour: 120 so2 readings every 30 s, value i (0…119). */
  let hourStart: number;
  /** Start of two days of hourly means, 200 days ago (past the raw retention). */
  let oldDay: number;

  const series = (call: Caller, query: Record<string, string | number>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) params.set(key, String(value));
    return call('GET', `/api/telemetry/series?${params.toString()}`);
  };

  beforeAll(async () => {
    env = await createTestEnvironment('series');
    await seedDemoPark(env.records, PASSWORD);
    await env.influx.ensureSchema();
    ({ app, url } = await startRecordsApi(env));
    admin = caller(url, await login(url, 'admin', PASSWORD));
    manager = caller(url, await login(url, 'manager', PASSWORD));

    const enterprises = env.records.getRepository(EnterpriseEntity);
    const chem = await enterprises.findOneByOrFail({ name: '启东示范化工有限公司' });
    const machinery = await enterprises.findOneByOrFail({ name: '启东示范精密机械有限公司' });
    const devices = env.records.getRepository(DeviceEntity);
    expect((await devices.findOneByOrFail({ id: own })).enterpriseId).toBe(chem.id);
    other = await devices.findOneByOrFail({ enterpriseId: machinery.id, kind: 'power-meter' });

    const now = Date.now();
    hourStart = Math.floor(now / HOUR) * HOUR - 3 * HOUR;
    const reading = (deviceId: string, enterpriseId: string, ts: number, values: Record<string, number>) =>
      ({
        v: 1,
        deviceId,
        enterpriseId,
        kind: deviceId === own ? 'stack-gas' : 'power-meter',
        role: deviceId === own ? null : (other.role as 'production'),
        line: null,
        ts,
        values,
        receivedAt: ts,
      }) satisfies TelemetryRecord;
    const records: TelemetryRecord[] = [];
    for (let i = 0; i < 120; i++) {
      records.push(reading(own, chem.id, hourStart + i * 30_000, { so2: i, o2: 8 }));
      records.push(reading(other.id, machinery.id, hourStart + i * 30_000, { kw: 100 + i }));
    }
    const outcome = await env.influx.write(records);
    expect(outcome).toEqual({ written: 240, rejected: [] });

    // The hourly means the continuous query would have kept (`mean_<field>` in the hourly policy): 48 hours.
    oldDay = Math.floor((now - 200 * DAY) / DAY) * DAY;
    const lines = Array.from(
      { length: 48 },
      (_, h) =>
        `stack_gas,device=${own},enterprise=${chem.id},kind=stack-gas mean_so2=${h * 2},max_so2=${h * 2 + 1} ${oldDay + h * HOUR}`,
    );
    const res = await fetch(
      `${env.influxUrl}/write?${new URLSearchParams({ db: env.influxDatabase, rp: HOURLY_RP, precision: 'ms' }).toString()}`,
      { method: 'POST', body: lines.join('\n') },
    );
    expect(res.status).toBe(204);
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  it('answers a short window with the raw readings, their unit and label', async () => {
    const res = await series(admin, {
      deviceId: own,
      metric: 'so2',
      from: hourStart,
      to: hourStart + 10 * MINUTE,
    });
    expect(res.status).toBe(200);
    const body = res.body as Series;
    expect(body).toMatchObject({
      deviceId: own,
      metric: 'so2',
      unit: 'mg/m³',
      label: { zh: '二氧化硫', en: 'SO₂' },
      from: hourStart,
      to: hourStart + 10 * MINUTE,
      intervalMs: null,
      source: 'raw',
    });
    // Both ends inclusive: readings 0…20.
    expect(body.points).toEqual(
      Array.from({ length: 21 }, (_, i) => ({ ts: hourStart + i * 30_000, value: i })),
    );
  });

  it('shows each flagged reading with its HJ 212 quality, and averages only the normal ones', async () => {
    // nmhc two hours before the dense hour, one reading a minute: 10 on the even minutes, 0 flagged D (analyser
    // fault) on the odd ones, and 500 flagged T (over range) on the last.
    const start = hourStart - 2 * HOUR;
    const chem = (await env.records.getRepository(DeviceEntity).findOneByOrFail({ id: own })).enterpriseId;
    const at = (minute: number): TelemetryRecord => {
      const flag = minute === 11 ? 'T' : minute % 2 === 1 ? 'D' : null;
      return {
        v: 1,
        deviceId: own,
        enterpriseId: chem,
        kind: 'stack-gas',
        role: null,
        line: null,
        ts: start + minute * MINUTE,
        values: { nmhc: flag === 'T' ? 500 : flag === 'D' ? 0 : 10, o2: 9 },
        ...(flag ? { flags: { nmhc: flag } } : {}),
        receivedAt: start + minute * MINUTE,
      };
    };
    const records = Array.from({ length: 12 }, (_, m) => at(m));
    expect(await env.influx.write(records)).toEqual({ written: 12, rejected: [] });

    const raw = await series(admin, { deviceId: own, metric: 'nmhc', from: start, to: start + 3 * MINUTE });
    expect(raw.status).toBe(200);
    expect((raw.body as Series).points).toEqual([
      { ts: start, value: 10 },
      { ts: start + MINUTE, value: 0, quality: 'D' },
      { ts: start + 2 * MINUTE, value: 10 },
      { ts: start + 3 * MINUTE, value: 0, quality: 'D' },
    ]);
    const last = await series(admin, {
      deviceId: own,
      metric: 'nmhc',
      from: start + 10 * MINUTE,
      to: start + 11 * MINUTE,
    });
    expect((last.body as Series).points).toEqual([
      { ts: start + 10 * MINUTE, value: 10 },
      { ts: start + 11 * MINUTE, value: 500, quality: 'T' },
    ]);

    // 12 readings, at most 10 points: buckets, each the mean of its normal readings only (10), none with a quality.
    const bucketed = await series(admin, {
      deviceId: own,
      metric: 'nmhc',
      from: start,
      to: start + 12 * MINUTE,
      points: 10,
    });
    expect(bucketed.status).toBe(200);
    const body = bucketed.body as Series;
    expect(body.intervalMs).not.toBeNull();
    expect(body.points.length).toBeGreaterThan(1);
    expect(body.points.every((p) => p.value === 10 && p.quality === undefined)).toBe(true);
  });

  it('takes ISO 8601 times with a zone as well as epoch ms', async () => {
    const iso = (ms: number) => new Date(ms + 8 * HOUR).toISOString().replace('Z', '+08:00');
    const a = await series(admin, {
      deviceId: own,
      metric: 'so2',
      from: iso(hourStart),
      to: iso(hourStart + MINUTE),
    });
    expect(a.status).toBe(200);
    expect((a.body as Series).from).toBe(hourStart);
    expect((a.body as Series).points.map((p) => p.value)).toEqual([0, 1, 2]);
  });

  it('averages more readings than asked for into round buckets, with exact means', async () => {
    // 120 readings, at most 10 points: ceil(1 h / 9) = 6.7 min → 10-min buckets of 20 readings (20k … 20k+19).
    const res = await series(admin, {
      deviceId: own,
      metric: 'so2',
      from: hourStart,
      to: hourStart + HOUR - 1,
      points: 10,
    });
    expect(res.status).toBe(200);
    const body = res.body as Series;
    expect(body.intervalMs).toBe(10 * MINUTE);
    expect(body.source).toBe('raw');
    expect(body.points).toEqual(
      Array.from({ length: 6 }, (_, k) => ({ ts: hourStart + k * 10 * MINUTE, value: 20 * k + 9.5 })),
    );
  });

  it('reads the hourly means for a window past the raw retention', async () => {
    const hourly = await series(admin, {
      deviceId: own,
      metric: 'so2',
      from: oldDay,
      to: oldDay + 2 * DAY - 1,
    });
    expect(hourly.status).toBe(200);
    expect(hourly.body).toMatchObject({ source: 'hourly', intervalMs: HOUR, unit: 'mg/m³' });
    expect((hourly.body as Series).points).toEqual(
      Array.from({ length: 48 }, (_, h) => ({ ts: oldDay + h * HOUR, value: h * 2 })),
    );
    // At most 10 points over two days: 6-hour buckets, each the mean of six hourly means (2·(6k…6k+5)).
    const coarse = await series(admin, {
      deviceId: own,
      metric: 'so2',
      from: oldDay,
      to: oldDay + 2 * DAY - 1,
      points: 10,
    });
    expect(coarse.body).toMatchObject({ source: 'hourly', intervalMs: 6 * HOUR });
    expect((coarse.body as Series).points).toEqual(
      Array.from({ length: 8 }, (_, k) => ({ ts: oldDay + k * 6 * HOUR, value: 12 * k + 5 })),
    );
  });

  it('answers resolution=hour with the hourly means and resolution=day with the mean of each park day', async () => {
    const window = { deviceId: own, metric: 'so2', from: oldDay, to: oldDay + 2 * DAY - 1 };
    const hours = await series(admin, { ...window, points: 48, resolution: 'hour' });
    expect(hours.status).toBe(200);
    expect(hours.body).toMatchObject({ source: 'hourly', intervalMs: HOUR });
    expect((hours.body as Series).points).toEqual(
      Array.from({ length: 48 }, (_, h) => ({ ts: oldDay + h * HOUR, value: h * 2 })),
    );
    // `points` caps the buckets a resolution may give, it never coarsens them: 48 hours in 10 points is refused.
    const tooMany = await series(admin, { ...window, points: 10, resolution: 'hour' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ code: 'INVALID_SERIES_QUERY', field: 'resolution' });
    // Park days start at 00:00 Asia/Shanghai = 16:00 UTC: hours 0–15 of oldDay, 16–39, 40–47.
    const daily = await series(admin, { ...window, resolution: 'day' });
    expect(daily.status).toBe(200);
    expect(daily.body).toMatchObject({ source: 'hourly', intervalMs: DAY });
    expect((daily.body as Series).points).toEqual([
      { ts: oldDay - 8 * HOUR, value: 15 }, // mean of 0, 2, … 30
      { ts: oldDay + 16 * HOUR, value: 55 }, // mean of 32 … 78
      { ts: oldDay + 40 * HOUR, value: 87 }, // mean of 80 … 94
    ]);
  });

  it('answers an empty window with no points, not an error', async () => {
    const res = await series(admin, { deviceId: own, metric: 'nox', from: hourStart, to: hourStart + HOUR });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ metric: 'nox', unit: 'mg/m³', points: [] });
  });

  it('refuses bad input, naming the parameter', async () => {
    const base = { deviceId: own, metric: 'so2', from: hourStart, to: hourStart + HOUR };
    const cases: [Record<string, string | number>, number, string][] = [
      [{ ...base, metric: 'cod' }, 400, 'metric: a stack-gas device measures no "cod"'],
      [{ ...base, metric: 'so2" FROM x --' }, 400, 'metric: a stack-gas device measures no'],
      [{ ...base, to: hourStart }, 400, 'to: must be after from'],
      [{ ...base, from: hourStart - 401 * DAY }, 400, 'to: the window may span at most 400 days'],
      [{ ...base, from: 'yesterday' }, 400, 'from must be an ISO 8601 date-time'],
      [{ ...base, to: '2025-11-27T09:30:00' }, 400, 'to must be an ISO 8601 date-time'],
      [{ ...base, points: 5000 }, 400, 'points must not be greater than 2000'],
      [{ ...base, resolution: 'minute' }, 400, 'resolution must be one of raw, hour, day'],
      [
        { ...base, from: hourStart - 20 * DAY, resolution: 'hour' },
        400,
        'resolution: hour: the window holds more',
      ],
      [
        { ...base, from: hourStart - 200 * DAY, resolution: 'raw' },
        400,
        'resolution: raw: readings are kept',
      ],
      [{ ...base, deviceId: 'no-such-device' }, 404, 'device no-such-device not found'],
    ];
    for (const [query, status, message] of cases) {
      const res = await series(admin, query);
      const said = [(res.body as { message: string | string[] }).message].flat().join('; ');
      expect([query, res.status, said]).toEqual([query, status, expect.stringContaining(message)]);
    }
    const missing = await admin(
      'GET',
      `/api/telemetry/series?metric=so2&from=${hourStart}&to=${hourStart + 1}`,
    );
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('deviceId');
    expect((await caller(url)('GET', `/api/telemetry/series?deviceId=${own}`)).status).toBe(401);
  });

  it("lets an energy manager read their own enterprise's device and answers another's like a missing one", async () => {
    const mine = await series(manager, {
      deviceId: own,
      metric: 'so2',
      from: hourStart,
      to: hourStart + MINUTE,
    });
    expect(mine.status).toBe(200);
    expect((mine.body as Series).points).toHaveLength(3);

    const window = { metric: 'kw', from: hourStart, to: hourStart + HOUR };
    // The data is there (an admin reads it) …
    const asAdmin = await series(admin, { deviceId: other.id, ...window });
    expect((asAdmin.body as Series).points).toHaveLength(120);
    // … but the other enterprise's manager gets exactly what a device that does not exist gets.
    const theirs = await series(manager, { deviceId: other.id, ...window });
    const nobody = await series(manager, { deviceId: 'no-such-device', ...window });
    expect(theirs.status).toBe(404);
    expect(nobody.status).toBe(404);
    expect(theirs.text).not.toContain('"points"');
    expect(theirs.text.replaceAll(other.id, 'X')).toBe(nobody.text.replaceAll('no-such-device', 'X'));
  });
});

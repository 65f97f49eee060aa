/**
 * GET /api/device-states on the real PostgreSQL (devices, users) and InfluxDB (readings): each device online or
 * offline by its last reading, its newest value per metric with unit and HJ 212 quality, the enterprise, kind and
 * state filters, and an energy manager kept to their own enterprise's devices.
 */
import type { INestApplication } from '@nestjs/common';
import type { DeviceStateView, TelemetryRecord } from '@park/contracts';
import { DeviceEntity, EnterpriseEntity, seedDemoPark } from '@park/records';
import { caller, login, startRecordsApi, type Caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';

const PASSWORD = 'device-states-test-password';
const HOUR = 3_600_000;

describe('device states API on the real InfluxDB', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let admin: Caller;
  let manager: Caller;
  const own = 'demo-cems-001'; // the demo chemical plant's stack (the manager's enterprise)
  let other: DeviceEntity; // a power meter of the demo machinery plant, silent for an hour
  let chemId: string;
  let machineryId: string;
  let recentTs: number;
  let oldTs: number;

  const list = async (call: Caller, query = ''): Promise<DeviceStateView[]> => {
    const res = await call('GET', `/api/device-states${query}`);
    expect(res.status).toBe(200);
    return res.body as DeviceStateView[];
  };

  beforeAll(async () => {
    env = await createTestEnvironment('devstates');
    await seedDemoPark(env.records, PASSWORD);
    await env.influx.ensureSchema();
    let url: string;
    ({ app, url } = await startRecordsApi(env));
    admin = caller(url, await login(url, 'admin', PASSWORD));
    manager = caller(url, await login(url, 'manager', PASSWORD));

    const enterprises = env.records.getRepository(EnterpriseEntity);
    chemId = (await enterprises.findOneByOrFail({ name: '启东示范化工有限公司' })).id;
    machineryId = (await enterprises.findOneByOrFail({ name: '启东示范精密机械有限公司' })).id;
    const devices = env.records.getRepository(DeviceEntity);
    expect((await devices.findOneByOrFail({ id: own })).enterpriseId).toBe(chemId);
    other = await devices.findOneByOrFail({ enterpriseId: machineryId, kind: 'power-meter' });

    recentTs = Date.now() - 1_000;
    oldTs = Date.now() - HOUR;
    const base = { v: 1, line: null, receivedAt: recentTs } as const;
    const records: TelemetryRecord[] = [
      // so2 read while the analyser calibrates (HJ 212 flag C), o2 normal at the same instant.
      {
        ...base,
        deviceId: own,
        enterpriseId: chemId,
        kind: 'stack-gas',
        role: null,
        ts: recentTs - 60_000,
        values: { so2: 30, o2: 8 },
      },
      {
        ...base,
        deviceId: own,
        enterpriseId: chemId,
        kind: 'stack-gas',
        role: null,
        ts: recentTs,
        values: { so2: 12.5, o2: 9 },
        flags: { so2: 'C' },
      },
      {
        ...base,
        deviceId: other.id,
        enterpriseId: machineryId,
        kind: 'power-meter',
        role: other.role as 'production',
        ts: oldTs,
        values: { kw: 42 },
      },
    ];
    expect(await env.influx.write(records)).toEqual({ written: 3, rejected: [] });
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  it('shows a reporting device online with its newest values, units and quality', async () => {
    const states = await list(admin);
    const cems = states.find((s) => s.id === own);
    expect(cems).toMatchObject({
      enterpriseId: chemId,
      kind: 'stack-gas',
      state: 'online',
      lastSeenAt: new Date(recentTs).toISOString(),
    });
    expect(cems?.values.filter((v) => v.metric === 'so2' || v.metric === 'o2')).toEqual([
      { metric: 'so2', value: 12.5, unit: 'mg/m³', at: new Date(recentTs).toISOString(), quality: 'C' },
      { metric: 'o2', value: 9, unit: '%', at: new Date(recentTs).toISOString(), quality: null },
    ]);
  });

  it('shows a device silent past three intervals offline, with when it last reported', async () => {
    const meter = (await list(admin)).find((s) => s.id === other.id);
    expect(meter).toMatchObject({ state: 'offline', lastSeenAt: new Date(oldTs).toISOString() });
    expect(meter?.values).toEqual([
      { metric: 'kw', value: 42, unit: 'kW', at: new Date(oldTs).toISOString(), quality: null },
    ]);
  });

  it('filters by state, kind and enterprise', async () => {
    const online = await list(admin, '?state=online');
    expect(online.map((s) => s.id)).toContain(own);
    expect(online.every((s) => s.state === 'online')).toBe(true);
    const offline = await list(admin, '?state=offline');
    expect(offline.map((s) => s.id)).toContain(other.id);
    expect(offline.map((s) => s.id)).not.toContain(own);
    const meters = await list(admin, `?kind=power-meter&enterpriseId=${machineryId}`);
    expect(meters.length).toBeGreaterThan(0);
    expect(meters.every((s) => s.kind === 'power-meter' && s.enterpriseId === machineryId)).toBe(true);
    expect((await admin('GET', '/api/device-states?state=asleep')).status).toBe(400);
  });

  it("keeps an energy manager to their own enterprise's devices", async () => {
    const mine = await list(manager);
    expect(mine.map((s) => s.id)).toContain(own);
    expect(mine.every((s) => s.enterpriseId === chemId)).toBe(true);
    expect(await list(manager, `?enterpriseId=${machineryId}`)).toEqual([]);
    expect((await manager('GET', `/api/device-states/${own}`)).status).toBe(200);
    const foreign = await manager('GET', `/api/device-states/${other.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.text).not.toContain('42');
    expect((await admin('GET', `/api/device-states/${other.id}`)).status).toBe(200);
  });

  it('refuses a caller without a session', async () => {
    const res = await fetch(`${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/api/device-states`);
    expect(res.status).toBe(401);
  });
});

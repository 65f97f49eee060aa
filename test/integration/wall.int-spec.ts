/**
 * The wall display's API on the real PostgreSQL and InfluxDB: display tokens (created once, stored as a hash,
 * traded for a short operator session, refused once revoked) and GET /api/wall/summary computed from known
 * power-meter points written into this run's InfluxDB.
 */
import { createHash } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { TelemetryRecord } from '@park/contracts';
import { DeviceEntity, DisplayTokenEntity, LandParcelEntity, seedDemoPark } from '@park/records';
import { IsNull, Not } from 'typeorm';
import type { WallSummary } from '@park/contracts';
import { startOfShanghaiDay } from '../../apps/api/src/wall/wall-kpis';
import { caller, login, startRecordsApi, type Caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';

const PASSWORD = 'wall-test-password';

describe('wall display API on the real services', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let url: string;
  let admin: Caller;
  let officer: Caller;

  beforeAll(async () => {
    env = await createTestEnvironment('wall');
    await seedDemoPark(env.records, PASSWORD);
    await env.influx.ensureSchema();
    ({ app, url } = await startRecordsApi(env));
    admin = caller(url, await login(url, 'admin', PASSWORD));
    officer = caller(url, await login(url, 'officer', PASSWORD));
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  async function exchange(token: string) {
    return caller(url)('POST', '/api/display-tokens/exchange', { token });
  }

  describe('display tokens', () => {
    let id: string;
    let token: string;

    it('lets an admin create one, shown once and stored only as its SHA-256', async () => {
      expect((await officer('POST', '/api/display-tokens', { name: '指挥中心大屏' })).status).toBe(403);
      const res = await admin('POST', '/api/display-tokens', { name: `指挥中心大屏 ${env.runId}` });
      expect(res.status).toBe(201);
      ({ id, token } = res.body as { id: string; token: string });
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
      const row = await env.records.getRepository(DisplayTokenEntity).findOneByOrFail({ id });
      expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
      expect(row.createdBy).toBe('admin');

      const list = await admin('GET', '/api/display-tokens');
      expect(list.status).toBe(200);
      expect(list.text).not.toContain(token);
      expect(list.text).not.toContain(row.tokenHash);
      expect(list.body).toEqual([
        expect.objectContaining({
          id,
          name: `指挥中心大屏 ${env.runId}`,
          createdBy: 'admin',
          revokedAt: null,
        }),
      ]);
    });

    it('trades the token for a short session of the display role that can read the wall and nothing else', async () => {
      const res = await exchange(token);
      expect(res.status).toBe(200);
      const session = res.body as { accessToken: string; expiresAt: number; user: { role: string } };
      expect(session.user.role).toBe('display');
      expect(session.expiresAt - Date.now()).toBeLessThanOrEqual(15 * 60_000);
      expect(session.expiresAt - Date.now()).toBeGreaterThan(14 * 60_000);
      const display = caller(url, session.accessToken);
      expect((await display('GET', '/api/wall/summary')).status).toBe(200);
      expect((await display('GET', '/api/wall/alerts?limit=5')).status).toBe(200);
      expect((await display('GET', '/api/wall/progress?from=2021&to=2025')).status).toBe(200);
      expect((await display('GET', '/api/alerts?limit=5')).status).toBe(403);
      expect((await display('GET', '/api/enterprises')).status).toBe(403);
      expect((await display('GET', '/api/display-tokens')).status).toBe(403);
      expect((await display('POST', '/api/display-tokens', { name: 'x' })).status).toBe(403);
      const row = await env.records.getRepository(DisplayTokenEntity).findOneByOrFail({ id });
      expect(row.lastUsedAt).not.toBeNull();
    });

    it('refuses a wrong token, and the real one once revoked', async () => {
      expect((await exchange(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).status).toBe(401);
      const revoked = await admin('DELETE', `/api/display-tokens/${id}`);
      expect(revoked.status).toBe(200);
      expect((revoked.body as { revokedAt: number | null }).revokedAt).toEqual(expect.any(Number));
      const refused = await exchange(token);
      expect(refused.status).toBe(401);
      expect(refused.body).toMatchObject({ code: 'INVALID_DISPLAY_TOKEN' });
      expect((await admin('DELETE', '/api/display-tokens/00000000-0000-4000-8000-000000000000')).status).toBe(
        404,
      );
    });
  });

  describe('GET /api/wall/summary', () => {
    it('refuses callers without a session and energy managers', async () => {
      expect((await caller(url)('GET', '/api/wall/summary')).status).toBe(401);
      const manager = caller(url, await login(url, 'manager', PASSWORD));
      expect((await manager('GET', '/api/wall/summary')).status).toBe(403);
    });

    it('sums the load of reporting meters and today’s energy exactly from the points in InfluxDB', async () => {
      const devices = await env.records.getRepository(DeviceEntity).find({ where: { enabled: true } });
      const meters = devices
        .filter((d) => d.kind === 'power-meter' && d.expectedIntervalS === 60)
        .sort((a, b) => a.id.localeCompare(b.id));
      expect(meters.length).toBeGreaterThanOrEqual(3);
      const [m1, m2, m3] = meters;
      const now = Date.now();
      const dayStart = startOfShanghaiDay(now);
      const t0 = Math.max(dayStart + 1, now - 120_000);
      const t1 = Math.max(t0 + 1, now - 5_000);
      const point = (d: DeviceEntity, ts: number, values: Record<string, number>): TelemetryRecord => ({
        v: 1,
        deviceId: d.id,
        enterpriseId: d.enterpriseId,
        kind: 'power-meter',
        role: null,
        line: d.line,
        ts,
        values,
        receivedAt: ts,
      });
      const outcome = await env.influx.write([
        point(m1, dayStart - 60_000, { kw: 90, kwh: 900 }), // yesterday: not today's energy
        point(m1, t0, { kw: 100, kwh: 1000 }),
        point(m1, t1, { kw: 120.5, kwh: 1012.5 }),
        point(m2, t0, { kw: 50, kwh: 500 }),
        point(m2, t1, { kw: 80.25, kwh: 500.25 }),
        point(m3, now - 10 * 60_000, { kw: 999 }), // silent for 10 min at a 60 s interval: not in the load
      ]);
      expect(outcome).toEqual({ written: 6, rejected: [] });

      const res = await officer('GET', '/api/wall/summary');
      expect(res.status).toBe(200);
      const summary = res.body as WallSummary;
      const powerMeters = devices.filter((d) => d.kind === 'power-meter').length;
      expect(summary.load).toEqual({ kw: 200.75, reporting: 2, meters: powerMeters });
      expect(summary.energyToday).toEqual({ kwh: 12.75, meters: 2 });
      expect(summary.dayStart).toBe(startOfShanghaiDay(summary.generatedAt));
      expect(summary.devices).toEqual({ online: 2, total: devices.length });

      const emitters = devices.filter((d) => d.kind === 'stack-gas' || d.kind === 'wastewater').length;
      // No emission outlet reports here: none is judged (no data), so there is no rate — not 100 % of nothing.
      expect(emitters).toBeGreaterThan(0);
      expect(summary.emission).toEqual({
        compliant: 0,
        judged: 0,
        notJudged: emitters,
        total: emitters,
        ratePercent: null,
      });
      expect(summary.openAlerts).toEqual({ info: 0, warning: 0, critical: 0, total: 0 });

      const mapped = await env.records.getRepository(LandParcelEntity).countBy({ geometry: Not(IsNull()) });
      expect(mapped).toBeGreaterThan(0);
      expect(summary.map.parcels.features).toHaveLength(mapped);
      expect(summary.map.parcels.features.every((f) => f.properties.worstSeverity === null)).toBe(true);
      const marker = summary.map.devices.find((d) => d.id === m1.id);
      expect(marker).toMatchObject({ online: true, worstSeverity: null });
      expect(summary.map.devices.find((d) => d.id === m3.id)).toMatchObject({ online: false });
    });
  });
});

/**
 * Maintenance windows (检修) on the real services (microservices mode: Mosquitto → ingestion → Kafka → rules →
 * PostgreSQL → outbox → Kafka → api → socket.io):
 * - a gas detector in a window publishes over MQTT a reading past its level-2 limit: the alert is recorded
 *   `suppressed` with the window's reason, reaches the officer's socket only as a `suppressed` event (never
 *   `opened`) and is listed by the API; when an officer ends the window early, the still-present condition goes
 *   live as one `opened` event on the same alert;
 * - a detector on a line in maintenance whose condition clears inside the window: its held-back alert is resolved
 *   and never goes live; after the window the same condition opens a new alert live;
 * - the REST rules: not in the past, not longer than 7 days without an admin, a subject that exists, roles, and an
 *   energy manager confined to their own enterprise; every change in the audit log.
 */
import { telemetryTopic, type AlertEvent, type AlertView } from '@park/contracts';
import {
  AlertEntity,
  AlertEventEntity,
  AuditEntryEntity,
  DeviceEntity,
  EnterpriseEntity,
  seedDemoPark,
  type MaintenanceWindowView,
} from '@park/records';
import { Not } from 'typeorm';
import { startPlatformStack, type PlatformStack } from '../support/platform-stack';
import { caller, type Caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'maintenance-password-1';
const DEMO_CREDIT_CODE = '91320681MA1PARK01Y';
/** A detector of the demo chemical plant on no line, and one on line synthesis-1. */
const GAS_ALONE = 'demo-gas-001';
const GAS_ON_LINE = 'demo-gas-002';
const LINE = 'synthesis-1';
const MINUTE = 60_000;
const DAY = 86_400_000;

describe('maintenance windows on the real services', () => {
  let env: TestEnvironment;
  let stack: PlatformStack;
  let officer: Caller;
  let admin: Caller;
  let manager: Caller;
  let operator: Caller;
  let demoChemId: string;
  let received: AlertEvent[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment('maint');
    await seedDemoPark(env.records, PASSWORD);
    demoChemId = (
      await env.records.getRepository(EnterpriseEntity).findOneByOrFail({ creditCode: DEMO_CREDIT_CODE })
    ).id;
    stack = await startPlatformStack(env, {
      label: 'maint',
      password: PASSWORD,
      api: { INFLUX_URL: env.influxUrl, INFLUX_DATABASE: env.influxDatabase },
      apiOptions: { webRoot: null },
    });
    const officerToken = await stack.login('officer');
    officer = caller(stack.apiUrl, officerToken);
    admin = caller(stack.apiUrl, await stack.login('admin'));
    manager = caller(stack.apiUrl, await stack.login('manager'));
    operator = caller(stack.apiUrl, await stack.login('operator'));

    received = await stack.collectAlerts(officerToken);
  });

  afterAll(async () => {
    await stack?.stop();
    await env?.teardown();
  });

  async function detector(id: string): Promise<(lel: number, ts?: number) => Promise<void>> {
    const client = await stack.connectDevice(id);
    return async (lel, ts = Date.now()) => {
      await client.publishAsync(telemetryTopic(id), JSON.stringify({ ts, values: { lel } }), { qos: 1 });
    };
  }

  /** The gas alerts of one detector (a demo device never heard before may also be judged offline meanwhile). */
  const eventsOf = (deviceId: string) =>
    received.filter((e) => e.alert.deviceId === deviceId && e.alert.metric === 'lel');
  const trailOf = async (alertId: string) =>
    (await env.records.getRepository(AlertEventEntity).find({ where: { alertId }, order: { seq: 'ASC' } }))
      .map((e) => e.type)
      .filter((t) => t !== 'repeated');

  async function openWindow(
    body: Record<string, unknown>,
    as: Caller = officer,
  ): Promise<MaintenanceWindowView> {
    const res = await as('POST', '/api/maintenance-windows', body);
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return res.body as MaintenanceWindowView;
  }

  it('holds back the alert of a device in maintenance, shows it suppressed, and puts it live when the window ends', async () => {
    const publish = await detector(GAS_ALONE);
    const window = await openWindow({
      subjectType: 'device',
      subjectId: GAS_ALONE,
      endsAt: Date.now() + 30 * MINUTE,
      reason: '更换探头 / sensor head replaced',
    });
    expect(window).toMatchObject({ subjectType: 'device', enterpriseId: demoChemId, endedAt: null });

    await publish(3, Date.now() - 1_000);
    await publish(60);
    const suppressed = await waitFor('the suppressed event on the socket', () =>
      eventsOf(GAS_ALONE).find((e) => e.type === 'suppressed'),
    );
    expect(suppressed.alert).toMatchObject({
      status: 'suppressed',
      metric: 'lel',
      level: 2,
      maintenance: { id: window.id, reason: '更换探头 / sensor head replaced' },
    });
    expect(suppressed.alert.suppressedAt).toEqual(expect.any(Number));

    // A second reading past the limit is applied (the count rises) and still nothing goes live.
    await publish(62);
    await waitFor('the second reading applied', async () => {
      const row = await env.records.getRepository(AlertEntity).findOneBy({ id: suppressed.alert.id });
      return row !== null && row.count >= 2;
    });
    expect(eventsOf(GAS_ALONE).filter((e) => e.type !== 'suppressed')).toEqual([]);

    const listed = await officer('GET', '/api/alerts?status=suppressed');
    expect(listed.status).toBe(200);
    expect((listed.body as AlertView[]).map((a) => a.id)).toContain(suppressed.alert.id);
    // The device page's list (?device=): the alerts about one device, whatever their state, and no other's.
    const ofDevice = await officer('GET', `/api/alerts?device=${GAS_ALONE}`);
    expect(ofDevice.status).toBe(200);
    expect((ofDevice.body as AlertView[]).map((a) => a.id)).toContain(suppressed.alert.id);
    expect((ofDevice.body as AlertView[]).every((a) => a.deviceId === GAS_ALONE)).toBe(true);
    const ofOther = await officer('GET', `/api/alerts?device=${GAS_ON_LINE}`);
    expect((ofOther.body as AlertView[]).map((a) => a.id)).not.toContain(suppressed.alert.id);
    expect((await officer('GET', '/api/alerts?device=no%20such%20device')).status).toBe(400);
    // Only an open alert can be acknowledged: a held-back one is not on anyone's desk yet.
    expect((await officer('POST', `/api/alerts/${suppressed.alert.id}/acknowledge`)).status).toBe(409);

    const ended = await officer('POST', `/api/maintenance-windows/${window.id}/end`);
    expect(ended.status).toBe(200);
    expect((ended.body as MaintenanceWindowView).endedBy).toBe('officer');

    const opened = await waitFor('the alert going live on the socket', () =>
      eventsOf(GAS_ALONE).find((e) => e.type === 'opened'),
    );
    expect(opened.alert).toMatchObject({
      id: suppressed.alert.id,
      status: 'open',
      level: 2,
      count: 2,
      value: 62,
      maintenance: { id: window.id, reason: '更换探头 / sensor head replaced' },
    });
    expect(opened.alert.openedAt).toBeGreaterThanOrEqual((ended.body as MaintenanceWindowView).endedAt ?? 0);
    expect(await trailOf(suppressed.alert.id)).toEqual(['suppressed', 'opened']);
    expect(await env.records.getRepository(AlertEntity).countBy({ deviceId: GAS_ALONE, metric: 'lel' })).toBe(
      1,
    );

    const audit = await env.records
      .getRepository(AuditEntryEntity)
      .find({ where: { entityType: 'maintenance-window', entityId: window.id }, order: { seq: 'ASC' } });
    expect(audit.map((a) => [a.action, a.actor])).toEqual([
      ['create', 'officer'],
      ['update', 'officer'],
    ]);
    expect(audit[1].changes).toMatchObject({ endedBy: { from: null, to: 'officer' } });
  });

  it("resolves a held-back alert whose condition clears inside its line's window, and judges live after it", async () => {
    const publish = await detector(GAS_ON_LINE);
    const window = await openWindow({
      subjectType: 'line',
      subjectId: LINE,
      enterpriseId: demoChemId,
      endsAt: Date.now() + 30 * MINUTE,
      reason: '合成一线停车检修',
    });
    // Readings taken inside the window (a window holds back what is measured while it is active).
    const t = Math.max(Date.now(), window.startsAt);
    await publish(3, t);
    await publish(40, t + 100);
    const suppressed = await waitFor('the suppressed event of the line device', () =>
      eventsOf(GAS_ON_LINE).find((e) => e.type === 'suppressed'),
    );
    expect(suppressed.alert.maintenance?.reason).toBe('合成一线停车检修');
    await publish(2, t + 200);
    const resolved = await waitFor('the held-back alert resolved by its rule', () =>
      eventsOf(GAS_ON_LINE).find((e) => e.type === 'resolved'),
    );
    expect(resolved.alert.id).toBe(suppressed.alert.id);

    expect((await officer('POST', `/api/maintenance-windows/${window.id}/end`)).status).toBe(200);
    await publish(45, Math.max(Date.now(), t + 300));
    const opened = await waitFor('a new alert, live', () =>
      eventsOf(GAS_ON_LINE).find((e) => e.type === 'opened'),
    );
    expect(opened.alert.id).not.toBe(suppressed.alert.id);
    expect(opened.alert).toMatchObject({ status: 'open', maintenance: null });
    expect(await trailOf(suppressed.alert.id)).toEqual(['suppressed', 'resolved']);
  });

  it('refuses windows in the past, too long, or about nothing, with a 400 or 404 that says why', async () => {
    const now = Date.now();
    const device = { subjectType: 'device', subjectId: GAS_ALONE, reason: '校准' };
    const refused = async (body: Record<string, unknown>, as: Caller = officer) => {
      const res = await as('POST', '/api/maintenance-windows', body);
      return { status: res.status, body: res.body as { code?: string; fields?: string[]; message?: string } };
    };
    expect(await refused({ ...device, startsAt: now - 10 * MINUTE, endsAt: now + MINUTE })).toMatchObject({
      status: 400,
      body: { code: 'INVALID_RECORD', fields: ['startsAt'] },
    });
    expect(await refused({ ...device, startsAt: now + 2 * MINUTE, endsAt: now + MINUTE })).toMatchObject({
      status: 400,
      body: { fields: ['endsAt'] },
    });
    const eightDays = { ...device, startsAt: now + MINUTE, endsAt: now + MINUTE + 8 * DAY };
    const tooLong = await refused(eightDays);
    expect(tooLong).toMatchObject({ status: 400, body: { fields: ['endsAt'] } });
    expect(tooLong.body.message).toContain('7 days');
    expect(await refused({ ...eightDays, endsAt: now + 91 * DAY }, admin)).toMatchObject({ status: 400 });
    expect((await admin('POST', '/api/maintenance-windows', eightDays)).status).toBe(201);
    expect(await refused({ ...device, reason: '   ', endsAt: now + MINUTE })).toMatchObject({ status: 400 });
    expect(await refused({ ...device, endsAt: now + MINUTE, extra: 1 })).toMatchObject({ status: 400 });
    expect(await refused({ ...device, subjectId: 'no-such-device', endsAt: now + MINUTE })).toMatchObject({
      status: 404,
    });
    expect(
      await refused({ subjectType: 'line', subjectId: LINE, reason: '检修', endsAt: now + MINUTE }),
    ).toMatchObject({ status: 400, body: { fields: ['enterpriseId'] } });
    expect(
      await refused({
        subjectType: 'line',
        subjectId: 'no-such-line',
        enterpriseId: demoChemId,
        reason: '检修',
        endsAt: now + MINUTE,
      }),
    ).toMatchObject({ status: 404 });
  });

  it('lets officers and admins plan windows, and energy managers see only their own enterprise', async () => {
    const now = Date.now();
    const elsewhere = await env.records
      .getRepository(DeviceEntity)
      .findOneOrFail({ where: { enterpriseId: Not(demoChemId) }, order: { id: 'ASC' } });
    const theirs = await openWindow(
      { subjectType: 'device', subjectId: elsewhere.id, endsAt: now + 10 * MINUTE, reason: '别家检修' },
      admin,
    );
    const ours = await openWindow({
      subjectType: 'device',
      subjectId: GAS_ALONE,
      startsAt: now + 5 * MINUTE,
      endsAt: now + 10 * MINUTE,
      reason: '计划检修',
    });
    const body = { subjectType: 'device', subjectId: GAS_ALONE, endsAt: now + MINUTE, reason: '检修' };
    expect((await manager('POST', '/api/maintenance-windows', body)).status).toBe(403);
    expect((await operator('POST', '/api/maintenance-windows', body)).status).toBe(403);
    expect((await manager('POST', `/api/maintenance-windows/${ours.id}/end`)).status).toBe(403);

    const seen = await manager('GET', `/api/maintenance-windows?enterprise=${elsewhere.enterpriseId}`);
    expect(seen.status).toBe(200);
    const ids = (seen.body as MaintenanceWindowView[]).map((w) => w.id);
    expect(ids).toContain(ours.id);
    expect(ids).not.toContain(theirs.id);
    expect((await manager('GET', `/api/maintenance-windows/${theirs.id}`)).status).toBe(404);
    expect((await manager('GET', `/api/maintenance-windows/${ours.id}`)).status).toBe(200);
    expect((await operator('GET', `/api/maintenance-windows/${theirs.id}`)).status).toBe(200);

    const current = await officer('GET', `/api/maintenance-windows?current=true&subjectId=${elsewhere.id}`);
    expect((current.body as MaintenanceWindowView[]).map((w) => w.id)).toEqual([theirs.id]);
    expect((await officer('POST', `/api/maintenance-windows/${theirs.id}/end`)).status).toBe(200);
    expect((await officer('POST', `/api/maintenance-windows/${theirs.id}/end`)).status).toBe(409);
    const after = await officer('GET', `/api/maintenance-windows?current=true&subjectId=${elsewhere.id}`);
    expect(after.body).toEqual([]);
  });
});

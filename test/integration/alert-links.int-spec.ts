/**
 * The signed alert link (docs/security-auth.md, "The signed alert link") against the API on the real PostgreSQL:
 * the link opens its one alert without a login, acknowledges and resolves it as the person it was sent to (the
 * audit trail names them and the channel), and is refused — each for its own reason — when expired, altered, sent
 * to an account since disabled, or outside the enterprise of the energy manager it was sent to. A platform
 * without ALERT_LINK_SECRET refuses every link.
 */
import type { INestApplication } from '@nestjs/common';
import { signAlertLink, type AlertLinkRecipient } from '@park/auth';
import type { AlertEvent, AlertLinkView } from '@park/contracts';
import {
  AlertEventEntity,
  AlertRepository,
  DeviceEntity,
  EnterpriseEntity,
  RuleEntity,
  RuleRepository,
  seedDemoPark,
  UserEntity,
} from '@park/records';
import { BUILT_IN_RULES } from '@park/rules-engine';
import { caller, startRecordsApi, type Caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';

const SECRET = 'alert-link-int-secret-that-is-long-enough-0123';
const DEMO_CREDIT_CODE = '91320681MA1PARK01Y';

describe('signed alert links on the real records database', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let anyone: Caller;
  let officer: UserEntity;
  let manager: UserEntity;

  beforeAll(async () => {
    env = await createTestEnvironment('alertlink');
    await seedDemoPark(env.records, 'alert-link-password-1');
    await new RuleRepository(env.records).ensureBuiltIns(BUILT_IN_RULES);
    ({ app } = await startRecordsApi(env, { ALERT_LINK_SECRET: SECRET }));
    anyone = caller((await app.getUrl()).replace('[::1]', '127.0.0.1'));
    officer = await env.records.getRepository(UserEntity).findOneByOrFail({ username: 'officer' });
    manager = await env.records.getRepository(UserEntity).findOneByOrFail({ username: 'manager' });
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  /** Opens a fresh alert on a device of the enterprise with this credit code (the demo chemical plant by default). */
  async function openAlert(creditCode = DEMO_CREDIT_CODE, deviceIndex = 0): Promise<string> {
    const enterprise = await env.records.getRepository(EnterpriseEntity).findOneByOrFail({ creditCode });
    const devices = await env.records
      .getRepository(DeviceEntity)
      .find({ where: { enterpriseId: enterprise.id }, order: { id: 'ASC' } });
    const rule = await env.records.getRepository(RuleEntity).findOneByOrFail({ code: 'gas.lel.two-level' });
    const alerts = new AlertRepository(env.records);
    const now = Date.now();
    const event = await alerts.transaction((em) =>
      alerts.triggerIn(em, {
        ruleId: rule.id,
        subjectType: 'device',
        subjectId: devices[deviceIndex].id,
        deviceId: devices[deviceIndex].id,
        enterpriseId: enterprise.id,
        metric: 'lel',
        unit: '%LEL',
        level: 2,
        severity: 'critical',
        change: 'opened',
        value: 62,
        limit: 50,
        readingTs: now - 1000,
        at: now,
        explanation: { zh: '可燃气体浓度超过二级报警值 50 %LEL', en: 'Combustible gas above 50 %LEL' },
        repeatEventEveryMs: 0,
      }),
    );
    return event!.alert.id;
  }

  const link = (alertId: string, recipient: AlertLinkRecipient, expiresAt = Date.now() + 600_000) =>
    signAlertLink(SECRET, { alertId, recipient, channel: 'sms', expiresAt });

  it('opens its one alert without a login, then acknowledges and resolves it as the officer it was sent to', async () => {
    const alertId = await openAlert();
    const token = link(alertId, { userId: officer.id });

    const opened = await anyone('GET', `/api/alert-links/${token}`);
    expect(opened.status).toBe(200);
    const view = opened.body as AlertLinkView;
    expect(view).toMatchObject({
      recipient: '安环值班员',
      actor: 'officer（短信链接）',
      alert: { id: alertId, status: 'open', unit: '%LEL', value: 62, limit: 50 },
    });
    expect(view.alert.contacts?.length).toBeGreaterThan(0);

    const acknowledged = await anyone('POST', `/api/alert-links/${token}/acknowledge`);
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body).toMatchObject({
      type: 'acknowledged',
      actor: 'officer（短信链接）',
      alert: { id: alertId, status: 'acknowledged', acknowledgedBy: 'officer（短信链接）' },
    });
    // The same lifecycle as the console: a second acknowledgement is a conflict, not a second event.
    expect((await anyone('POST', `/api/alert-links/${token}/acknowledge`)).status).toBe(409);

    expect((await anyone('POST', `/api/alert-links/${token}/resolve`, { note: '' })).status).toBe(400);
    const resolved = await anyone('POST', `/api/alert-links/${token}/resolve`, {
      note: '探头已清洁，复测正常',
    });
    expect(resolved.status).toBe(200);
    expect((resolved.body as AlertEvent).alert).toMatchObject({
      status: 'resolved',
      resolvedBy: 'officer（短信链接）',
      resolutionNote: '探头已清洁，复测正常',
    });

    // In the outbox (the path to Kafka and every socket.io client), with who did it.
    const trail = await env.records
      .getRepository(AlertEventEntity)
      .find({ where: { alertId }, order: { seq: 'ASC' } });
    expect(trail.map((e) => [e.type, e.actor])).toEqual([
      ['opened', null],
      ['acknowledged', 'officer（短信链接）'],
      ['resolved', 'officer（短信链接）'],
    ]);
  });

  it('names a recipient without an account by the label it was sent with', async () => {
    const alertId = await openAlert(DEMO_CREDIT_CODE, 1);
    const token = signAlertLink(SECRET, {
      alertId,
      recipient: { label: '企业安全员 王工' },
      channel: 'wecom',
      expiresAt: Date.now() + 600_000,
    });
    expect((await anyone('GET', `/api/alert-links/${token}`)).body).toMatchObject({
      recipient: '企业安全员 王工',
      actor: '企业安全员 王工（企业微信链接）',
    });
    expect((await anyone('POST', `/api/alert-links/${token}/acknowledge`)).body).toMatchObject({
      actor: '企业安全员 王工（企业微信链接）',
    });
  });

  it('refuses an expired, an altered and a cut link, each with its own code, and changes nothing', async () => {
    const alertId = await openAlert(DEMO_CREDIT_CODE, 2);
    const expired = link(alertId, { userId: officer.id }, Date.now() - 1000);
    const [body, mac] = link(alertId, { userId: officer.id }).split('.');
    const otherAlert = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(body, 'base64url').toString()),
        a: alertId.replace(/.$/, '0'),
      }),
    ).toString('base64url');
    for (const [token, status, code] of [
      [expired, 410, 'ALERT_LINK_EXPIRED'],
      [`${otherAlert}.${mac}`, 401, 'ALERT_LINK_TAMPERED'],
      [`${body}.${mac.slice(0, 20)}`, 400, 'ALERT_LINK_MALFORMED'],
    ] as const) {
      for (const [method, path] of [
        ['GET', ''],
        ['POST', '/acknowledge'],
      ] as const) {
        const res = await anyone(method, `/api/alert-links/${token}${path}`);
        expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { code } });
      }
    }
    const trail = await env.records.getRepository(AlertEventEntity).findBy({ alertId });
    expect(trail.map((e) => e.type)).toEqual(['opened']);
  });

  it('stops working when the account it was sent to is disabled, and keeps an energy manager to their enterprise', async () => {
    const alertId = await openAlert(DEMO_CREDIT_CODE, 3);
    const users = env.records.getRepository(UserEntity);
    const token = link(alertId, { userId: officer.id });
    await users.update(officer.id, { disabled: true });
    try {
      expect((await anyone('GET', `/api/alert-links/${token}`)).body).toMatchObject({
        code: 'ALERT_LINK_RECIPIENT_INACTIVE',
      });
    } finally {
      await users.update(officer.id, { disabled: false });
    }
    expect((await anyone('GET', `/api/alert-links/${token}`)).status).toBe(200);

    // The demo energy manager belongs to the chemical plant: a link to another enterprise's alert shows nothing.
    const elsewhere = await env.records
      .getRepository(EnterpriseEntity)
      .createQueryBuilder('e')
      .innerJoin(DeviceEntity, 'd', 'd.enterprise_id = e.id')
      .where('e.id <> :own', { own: manager.enterpriseId })
      .getOneOrFail();
    const foreign = await openAlert(elsewhere.creditCode);
    const res = await anyone('POST', `/api/alert-links/${link(foreign, { userId: manager.id })}/acknowledge`);
    expect({ status: res.status, body: res.body }).toMatchObject({
      status: 404,
      body: { code: 'ALERT_NOT_FOUND' },
    });
    expect((await anyone('GET', `/api/alert-links/${link(alertId, { userId: manager.id })}`)).status).toBe(
      200,
    );
  });

  it('refuses every link on a platform without ALERT_LINK_SECRET', async () => {
    const alertId = await openAlert(DEMO_CREDIT_CODE, 4);
    const { app: plain, url } = await startRecordsApi(env, { API_INSTANCE_ID: `${env.runId}-nolinks` });
    try {
      const res = await caller(url)('GET', `/api/alert-links/${link(alertId, { userId: officer.id })}`);
      expect({ status: res.status, body: res.body }).toMatchObject({
        status: 404,
        body: { code: 'ALERT_LINKS_OFF' },
      });
    } finally {
      await plain.close();
    }
  });
});

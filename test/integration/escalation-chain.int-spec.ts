/**
 * The duty roster and the escalation chain on the real services (Mosquitto → ingestion → Kafka → rules →
 * PostgreSQL, and the notification dispatcher sending to local stand-ins of Aliyun SMS and a 钉钉 robot):
 * - a critical alert opened over MQTT notifies the officer on duty at once — queued in the alert's own
 *   transaction, sent to their phone through the SMS stand-in — and the alert's own enterprise's safety contact;
 *   an officer whose shift is over is not told;
 * - still unacknowledged after a step's minutes, the next step's person is told, then the duty leader — the chain
 *   driven by the rules service's own check with a ManualClock; two rules instances checking at once fire a step
 *   once;
 * - acknowledging stops the chain; enterprise A's safety contact never receives enterprise B's alert;
 * - an info alert is not sent one by one: it goes into the next daily digest (08:00 Beijing time), sent once.
 * E-mail deliveries are checked as recorded (who, which channel); that they reach a mailbox is the e-mail adapter's
 * own test against the real SMTP server.
 */
import type { MqttClient } from 'mqtt';
import { ManualClock } from '@park/clock';
import { telemetryTopic } from '@park/contracts';
import { createChannelAdapters, parkDayOf, parkTimeOn } from '@park/notifications';
import {
  AlertEntity,
  AlertEscalationEntity,
  AlertRepository,
  DeviceEntity,
  DigestRepository,
  DutyRosterRepository,
  EscalationRepository,
  NotificationDeliveryEntity,
  NotificationRepository,
  openRecords,
  RuleEntity,
  RuleRepository,
  seedDemoPark,
} from '@park/records';
import { BUILT_IN_RULES } from '@park/rules-engine';
import { In, type DataSource } from 'typeorm';
import { DigestService } from '../../apps/rules/src/duty/digest.service';
import { EscalationChainService } from '../../apps/rules/src/duty/escalation-chain.service';
import { RULES_CONFIG, type RulesConfig } from '../../apps/rules/src/rules.config';
import {
  startAliyunSmsStandin,
  startDingtalkStandin,
  type ProviderStandin,
} from '../support/notification-standins';
import { startPlatformStack, type PlatformStack } from '../support/platform-stack';
import { caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'escalation-password-1';
/** Smoke detectors of the demo chemical plant (enterprise A) and the demo machinery plant (B): critical at once. */
const SMOKE_A = 'demo-smoke-001';
const SMOKE_B = 'demo-smoke-101';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const OFFICER = { name: '张伟', phone: '13800000001', email: 'zhangwei@park.example' };
const OFF_DUTY = { name: '李娜', phone: '13800000002', email: 'lina@park.example' };
const LEADER = { name: '王强', phone: '13800000009', email: 'wangqiang@park.example' };
const ENGINEER = { name: '陈工', phone: null, email: 'chen@park.example' };
const CONTACT_A = { name: '刘安全', phone: '13900000001', email: 'safety@chem.example' };
const CONTACT_B = { name: '周安全', phone: '13900000002', email: 'safety@mech.example' };

describe('the duty roster and the escalation chain on the real services', () => {
  let env: TestEnvironment;
  let stack: PlatformStack;
  let second: DataSource;
  let sms: ProviderStandin;
  let robot: ProviderStandin;
  let config: RulesConfig;
  let enterpriseA: string;
  let enterpriseB: string;
  let smsChannel: string;
  let mailChannel: string;
  let robotChannel: string;
  let alertA: AlertEntity;
  const devices: MqttClient[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment('escal');
    await seedDemoPark(env.records, PASSWORD);
    await new RuleRepository(env.records).ensureBuiltIns(BUILT_IN_RULES);
    // No simulator drives the demo park: the offline rule would open alerts of its own for every silent device.
    await env.records.getRepository(RuleEntity).update({ code: 'device.offline' }, { enabled: false });
    const deviceRow = (id: string) => env.records.getRepository(DeviceEntity).findOneByOrFail({ id });
    enterpriseA = (await deviceRow(SMOKE_A)).enterpriseId;
    enterpriseB = (await deviceRow(SMOKE_B)).enterpriseId;

    sms = await startAliyunSmsStandin('LTAIescalation', 'escalation-sms-secret');
    robot = await startDingtalkStandin('escalation-token', 'SECescalation');
    const channels = new NotificationRepository(env.records);
    const channel = async (name: string, kind: string, cfg: Record<string, unknown>, severities: string[]) =>
      (
        await channels.create(
          'test',
          { name, kind, config: cfg, severities, enterpriseId: null, recipients: [], enabled: true },
          () => [],
        )
      ).id;
    // Person-addressed channels without recipients of their own: reached only through the roster and the chain.
    smsChannel = await channel(
      '值班短信',
      'aliyun-sms',
      {
        accessKeyId: 'LTAIescalation',
        accessKeySecret: 'escalation-sms-secret',
        signName: '园区监测',
        templateCode: 'SMS_100200300',
        endpoint: sms.origin,
      },
      ['critical'],
    );
    mailChannel = await channel(
      '值班邮件',
      'email',
      { host: '127.0.0.1', port: 2525, secure: false, from: 'park-alerts@park.example' },
      ['critical'],
    );
    // The group robot takes info alerts: they reach it only in the daily digest.
    robotChannel = await channel(
      '园区安全群',
      'dingtalk',
      { webhookUrl: `${robot.origin}/robot/send?access_token=escalation-token`, secret: 'SECescalation' },
      ['info'],
    );

    const roster = new DutyRosterRepository(env.records);
    const now = Date.now();
    const shift = (duty: 'officer' | 'leader', p: typeof OFFICER, from: number, to: number) =>
      roster.createShift('admin', {
        duty,
        personName: p.name,
        phone: p.phone,
        email: p.email,
        userId: null,
        startsAt: from,
        endsAt: to,
        note: null,
      });
    await shift('officer', OFFICER, now - HOUR, now + 11 * HOUR);
    await shift('officer', OFF_DUTY, now - 13 * HOUR, now - HOUR);
    await shift('leader', LEADER, now - HOUR, now + 23 * HOUR);
    await roster.setSafetyContact('admin', enterpriseA, CONTACT_A);
    await roster.setSafetyContact('admin', enterpriseB, CONTACT_B);
    const step = (
      position: number,
      afterMinutes: number,
      target: string,
      channelIds: string[],
      people = [],
    ) =>
      roster.createStep('admin', {
        position,
        afterMinutes,
        target: target as 'duty-officer',
        people,
        channelIds,
        severities: [],
        ruleKinds: [],
        enterpriseIds: [],
        carrierIds: [],
        enabled: true,
      });
    await step(1, 0, 'duty-officer', [smsChannel, mailChannel]);
    await step(2, 0, 'enterprise-contact', [mailChannel]);
    await roster.createStep('admin', {
      position: 3,
      afterMinutes: 5,
      target: 'people',
      people: [ENGINEER],
      channelIds: [mailChannel],
      severities: [],
      ruleKinds: [],
      enterpriseIds: [],
      carrierIds: [],
      enabled: true,
    });
    await step(4, 10, 'duty-leader', [smsChannel, mailChannel]);

    stack = await startPlatformStack(env, {
      label: 'escal',
      password: PASSWORD,
      rules: { OUTBOX_POLL_MS: '100', RULES_TICK_MS: '500', NOTIFY_POLL_MS: '100' },
    });
    if (!stack.rules) throw new Error('the rules service runs in the stack');
    config = stack.rules.get<RulesConfig>(RULES_CONFIG, { strict: false });
    second = await openRecords(env.databaseUrl);
  });

  afterAll(async () => {
    await Promise.all(devices.map((d) => d.endAsync()));
    await stack?.stop();
    await second?.destroy();
    await sms?.close();
    await robot?.close();
    await env?.teardown();
  });

  async function smokeAlarm(deviceId: string): Promise<AlertEntity> {
    const client = await stack.connectDevice(deviceId);
    devices.push(client);
    const publish = (smoke: boolean, ts: number) =>
      client.publishAsync(
        telemetryTopic(deviceId),
        JSON.stringify({ ts, values: { smoke, fire: false, flame: false } }),
        { qos: 1 },
      );
    await publish(false, Date.now() - 1_000);
    await publish(true, Date.now());
    return waitFor(
      `the smoke alert of ${deviceId}`,
      async () =>
        (await env.records
          .getRepository(AlertEntity)
          .findOneBy({ deviceId, metric: 'smoke', status: 'open' })) ?? undefined,
    );
  }

  /** `channel → address` of every delivery queued for the alert, sorted. */
  async function deliveriesOf(alertId: string): Promise<string[]> {
    const rows = await env.records.getRepository(NotificationDeliveryEntity).findBy({ alertId });
    const names = new Map([
      [smsChannel, 'sms'],
      [mailChannel, 'mail'],
      [robotChannel, 'robot'],
    ]);
    return rows.map((r) => `${names.get(r.channelId) ?? r.channelId} → ${r.recipientAddress}`).sort();
  }

  const firedSteps = async (alertId: string) =>
    (
      await env.records
        .getRepository(AlertEscalationEntity)
        .find({ where: { alertId }, order: { position: 'ASC' } })
    ).map((r) => r.position);

  const chainAt = (at: number, records: DataSource = env.records) =>
    new EscalationChainService(config, new ManualClock(at), new EscalationRepository(records));

  const smsTo = (phone: string) =>
    sms.accepted().filter((r) => new URLSearchParams(r.url.search).get('PhoneNumbers') === phone);

  it('notifies the officer on duty at once, and the alert’s own enterprise’s safety contact', async () => {
    alertA = await smokeAlarm(SMOKE_A);
    expect(alertA.severity).toBe('critical');
    // Queued in the transaction that opened the alert: there the moment the alert is.
    expect(await deliveriesOf(alertA.id)).toEqual([
      `mail → ${CONTACT_A.email}`,
      `mail → ${OFFICER.email}`,
      `sms → ${OFFICER.phone}`,
    ]);
    expect(await firedSteps(alertA.id)).toEqual([1, 2]);
    // Critical never waits: queued due at the alert's opening.
    const queued = await env.records.getRepository(NotificationDeliveryEntity).findBy({ alertId: alertA.id });
    for (const d of queued)
      expect(Math.abs(d.createdAt.getTime() - alertA.openedAt.getTime())).toBeLessThan(5_000);
    // And sent: the SMS stand-in, checking the signature as Aliyun does, received the officer's message.
    await waitFor('the officer’s SMS', () => smsTo(OFFICER.phone).length > 0 || undefined);
    expect(smsTo(OFF_DUTY.phone)).toEqual([]);
  });

  it('tells the next step’s person after its minutes, then the duty leader; two instances fire a step once', async () => {
    const opened = alertA.openedAt.getTime();
    expect(await chainAt(opened + 5 * MINUTE - 1).check()).toEqual([]);
    expect((await chainAt(opened + 5 * MINUTE).check()).map((s) => s.position)).toEqual([3]);
    expect(await deliveriesOf(alertA.id)).toContain(`mail → ${ENGINEER.email}`);
    expect(await deliveriesOf(alertA.id)).not.toContain(`mail → ${LEADER.email}`);

    // Two rules instances, each with its own database connections, check at the leader's minute at once.
    const [one, two] = await Promise.all([
      chainAt(opened + 10 * MINUTE).check(),
      chainAt(opened + 10 * MINUTE, second).check(),
    ]);
    expect([...one, ...two].map((s) => s.position)).toEqual([4]);
    expect([...one, ...two][0].deliveries).toBe(2);
    expect(await firedSteps(alertA.id)).toEqual([1, 2, 3, 4]);
    expect(await deliveriesOf(alertA.id)).toEqual([
      `mail → ${ENGINEER.email}`,
      `mail → ${CONTACT_A.email}`,
      `mail → ${LEADER.email}`,
      `mail → ${OFFICER.email}`,
      `sms → ${OFFICER.phone}`,
      `sms → ${LEADER.phone}`,
    ]);
    // Queued due at the step's time on the service's clock (here the test's ManualClock, ten minutes ahead of the
    // dispatcher's real one): the dispatcher sends it then, as it sent the officer's above.
    const leaderSms = await env.records
      .getRepository(NotificationDeliveryEntity)
      .findOneByOrFail({ alertId: alertA.id, recipientAddress: LEADER.phone });
    expect(leaderSms.nextAttemptAt.getTime()).toBe(opened + 10 * MINUTE);
    // The chain is done with this alert: later checks fire nothing.
    expect(await chainAt(opened + 2 * HOUR).check()).toEqual([]);
  });

  it('stops the chain once acknowledged; enterprise A’s contact never receives enterprise B’s alert', async () => {
    const alertB = await smokeAlarm(SMOKE_B);
    expect(await deliveriesOf(alertB.id)).toEqual([
      `mail → ${CONTACT_B.email}`,
      `mail → ${OFFICER.email}`,
      `sms → ${OFFICER.phone}`,
    ]);
    const officer = caller(stack.apiUrl, await stack.login('officer'));
    expect((await officer('POST', `/api/alerts/${alertB.id}/acknowledge`)).status).toBe(200);

    expect(await chainAt(alertB.openedAt.getTime() + HOUR).check()).toEqual([]);
    expect(await firedSteps(alertB.id)).toEqual([1, 2]);
    expect(await deliveriesOf(alertB.id)).not.toContain(`sms → ${LEADER.phone}`);

    // Everything ever queued to each safety contact is about their own enterprise's alerts.
    const toContact = async (address: string) => {
      const rows = await env.records
        .getRepository(NotificationDeliveryEntity)
        .findBy({ recipientAddress: address });
      const ids = rows.flatMap((r) => (r.alertId ? [r.alertId] : []));
      expect(ids.length).toBeGreaterThan(0);
      const alerts = await env.records.getRepository(AlertEntity).findBy({ id: In(ids) });
      return [...new Set(alerts.map((a) => a.enterpriseId))];
    };
    expect(await toContact(CONTACT_A.email)).toEqual([enterpriseA]);
    expect(await toContact(CONTACT_B.email)).toEqual([enterpriseB]);
    expect(smsTo(CONTACT_A.phone)).toEqual([]);
  });

  it('holds an info alert for the daily digest, sent once at 08:00 Beijing time', async () => {
    const alerts = new AlertRepository(env.records);
    const offlineRule = await env.records
      .getRepository(RuleEntity)
      .findOneByOrFail({ code: 'device.offline' });
    const now = Date.now();
    const info = await alerts.transaction((em) =>
      alerts.triggerIn(em, {
        ruleId: offlineRule.id,
        subjectType: 'device',
        subjectId: SMOKE_A,
        deviceId: SMOKE_A,
        enterpriseId: enterpriseA,
        metric: 'offline',
        unit: 'min',
        level: 1,
        severity: 'info',
        change: 'opened',
        value: 35,
        limit: 30,
        readingTs: now,
        at: now,
        explanation: { zh: '设备 35 分钟未上报', en: 'No report for 35 min' },
        repeatEventEveryMs: MINUTE,
      }),
    );
    if (!info) throw new Error('no info alert opened');
    // Not one by one: neither the chain nor the group robot that takes info alerts queued anything for it.
    expect(await deliveriesOf(info.alert.id)).toEqual([]);
    expect(await chainAt(now + HOUR).check()).toEqual([]);

    const eight = parkTimeOn(parkDayOf(now), 8 * 60);
    const digestAt = eight > now ? eight : eight + DAY;
    const digest = (records: DataSource) =>
      new DigestService(
        config,
        new ManualClock(digestAt),
        createChannelAdapters(),
        new DigestRepository(records),
      );
    const [one, two] = await Promise.all([digest(env.records).check(), digest(second).check()]);
    expect([...one, ...two]).toEqual([
      { channelId: robotChannel, day: parkDayOf(digestAt), alerts: 1, status: 'delivered' },
    ]);
    const posts = robot.accepted();
    expect(posts).toHaveLength(1);
    const text = (JSON.parse(posts[0].body) as { markdown: { title: string; text: string } }).markdown;
    expect(text.title).toContain('【每日摘要】');
    expect(text.text).toContain(info.alert.ruleName.zh);
    expect(text.text).toContain(info.alert.enterpriseName);
    // The next morning's check, on the same day, sends nothing again.
    expect(await digest(env.records).check()).toEqual([]);
  });
});

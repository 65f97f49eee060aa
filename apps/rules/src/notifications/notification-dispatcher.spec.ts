import { ManualClock } from '@park/clock';
import type { AlertEvent } from '@park/contracts';
import type {
  ChannelAdapter,
  ChannelAdapters,
  ChannelKind,
  NotificationMessage,
  ProviderAnswer,
  Recipient,
} from '@park/notifications';
import {
  AlertRepository,
  DeviceEntity,
  NotificationDeliveryEntity,
  NotificationRepository,
  openRecords,
  RuleEntity,
  RuleRepository,
  seedDemoPark,
  type NotificationChannelInput,
} from '@park/records';
import { BUILT_IN_RULES } from '@park/rules-engine';
import type { DataSource } from 'typeorm';
import type { RulesConfig } from '../rules.config';
import { NotificationDispatcher } from './notification-dispatcher';

const TIMEOUT_MS = 300;
const BACKOFF_MS = 1_000;
const CONFIG = {
  NOTIFY_POLL_MS: 50,
  NOTIFY_TIMEOUT_MS: TIMEOUT_MS,
  NOTIFY_MAX_ATTEMPTS: 3,
  NOTIFY_BACKOFF_MS: BACKOFF_MS,
  NOTIFY_BACKOFF_MAX_MS: 60_000,
  NOTIFY_CONCURRENCY: 50,
  PUBLIC_BASE_URL: 'https://park.example',
  ALERT_LINK_SECRET: 'dispatcher-spec-alert-link-secret-0123456789',
  ALERT_LINK_TTL_MINUTES: 60,
} as RulesConfig;

type Behaviour = (recipient: Recipient | null, signal: AbortSignal) => Promise<ProviderAnswer>;

/** Records every send and answers as the test says, per kind. */
class StandInAdapters {
  readonly sent: {
    kind: ChannelKind;
    message: NotificationMessage;
    recipient: Recipient | null;
    at: number;
  }[] = [];
  private readonly behaviours = new Map<ChannelKind, Behaviour>();

  answer(kind: ChannelKind, behaviour: Behaviour): void {
    this.behaviours.set(kind, behaviour);
  }

  adapters(): ChannelAdapters {
    const adapter = (kind: ChannelKind): ChannelAdapter => ({
      kind,
      validate: () => [],
      send: (_config, message, recipient, signal) => {
        this.sent.push({ kind, message, recipient, at: Date.now() });
        const behaviour = this.behaviours.get(kind) ?? (() => Promise.resolve(ok));
        return behaviour(recipient, signal);
      },
    });
    return {
      wecom: adapter('wecom'),
      dingtalk: adapter('dingtalk'),
      feishu: adapter('feishu'),
      email: adapter('email'),
      'aliyun-sms': adapter('aliyun-sms'),
      'tencent-sms': adapter('tencent-sms'),
    };
  }
}

const ok: ProviderAnswer = { ok: true, status: 200, answer: '{"errcode":0,"errmsg":"ok"}' };
const never = (): Promise<ProviderAnswer> => new Promise(() => undefined);

/**
 * The notification queue and its dispatcher on the real records adapter in its embedded form (SQLite in memory, as
 * the standalone mode runs it), with stand-in adapters: which channels an alert event reaches (severity, event
 * type, enterprise scope, enabled), that a hung provider holds up neither the other deliveries nor the next poll,
 * and how a refusal is retried with backoff and given up. PostgreSQL and the real adapters:
 * test/integration/notifications.int-spec.ts.
 */
describe('notification dispatcher (SQLite records, stand-in adapters)', () => {
  let records: DataSource;
  let alerts: AlertRepository;
  let notifications: NotificationRepository;
  let standIns: StandInAdapters;
  let dispatcher: NotificationDispatcher;
  const clock = new ManualClock(Date.UTC(2026, 11, 7, 2, 0, 0));
  let enterpriseA: string;
  let enterpriseB: string;
  let deviceA: string;
  let ruleId: string;

  beforeAll(async () => {
    records = await openRecords('sqlite::memory:');
    await seedDemoPark(records, 'dispatcher-unit-1');
    await new RuleRepository(records).ensureBuiltIns(BUILT_IN_RULES);
    const gas = await records.getRepository(DeviceEntity).findOneByOrFail({ id: 'demo-gas-002' });
    deviceA = gas.id;
    enterpriseA = gas.enterpriseId;
    const other = await records
      .getRepository(DeviceEntity)
      .createQueryBuilder('d')
      .where('d.enterprise_id <> :a', { a: enterpriseA })
      .getOneOrFail();
    enterpriseB = other.enterpriseId;
    ruleId = (await records.getRepository(RuleEntity).findOneByOrFail({ code: 'gas.lel.two-level' })).id;
    alerts = new AlertRepository(records);
    notifications = new NotificationRepository(records);
    standIns = new StandInAdapters();
    dispatcher = new NotificationDispatcher(CONFIG, clock, standIns.adapters(), notifications);
  });

  afterAll(async () => {
    await dispatcher?.settled();
    await records?.destroy();
  });

  const channel = (
    input: Partial<NotificationChannelInput> & Pick<NotificationChannelInput, 'name' | 'kind'>,
  ) =>
    notifications.create(
      'admin',
      {
        config: {},
        severities: ['critical'],
        enterpriseId: null,
        recipients: [],
        enabled: true,
        ...input,
      },
      () => [],
    );

  const open = (
    subjectId: string,
    enterpriseId: string,
    repeatEventEveryMs = 0,
  ): Promise<AlertEvent | null> =>
    alerts.transaction((em) =>
      alerts.triggerIn(em, {
        ruleId,
        subjectType: 'device',
        subjectId,
        deviceId: subjectId,
        enterpriseId,
        metric: 'lel',
        unit: '%LEL',
        level: 2,
        severity: 'critical',
        change: 'opened',
        value: 55,
        limit: 50,
        readingTs: clock.now(),
        at: clock.now(),
        explanation: { zh: '可燃气体浓度超限', en: 'combustible gas over the limit' },
        repeatEventEveryMs,
      }),
    );

  const deliveriesOf = (alertId: string) =>
    records
      .getRepository(NotificationDeliveryEntity)
      .find({ where: { alertId }, relations: { channel: true } });

  it("queues one delivery per channel and recipient that receives the event, in the alert's own transaction", async () => {
    await channel({
      name: '园区钉钉群',
      kind: 'dingtalk',
      config: { webhookUrl: 'https://x/robot?access_token=t1', secret: 'SEC0123456789' },
    });
    await channel({
      name: 'A 企业安全员',
      kind: 'email',
      enterpriseId: enterpriseA,
      recipients: [
        { name: '王工', address: 'wang@a.example' },
        { name: '李工', address: 'li@a.example' },
      ],
    });
    await channel({
      name: 'B 企业安全员',
      kind: 'aliyun-sms',
      enterpriseId: enterpriseB,
      recipients: [{ name: '赵工', address: '13800000000' }],
    });
    await channel({ name: '只收警告', kind: 'wecom', severities: ['warning'] });
    await channel({ name: '已停用', kind: 'feishu', enabled: false });
    await channel({
      name: '只收解除',
      kind: 'tencent-sms',
      eventTypes: ['resolved'],
      recipients: [{ name: '钱工', address: '13900000000' }],
    });

    const opened = await open(deviceA, enterpriseA, 1);
    expect(opened?.type).toBe('opened');
    const queued = await deliveriesOf(opened!.alert.id);
    expect(queued.map((d) => `${d.channel?.name}|${d.recipientName}|${d.status}`).sort()).toEqual([
      'A 企业安全员|李工|pending',
      'A 企业安全员|王工|pending',
      '园区钉钉群||pending',
    ]);
    // B's channel never hears of A's alert; nor do the channels of another severity or event type, or a disabled one.
  });

  it('never queues a repeat or a suppressed alert', async () => {
    const [first] = await alerts.list({ subjectId: deviceA, limit: 1 });
    clock.advance(1_000);
    const repeated = await open(deviceA, enterpriseA, 1);
    expect(repeated?.type).toBe('repeated');
    expect(await deliveriesOf(first.id)).toHaveLength(3);
  });

  it('sends each delivery on its own: a hung provider holds up neither the others nor the next poll', async () => {
    standIns.answer('dingtalk', never);
    standIns.answer('email', (r) => (r?.name === '王工' ? never() : Promise.resolve(ok)));
    const started = Date.now();
    expect(await dispatcher.dispatchDue()).toBe(3);
    // dispatchDue returned without waiting for the sends; the quick one is recorded well before the timeout.
    const [first] = await alerts.list({ subjectId: deviceA, limit: 1 });
    const li = await waitForRow(async () =>
      (await deliveriesOf(first.id)).find((d) => d.recipientName === '李工' && d.status === 'delivered'),
    );
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);
    expect(li.lastAnswer).toBe(ok.answer);
    const message = standIns.sent.find((s) => s.recipient?.name === '李工')?.message;
    expect(message?.link).toMatch(/^https:\/\/park\.example\/m\/alert\?t=/);
    // The next poll is not blocked either: the leased (sending) deliveries are not claimed twice.
    expect(await dispatcher.dispatchDue()).toBe(0);

    await dispatcher.settled();
    const rows = await deliveriesOf(first.id);
    for (const hung of rows.filter((d) => d.recipientName !== '李工')) {
      expect(hung).toMatchObject({ status: 'pending', attempts: 1, lastStatus: null });
      expect(hung.lastAnswer).toContain('timeout');
      expect(hung.nextAttemptAt.getTime()).toBe(clock.now() + BACKOFF_MS);
    }
  });

  it('retries a refused send with exponential backoff, records each answer, and gives up after the last attempt', async () => {
    standIns.answer('dingtalk', () => Promise.resolve({ ok: false, status: 500, answer: 'internal error' }));
    standIns.answer('email', () =>
      Promise.resolve({ ok: false, status: 550, answer: '550 mailbox unavailable' }),
    );
    const [alert] = await alerts.list({ subjectId: deviceA, limit: 1 });
    const robot = async () =>
      (await deliveriesOf(alert.id)).find(
        (d) => d.channel?.kind === 'dingtalk',
      ) as NotificationDeliveryEntity;

    // Not due before its backoff has passed.
    expect(await dispatcher.dispatchDue()).toBe(0);
    clock.advance(BACKOFF_MS);
    expect(await dispatcher.dispatchDue()).toBe(2);
    await dispatcher.settled();
    expect(await robot()).toMatchObject({
      status: 'pending',
      attempts: 2,
      lastStatus: 500,
      lastAnswer: 'internal error',
    });
    expect((await robot()).nextAttemptAt.getTime()).toBe(clock.now() + 2 * BACKOFF_MS);

    clock.advance(2 * BACKOFF_MS);
    expect(await dispatcher.dispatchDue()).toBe(2);
    await dispatcher.settled();
    expect(await robot()).toMatchObject({ status: 'failed', attempts: 3, lastStatus: 500 });
    clock.advance(60_000);
    expect(await dispatcher.dispatchDue()).toBe(0);
  });

  it('shows every secret masked, and keeps a secret an update leaves out or sends back masked', async () => {
    const created = await channel({
      name: '值班钉钉群',
      kind: 'dingtalk',
      config: {
        webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789',
        secret: 'SECabcdef0123456789',
      },
    });
    expect(created.config).toEqual({ webhookUrl: '••••6789', secret: '••••6789' });
    expect([...created.secretFields].sort()).toEqual(['secret', 'webhookUrl']);
    const updated = await notifications.update(
      'admin',
      created.id,
      {
        name: '值班钉钉群（夜班）',
        kind: 'dingtalk',
        config: { webhookUrl: '••••6789' },
        severities: ['critical', 'warning'],
        enterpriseId: null,
        recipients: [],
        enabled: true,
      },
      () => [],
    );
    expect(updated.name).toBe('值班钉钉群（夜班）');
    expect((await notifications.sendable(created.id)).config).toEqual({
      webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789',
      secret: 'SECabcdef0123456789',
    });
    // The audit log has the change, never a secret.
    const audit = await records.query<{ changes: string }[]>(
      `SELECT changes FROM audit_log WHERE entity_type = 'notification-channel' AND entity_id = ?`,
      [created.id],
    );
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain('abcdef0123456789');
  });
});

async function waitForRow<T>(find: () => Promise<T | undefined>, timeoutMs = 2_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = await find();
    if (found) return found;
    if (Date.now() > until) throw new Error('row not found in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Alert notifications end to end on the real services (microservices mode): a critical smoke alarm published over
 * MQTT opens an alert, and the rules service's dispatcher sends it through the configured channels with the real
 * adapters — to the 企业微信 and 钉钉 robots (local stand-ins that check the key and token and, for 钉钉, recompute
 * the 加签 signature as 钉钉 does), to a real SMTP server (the mailbox is read back), and to the Aliyun SMS
 * stand-in (which recomputes the RPC signature). At the same time:
 * - a provider that answers HTTP 500 is retried with backoff and given up, each attempt recorded;
 * - a provider that accepts the connection and never answers times out, and holds up neither the other channels
 *   nor the alert reaching socket.io;
 * - a channel scoped to another enterprise never hears of the alert.
 * The channels are set up through the admin API (validation, masked secrets, 发送测试消息), the records read
 * through GET /api/notification-deliveries as an officer.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import PostalMime from 'postal-mime';
import {
  telemetryTopic,
  type AlertEvent,
  type NotificationChannelView,
  type NotificationDeliveryView,
  type NotificationTestResult,
  type Page,
} from '@park/contracts';
import { DeviceEntity, RuleEntity, RuleRepository, seedDemoPark } from '@park/records';
import { BUILT_IN_RULES } from '@park/rules-engine';
import { startPlatformStack, type PlatformStack } from '../support/platform-stack';
import {
  startAliyunSmsStandin,
  startDingtalkStandin,
  startFeishuStandin,
  startTencentSmsStandin,
  startWecomStandin,
  type ProviderStandin,
} from '../support/notification-standins';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'notify-password-1';
const SMOKE_DEVICE = 'demo-smoke-001';
const TIMEOUT_MS = 5_000;
const BACKOFF_MS = 300;
const MAX_ATTEMPTS = 3;
const SMTP_PORT = Number(process.env.PARK_SMTP_PORT ?? 2525);
const MAILDIR = join(
  process.env.PARK_SERVICES_HOME ?? '/var/tmp/smart-park-services',
  'smtp',
  'maildir',
  'new',
);
const WECOM_KEY = 'wecom-robot-key-0123456789';
const DINGTALK_TOKEN = 'dingtalk-access-token-0123456789';
const DINGTALK_SECRET = 'SECdingtalkSecret0123456789abcdef';
const ALIYUN = { id: 'LTAIstandin0123', secret: 'aliyun-standin-secret-0123456789' };
const TENCENT = { id: 'AKIDstandin0123', secret: 'tencent-standin-secret-0123456789', app: '1400000001' };

describe('alert notifications on the real services: robots, e-mail, SMS, a failing and a hanging provider', () => {
  let env: TestEnvironment;
  let stack: PlatformStack;
  let device: MqttClient;
  let adminToken: string;
  let officerToken: string;
  let alertsReceived: AlertEvent[] = [];
  const standins: ProviderStandin[] = [];
  let wecom: ProviderStandin;
  let failing: ProviderStandin;
  let dingtalk: ProviderStandin;
  let hanging: ProviderStandin;
  let aliyun: ProviderStandin;
  let tencent: ProviderStandin;
  let enterpriseA: string;
  let enterpriseB: string;
  const channels = new Map<string, NotificationChannelView>();
  const mailTo = `duty-${Date.now()}@park.example`;

  async function api<T>(token: string, method: string, path: string, body?: unknown) {
    const res = await fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  async function addChannel(body: Record<string, unknown>): Promise<NotificationChannelView> {
    const created = await api<NotificationChannelView>(adminToken, 'POST', '/api/notification-channels', {
      severities: ['critical'],
      ...body,
    });
    if (created.status !== 201)
      throw new Error(`channel ${String(body.name)}: ${created.status} ${JSON.stringify(created.body)}`);
    channels.set(created.body.name, created.body);
    return created.body;
  }

  const deliveries = async (query: string) =>
    (await api<Page<NotificationDeliveryView>>(officerToken, 'GET', `/api/notification-deliveries?${query}`))
      .body;

  beforeAll(async () => {
    env = await createTestEnvironment('notify');
    await seedDemoPark(env.records, PASSWORD);
    await new RuleRepository(env.records).ensureBuiltIns(BUILT_IN_RULES);
    // No simulator here: the offline rule would raise alerts for the silent demo devices (safety-alerts.int-spec.ts).
    await env.records.getRepository(RuleEntity).update({ code: 'device.offline' }, { enabled: false });
    const smoke = await env.records.getRepository(DeviceEntity).findOneByOrFail({ id: SMOKE_DEVICE });
    enterpriseA = smoke.enterpriseId;
    enterpriseB = (
      await env.records
        .getRepository(DeviceEntity)
        .createQueryBuilder('d')
        .where('d.enterprise_id <> :a', { a: enterpriseA })
        .getOneOrFail()
    ).enterpriseId;

    wecom = await startWecomStandin(WECOM_KEY);
    failing = await startWecomStandin(WECOM_KEY);
    dingtalk = await startDingtalkStandin(DINGTALK_TOKEN, DINGTALK_SECRET);
    hanging = await startFeishuStandin('feishu-hook-token', 'feishu-secret-0123');
    aliyun = await startAliyunSmsStandin(ALIYUN.id, ALIYUN.secret);
    tencent = await startTencentSmsStandin(TENCENT.id, TENCENT.secret, TENCENT.app);
    standins.push(wecom, failing, dingtalk, hanging, aliyun, tencent);
    failing.failWith500();
    hanging.hang();

    stack = await startPlatformStack(env, {
      label: 'notify',
      password: PASSWORD,
      rules: {
        OUTBOX_POLL_MS: '100',
        RULES_TICK_MS: '500',
        NOTIFY_POLL_MS: '100',
        NOTIFY_TIMEOUT_MS: String(TIMEOUT_MS),
        NOTIFY_BACKOFF_MS: String(BACKOFF_MS),
        NOTIFY_BACKOFF_MAX_MS: '5000',
        NOTIFY_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
        PUBLIC_BASE_URL: 'https://park.example',
        ALERT_LINK_SECRET: 'notify-alert-link-secret-that-is-long-enough',
      },
      // The stand-ins listen on loopback: internal receivers, let in by the allow-list (docs/alerts.md).
      api: { WEBHOOK_ALLOWED_TARGETS: '127.0.0.1', NOTIFY_TEST_TIMEOUT_MS: String(TIMEOUT_MS) },
    });
    adminToken = await stack.login('admin');
    officerToken = await stack.login('officer');

    await addChannel({
      name: '安环值班群（企业微信）',
      kind: 'wecom',
      config: { webhookUrl: `${wecom.origin}/cgi-bin/webhook/send?key=${WECOM_KEY}` },
    });
    await addChannel({
      name: '应急指挥群（钉钉）',
      kind: 'dingtalk',
      config: {
        webhookUrl: `${dingtalk.origin}/robot/send?access_token=${DINGTALK_TOKEN}`,
        secret: DINGTALK_SECRET,
      },
    });
    await addChannel({
      name: '值班邮箱',
      kind: 'email',
      config: { host: '127.0.0.1', port: SMTP_PORT, secure: false, from: '园区安环 <alerts@park.example>' },
      recipients: [{ name: '值班员', address: mailTo }],
    });
    await addChannel({
      name: 'A 企业安全员短信',
      kind: 'aliyun-sms',
      enterpriseId: enterpriseA,
      config: {
        accessKeyId: ALIYUN.id,
        accessKeySecret: ALIYUN.secret,
        signName: '启东园区',
        templateCode: 'SMS_123456789',
        endpoint: `${aliyun.origin}/`,
      },
      recipients: [{ name: '王工', address: '13800138000' }],
    });
    await addChannel({
      name: 'B 企业安全员短信',
      kind: 'tencent-sms',
      enterpriseId: enterpriseB,
      config: {
        secretId: TENCENT.id,
        secretKey: TENCENT.secret,
        sdkAppId: TENCENT.app,
        signName: '启东园区',
        templateId: '1234567',
        endpoint: `${tencent.origin}/`,
      },
      recipients: [{ name: '赵工', address: '13900139000' }],
    });
    await addChannel({
      name: '出故障的机器人',
      kind: 'wecom',
      config: { webhookUrl: `${failing.origin}/cgi-bin/webhook/send?key=${WECOM_KEY}` },
    });
    await addChannel({
      name: '不应答的飞书',
      kind: 'feishu',
      config: {
        webhookUrl: `${hanging.origin}/open-apis/bot/v2/hook/feishu-hook-token`,
        secret: 'feishu-secret-0123',
      },
    });

    alertsReceived = await stack.collectAlerts(officerToken);
    device = await stack.connectDevice(SMOKE_DEVICE);
  });

  afterAll(async () => {
    await stack?.stop();
    for (const standin of standins) await standin.close();
    await env?.teardown();
  });

  it('keeps the secrets it was given, showing them masked', () => {
    const robot = channels.get('应急指挥群（钉钉）');
    expect(robot?.config).toEqual({
      webhookUrl: `••••${DINGTALK_TOKEN.slice(-4)}`,
      secret: `••••${DINGTALK_SECRET.slice(-4)}`,
    });
    expect(JSON.stringify([...channels.values()])).not.toContain(DINGTALK_SECRET);
    expect(channels.get('A 企业安全员短信')?.config).toMatchObject({
      accessKeyId: ALIYUN.id,
    });
    expect(String(channels.get('A 企业安全员短信')?.config.accessKeySecret)).toMatch(/^••••/);
  });

  it('refuses a channel whose settings its adapter rejects, in Chinese', async () => {
    const refused = await api<{ message: string }>(adminToken, 'POST', '/api/notification-channels', {
      name: '缺密钥的钉钉',
      kind: 'dingtalk',
      severities: ['critical'],
      config: { webhookUrl: `${dingtalk.origin}/robot/send?access_token=${DINGTALK_TOKEN}` },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('加签密钥');
  });

  it('sends a test message now through 发送测试消息, with the provider’s answer, recorded as a delivery', async () => {
    const robot = channels.get('应急指挥群（钉钉）') as NotificationChannelView;
    const before = dingtalk.accepted().length;
    const tested = await api<NotificationTestResult>(
      adminToken,
      'POST',
      `/api/notification-channels/${robot.id}/test`,
    );
    expect(tested.status).toBe(200);
    expect(tested.body).toMatchObject({
      ok: true,
      delivery: { eventType: 'test', alertId: null, status: 'delivered' },
    });
    expect(tested.body.answer).toContain('"errcode":0');
    expect(dingtalk.accepted()).toHaveLength(before + 1);
    expect(dingtalk.accepted()[before].body).toContain('测试消息');
  });

  it('delivers a critical alert opened over MQTT to the robots, the mailbox and the SMS stand-in — none waiting for the hung provider', async () => {
    const wecomBefore = wecom.accepted().length;
    const dingtalkBefore = dingtalk.accepted().length;
    const publishedAt = Date.now();
    await device.publishAsync(
      telemetryTopic(SMOKE_DEVICE),
      JSON.stringify({ ts: publishedAt, values: { smoke: true, fire: false, flame: false } }),
      { qos: 1 },
    );
    const opened = await waitFor('the smoke alert on the socket', () =>
      alertsReceived.find((e) => e.type === 'opened' && e.alert.deviceId === SMOKE_DEVICE),
    );
    const onSocketAfter = Date.now() - publishedAt;

    await waitFor(
      '企业微信, 钉钉 and the SMS stand-in accepted the alert',
      () =>
        wecom.accepted().length > wecomBefore &&
        dingtalk.accepted().length > dingtalkBefore &&
        aliyun.accepted().length > 0,
    );
    const mail = await waitFor('the e-mail in the SMTP server’s mailbox', () => mailFor(mailTo), 15_000);
    const sentWithin = Date.now() - publishedAt;
    // The hung 飞书 provider holds its own delivery for TIMEOUT_MS; nothing else waited for it.
    expect(onSocketAfter).toBeLessThan(TIMEOUT_MS);
    expect(sentWithin).toBeLessThan(TIMEOUT_MS);
    expect(hanging.received.length).toBeGreaterThan(0);

    const robotText = JSON.parse(dingtalk.accepted()[dingtalkBefore].body) as {
      markdown: { title: string; text: string };
    };
    expect(robotText.markdown.text).toContain(opened.alert.enterpriseName);
    expect(robotText.markdown.text).toContain('https://park.example/m/alert?t=');
    const wecomText = JSON.parse(wecom.accepted()[wecomBefore].body) as { markdown: { content: string } };
    expect(wecomText.markdown.content).toContain(opened.alert.enterpriseName);
    expect(mail.subject).toContain('报警');
    expect(mail.text ?? '').toContain(opened.alert.enterpriseName);
    expect(aliyun.accepted()[0].url.searchParams.get('PhoneNumbers')).toBe('13800138000');

    const records = await waitFor('the deliveries recorded as delivered', async () => {
      const page = await deliveries(`alert=${opened.alert.id}&pageSize=50`);
      const delivered = page.items.filter((d) => d.status === 'delivered');
      return delivered.length >= 4 ? page.items : undefined;
    });
    expect(
      records
        .filter((d) => d.status === 'delivered')
        .map((d) => d.channelName)
        .sort(),
    ).toEqual(['A 企业安全员短信', '值班邮箱', '安环值班群（企业微信）', '应急指挥群（钉钉）'].sort());
    for (const d of records.filter((r) => r.status === 'delivered')) {
      expect(d).toMatchObject({ attempts: 1, eventType: 'opened' });
      expect(d.lastAnswer).not.toBeNull();
    }
  });

  it('retries the provider that answers 500 with backoff, records every answer, and gives up after the last attempt', async () => {
    const failingChannel = channels.get('出故障的机器人') as NotificationChannelView;
    const [last] = await waitFor(
      'the failing delivery given up',
      async () => {
        const page = await deliveries(`channel=${failingChannel.id}&status=failed`);
        return page.items.length > 0 ? page.items : undefined;
      },
      20_000,
    );
    expect(last).toMatchObject({ attempts: MAX_ATTEMPTS, lastStatus: 500 });
    expect(last.lastAnswer).toContain('Internal Server Error');
    expect(failing.received).toHaveLength(MAX_ATTEMPTS);
    // Two waits between three attempts: BACKOFF_MS, then twice that.
    expect((last.lastAttemptAt as number) - last.createdAt).toBeGreaterThanOrEqual(BACKOFF_MS * 3);
  });

  it('records the hung provider’s attempts as timeouts and keeps retrying them', async () => {
    const hungChannel = channels.get('不应答的飞书') as NotificationChannelView;
    const [timedOut] = await waitFor('the hung delivery timed out', async () => {
      const page = await deliveries(`channel=${hungChannel.id}`);
      const attempted = page.items.filter((d) => d.attempts >= 1 && d.eventType === 'opened');
      return attempted.length > 0 ? attempted : undefined;
    });
    expect(timedOut.lastStatus).toBeNull();
    expect(timedOut.lastAnswer).toContain('timeout');
    expect(['pending', 'sending', 'failed']).toContain(timedOut.status);
  });

  it('never sends an alert to a channel scoped to another enterprise', async () => {
    const other = channels.get('B 企业安全员短信') as NotificationChannelView;
    const page = await deliveries(`channel=${other.id}`);
    expect(page.total).toBe(0);
    expect(tencent.received).toEqual([]);
    // The alert was enterprise A's: the A-scoped channel did get it.
    const own = channels.get('A 企业安全员短信') as NotificationChannelView;
    expect((await deliveries(`channel=${own.id}`)).total).toBe(1);
  });

  it('lets officers read the delivery records but not the channels', async () => {
    expect((await api(officerToken, 'GET', '/api/notification-channels')).status).toBe(403);
    expect((await api(officerToken, 'GET', '/api/notification-deliveries')).status).toBe(200);
  });
});

/** The newest e-mail to `address` in the SMTP server's Maildir, parsed; undefined while there is none. */
async function mailFor(address: string): Promise<{ subject?: string; text?: string } | undefined> {
  if (!existsSync(MAILDIR)) return undefined;
  for (const file of readdirSync(MAILDIR).sort().reverse()) {
    const raw = readFileSync(join(MAILDIR, file));
    if (!raw.includes(address)) continue;
    const parsed = await PostalMime.parse(raw);
    if (parsed.to?.some((to) => 'address' in to && to.address === address))
      return { subject: parsed.subject, text: parsed.text };
  }
  return undefined;
}

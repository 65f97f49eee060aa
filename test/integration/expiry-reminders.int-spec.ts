/**
 * The certificates' expiry reminders (资质到期提醒, docs/notifications.md) on the real PostgreSQL and SMTP server: a
 * certificate 25 days from expiry is sent one reminder at the 30-day step — to a park-wide e-mail channel's
 * recipients, to the enterprise's own safety contact (by that channel), and to a 企业微信 robot (a local stand-in
 * that checks the request as the provider does) — while a channel scoped to another enterprise gets nothing; two
 * API instances running the day's job at once send it once, and a second run sends nothing; a renewed certificate
 * (a new expiry date) starts its steps over; an SMS channel cannot be set to receive the reminders.
 */
import { randomBytes } from 'node:crypto';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import PostalMime, { type Email } from 'postal-mime';
import { CLOCK, type Clock } from '@park/clock';
import {
  addCalendarDays,
  parkDate,
  type NotificationChannelView,
  type NotificationDeliveryView,
  type Page,
} from '@park/contracts';
import { EnterpriseEntity, ExpiryReminderRepository, QualificationEntity, seedDemoPark } from '@park/records';
import { API_CONFIG, type ApiConfig } from '../../apps/api/src/api.config';
import { NOTIFICATION_ADAPTERS } from '../../apps/api/src/notifications/notification-adapters';
import { ExpiryReminders } from '../../apps/api/src/qualifications/expiry-reminders';
import { startWecomStandin, type ProviderStandin } from '../support/notification-standins';
import { caller, login, startRecordsApi, type Caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'expiry-reminders-password';
const SMTP_PORT = Number(process.env.TEST_SMTP_PORT ?? 2525);
const MAILDIR =
  process.env.TEST_SMTP_MAILDIR ??
  join(process.env.PARK_SERVICES_HOME ?? '/var/tmp/smart-park-services', 'smtp', 'maildir');
const WECOM_KEY = 'wecom-expiry-reminder-key-0123';
const BASE_URL = 'https://park.example.cn';

/** The stored messages to `address` whose text contains `marker`. */
async function mailsTo(address: string, marker: string): Promise<{ file: string; email: Email }[]> {
  const found: { file: string; email: Email }[] = [];
  for (const folder of ['new', 'cur']) {
    const names = await readdir(join(MAILDIR, folder)).catch(() => [] as string[]);
    for (const name of names) {
      const file = join(MAILDIR, folder, name);
      const email = await PostalMime.parse(await readFile(file));
      if (email.to?.some((t) => t.address === address) && email.text?.includes(marker))
        found.push({ file, email });
    }
  }
  return found;
}

describe('the certificates’ expiry reminders (资质到期提醒) through e-mail and a robot', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let admin: Caller;
  let wecom: ProviderStandin;
  let chem: EnterpriseEntity;
  let other: EnterpriseEntity;
  let today: string;
  let qualificationId: string;
  const instances: ExpiryReminders[] = [];
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const certificateNo = `GR${runId.toUpperCase()}`;
  const parkAddress = `park-office-${runId}@park.example.cn`;
  const contactAddress = `chem-safety-${runId}@chem.example.cn`;
  const otherAddress = `other-${runId}@other.example.cn`;
  const written: string[] = [];
  const channels: Record<string, NotificationChannelView> = {};

  const smtp = {
    host: '127.0.0.1',
    port: SMTP_PORT,
    secure: false,
    from: `园区企业服务 <service-${runId}@park.example.cn>`,
  };
  const createChannel = async (body: Record<string, unknown>) => {
    const res = await admin('POST', '/api/notification-channels', { severities: ['critical'], ...body });
    expect(res.status).toBe(201);
    return res.body as NotificationChannelView;
  };
  const deliveries = async (channelId: string) =>
    (
      (await admin('GET', `/api/notification-deliveries?channel=${channelId}&pageSize=50`))
        .body as Page<NotificationDeliveryView>
    ).items;
  const mine = <T extends { qualificationId: string }>(outcomes: T[]) =>
    outcomes.filter((o) => o.qualificationId === qualificationId);

  beforeAll(async () => {
    env = await createTestEnvironment('expiry_reminders');
    await seedDemoPark(env.records, PASSWORD);
    // Only this test's certificate: the demo park's own would be reminded of too.
    await env.records.getRepository(QualificationEntity).delete({ isDemo: true });
    wecom = await startWecomStandin(WECOM_KEY);
    ({ app } = await startRecordsApi(env, {
      EXPIRY_REMINDERS: 'false',
      REPORTS_SCHEDULE: 'false',
      WEBHOOK_ALLOWED_TARGETS: '127.0.0.1',
      PUBLIC_BASE_URL: BASE_URL,
      ALERT_LINK_SECRET: 'expiry-reminders-alert-link-secret-0123456789',
    }));
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    admin = caller(url, await login(url, 'admin', PASSWORD));
    const enterprises = env.records.getRepository(EnterpriseEntity);
    chem = await enterprises.findOneByOrFail({ name: '启东示范化工有限公司' });
    other = (await enterprises.find({ order: { creditCode: 'ASC' } })).find((e) => e.id !== chem.id)!;
    // The enterprise's own safety contact (安全负责人), as escalation reaches it.
    await enterprises.update(chem.id, {
      safetyContactName: '化工安全负责人',
      safetyContactEmail: contactAddress,
    });
    today = parkDate(app.get<Clock>(CLOCK).now());
    // Two API instances, each with its own service (the test's retries 50 ms apart).
    for (let i = 0; i < 2; i++)
      instances.push(
        new ExpiryReminders(
          app.get(ExpiryReminderRepository),
          app.get(NOTIFICATION_ADAPTERS),
          app.get<ApiConfig>(API_CONFIG),
          app.get<Clock>(CLOCK),
          { attempts: 3, firstRetryMs: 50 },
        ),
      );

    channels.park = await createChannel({
      name: `园区企业服务邮件 ${runId}`,
      kind: 'email',
      config: smtp,
      eventTypes: ['opened', 'expiry'],
      recipients: [{ name: '企业服务科', address: parkAddress }],
    });
    channels.robot = await createChannel({
      name: `企业服务群机器人 ${runId}`,
      kind: 'wecom',
      config: { webhookUrl: `${wecom.origin}/cgi-bin/webhook/send?key=${WECOM_KEY}` },
      eventTypes: ['expiry'],
    });
    channels.other = await createChannel({
      name: `另一企业的邮件 ${runId}`,
      kind: 'email',
      config: smtp,
      eventTypes: ['expiry'],
      enterpriseId: other.id,
      recipients: [{ name: '另一企业', address: otherAddress }],
    });
    channels.alertsOnly = await createChannel({
      name: `只收报警 ${runId}`,
      kind: 'wecom',
      config: { webhookUrl: `${wecom.origin}/cgi-bin/webhook/send?key=${WECOM_KEY}` },
    });

    const res = await admin('POST', `/api/enterprises/${chem.id}/qualifications`, {
      type: 'high-tech-enterprise',
      level: 'national',
      certificateNo,
      issuedOn: addCalendarDays(today, -1000),
      expiresOn: addCalendarDays(today, 25),
    });
    expect(res.status).toBe(201);
    qualificationId = (res.body as { id: string }).id;
  });

  afterAll(async () => {
    await Promise.all(written.map((file) => rm(file, { force: true })));
    await app?.close();
    await wecom?.close();
    await env?.teardown();
  });

  it('refuses the reminders on an SMS channel: an SMS is an alert template', async () => {
    const res = await admin('POST', '/api/notification-channels', {
      name: `短信 ${runId}`,
      kind: 'aliyun-sms',
      config: {
        accessKeyId: 'LTAI5tExample',
        accessKeySecret: 's',
        signName: '智慧园区',
        templateCode: 'SMS_1',
      },
      severities: ['critical'],
      eventTypes: ['opened', 'expiry'],
      recipients: [{ name: '值班员', address: '13800138000' }],
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('eventTypes');
  });

  it('sends one reminder at the 30-day step, once across two instances, and nothing on a second run', async () => {
    const robotPostsBefore = wecom.accepted().length;
    const [a, b] = await Promise.all([instances[0].send(today), instances[1].send(today)]);
    const outcomes = [...mine(a), ...mine(b)];
    expect(outcomes.map((o) => o.status).sort()).toEqual(['claimed-elsewhere', 'delivered']);
    // The office, the enterprise's contact (by the office's e-mail channel) and the robot's group.
    expect(outcomes.find((o) => o.status === 'delivered')).toEqual({
      qualificationId,
      step: 30,
      status: 'delivered',
      sends: 3,
    });

    const title = `【资质到期提醒】启东示范化工有限公司 高新技术企业证书 25 天后到期`;
    for (const address of [parkAddress, contactAddress]) {
      const [mail] = await waitFor(`the reminder to ${address}`, async () => {
        const found = await mailsTo(address, certificateNo);
        return found.length > 0 ? found : undefined;
      });
      written.push(mail.file);
      expect(mail.email.subject).toBe(title);
      expect(mail.email.text).toContain('高新技术企业（国家级）');
      expect(mail.email.text).toContain('25 天');
      const [y, m, d] = addCalendarDays(today, 25).split('-').map(Number);
      expect(mail.email.text).toContain(`${y}年${m}月${d}日`);
      expect(mail.email.text).toContain(`${BASE_URL}/enterprises/${chem.id}`);
    }

    const posts = wecom.accepted().slice(robotPostsBefore);
    expect(posts).toHaveLength(1);
    const content = (JSON.parse(posts[0].body) as { markdown: { content: string } }).markdown.content;
    expect(content).toContain(title);
    expect(content).toContain(certificateNo);

    // Every send recorded as a delivery of event type expiry; the other enterprise's channel carried nothing.
    expect(
      (await deliveries(channels.park.id)).map((d) => [d.eventType, d.status, d.recipient?.address]).sort(),
    ).toEqual(
      [
        ['expiry', 'delivered', contactAddress],
        ['expiry', 'delivered', parkAddress],
      ].sort(),
    );
    expect(await deliveries(channels.other.id)).toEqual([]);
    expect(await deliveries(channels.alertsOnly.id)).toEqual([]);
    expect(await mailsTo(otherAddress, certificateNo)).toEqual([]);

    // The next run of the day (this instance or another): the step was claimed, nothing is sent again.
    const again = mine(await instances[0].send(today));
    expect(again.map((o) => o.status)).toEqual(['claimed-elsewhere']);
    expect(wecom.accepted().length - robotPostsBefore).toBe(1);
    expect(await deliveries(channels.park.id)).toHaveLength(2);
    expect(await app.get(ExpiryReminderRepository).reminders(qualificationId)).toMatchObject([
      { step: 30, status: 'delivered', sendCount: 3 },
    ]);
  });

  it('starts the steps over for a renewed certificate (a new expiry date)', async () => {
    const robotPostsBefore = wecom.accepted().length;
    const res = await admin('PATCH', `/api/enterprises/${chem.id}/qualifications/${qualificationId}`, {
      expiresOn: addCalendarDays(today, 80),
    });
    expect(res.status).toBe(200);
    const outcomes = mine(await instances[1].send(today));
    expect(outcomes).toEqual([{ qualificationId, step: 90, status: 'delivered', sends: 3 }]);
    const posts = wecom.accepted().slice(robotPostsBefore);
    expect(posts).toHaveLength(1);
    expect(posts[0].body).toContain('80 天后到期');
    const [mail] = await waitFor('the renewed certificate’s reminder', async () => {
      const found = (await mailsTo(parkAddress, certificateNo)).filter((f) =>
        f.email.subject?.includes('80 天'),
      );
      return found.length > 0 ? found : undefined;
    });
    written.push(mail.file);
    expect(mine(await instances[0].send(today)).map((o) => o.status)).toEqual(['claimed-elsewhere']);
  });
});

/**
 * The monthly reports' notice (docs/reports.md, 报表通知) on the real PostgreSQL, InfluxDB and SMTP server: a month's
 * reports generated, then the notice sent as the schedule sends it — a park-wide e-mail channel gets every report
 * listed with the PDFs attached and the link to the reports page, a channel scoped to one enterprise only that
 * enterprise's, a 企业微信 robot (a local stand-in that checks the request as the provider does) the list and the link;
 * a robot that keeps failing is retried and recorded as failed; every send is a delivery of event type `report`;
 * a second run (another API instance) sends nothing again; an SMS channel cannot be set to receive it.
 */
import { randomBytes } from 'node:crypto';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import PostalMime, { type Email } from 'postal-mime';
import { CLOCK, type Clock } from '@park/clock';
import type { NotificationChannelView, NotificationDeliveryView, Page, ReportView } from '@park/contracts';
import { EnterpriseEntity, ReportNoticeRepository, ReportRepository, seedDemoPark } from '@park/records';
import { previousMonth, type ReportPeriod } from '@park/reports';
import { API_CONFIG, type ApiConfig } from '../../apps/api/src/api.config';
import { NOTIFICATION_ADAPTERS } from '../../apps/api/src/notifications/notification-adapters';
import { ReportNotices } from '../../apps/api/src/reports/report-notices';
import { startWecomStandin, type ProviderStandin } from '../support/notification-standins';
import { caller, login, startRecordsApi, type Caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'report-notices-password';
const SMTP_PORT = Number(process.env.TEST_SMTP_PORT ?? 2525);
const MAILDIR =
  process.env.TEST_SMTP_MAILDIR ??
  join(process.env.PARK_SERVICES_HOME ?? '/var/tmp/smart-park-services', 'smtp', 'maildir');
const WECOM_KEY = 'wecom-report-notice-key-0123';
const BASE_URL = 'https://park.example.cn';

/** The stored messages to `address` whose subject contains `marker`. */
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

describe('the monthly reports notice (月度报表) through e-mail and a robot', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let admin: Caller;
  let wecom: ProviderStandin;
  let failing: ProviderStandin;
  let month: ReportPeriod;
  let chem: EnterpriseEntity;
  let notices: ReportNotices;
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const parkAddress = `park-office-${runId}@park.example.cn`;
  const leaderAddress = `leader-${runId}@park.example.cn`;
  const chemAddress = `chem-energy-${runId}@chem.example.cn`;
  const written: string[] = [];
  const channels: Record<string, NotificationChannelView> = {};

  const smtp = {
    host: '127.0.0.1',
    port: SMTP_PORT,
    secure: false,
    from: `园区报表 <reports-${runId}@park.example.cn>`,
  };
  const createChannel = async (body: Record<string, unknown>) => {
    const res = await admin('POST', '/api/notification-channels', {
      severities: ['critical'],
      ...body,
    });
    expect(res.status).toBe(201);
    return res.body as NotificationChannelView;
  };
  const deliveries = async (channelId: string) =>
    (
      (await admin('GET', `/api/notification-deliveries?channel=${channelId}&pageSize=50`))
        .body as Page<NotificationDeliveryView>
    ).items;

  beforeAll(async () => {
    env = await createTestEnvironment('report_notices');
    await seedDemoPark(env.records, PASSWORD);
    await env.influx.ensureSchema();
    wecom = await startWecomStandin(WECOM_KEY);
    failing = await startWecomStandin(WECOM_KEY);
    failing.failWith500();
    ({ app } = await startRecordsApi(env, {
      REPORTS_SCHEDULE: 'false',
      WEBHOOK_ALLOWED_TARGETS: '127.0.0.1',
      PUBLIC_BASE_URL: BASE_URL,
      ALERT_LINK_SECRET: 'report-notices-alert-link-secret-0123456789',
    }));
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    admin = caller(url, await login(url, 'admin', PASSWORD));
    chem = await env.records
      .getRepository(EnterpriseEntity)
      .findOneByOrFail({ name: '启东示范化工有限公司' });
    month = previousMonth(Date.now());
    // The test's own timing: retries 50 ms apart, not the deployment's seconds.
    notices = new ReportNotices(
      app.get(ReportRepository),
      app.get(ReportNoticeRepository),
      app.get(NOTIFICATION_ADAPTERS),
      app.get<ApiConfig>(API_CONFIG),
      app.get<Clock>(CLOCK),
      { waitForReportsMs: 5_000, pollMs: 50, attempts: 3, firstRetryMs: 50 },
    );

    channels.park = await createChannel({
      name: `园区办公室邮件 ${runId}`,
      kind: 'email',
      config: smtp,
      eventTypes: ['opened', 'report'],
      recipients: [
        { name: '园区办公室', address: parkAddress },
        { name: '带班领导', address: leaderAddress },
      ],
    });
    channels.chem = await createChannel({
      name: `化工企业能源管理员 ${runId}`,
      kind: 'email',
      config: smtp,
      eventTypes: ['report'],
      enterpriseId: chem.id,
      recipients: [{ name: '能源管理员', address: chemAddress }],
    });
    channels.robot = await createChannel({
      name: `安环群机器人 ${runId}`,
      kind: 'wecom',
      config: { webhookUrl: `${wecom.origin}/cgi-bin/webhook/send?key=${WECOM_KEY}` },
      eventTypes: ['report'],
    });
    channels.failing = await createChannel({
      name: `故障机器人 ${runId}`,
      kind: 'wecom',
      config: { webhookUrl: `${failing.origin}/cgi-bin/webhook/send?key=${WECOM_KEY}` },
      eventTypes: ['report'],
    });
    // Alerts only: never sent the notice.
    channels.alertsOnly = await createChannel({
      name: `只收报警 ${runId}`,
      kind: 'wecom',
      config: { webhookUrl: `${wecom.origin}/cgi-bin/webhook/send?key=${WECOM_KEY}` },
    });

    for (const scope of ['park', chem.id]) {
      const res = await admin('POST', '/api/reports', { kind: 'energy', period: month.label, scope });
      expect(res.status).toBe(201);
      expect((res.body as ReportView).status).toBe('ready');
    }
  });

  afterAll(async () => {
    await Promise.all(written.map((file) => rm(file, { force: true })));
    await app?.close();
    await wecom?.close();
    await failing?.close();
    await env?.teardown();
  });

  it('refuses the notice on an SMS channel: an SMS is an alert template', async () => {
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
      eventTypes: ['opened', 'report'],
      recipients: [{ name: '值班员', address: '13800138000' }],
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('eventTypes');
  });

  it('sends each channel the reports it may see, records every send, and never sends a month twice', async () => {
    const robotPostsBefore = wecom.accepted().length;
    const outcomes = await notices.send(month.label);
    const byChannel = new Map(outcomes.map((o) => [o.channelId, o]));
    expect(byChannel.get(channels.park.id)).toEqual({
      channelId: channels.park.id,
      status: 'delivered',
      reports: 2,
    });
    expect(byChannel.get(channels.chem.id)).toEqual({
      channelId: channels.chem.id,
      status: 'delivered',
      reports: 1,
    });
    expect(byChannel.get(channels.robot.id)).toEqual({
      channelId: channels.robot.id,
      status: 'delivered',
      reports: 2,
    });
    expect(byChannel.get(channels.failing.id)).toEqual({
      channelId: channels.failing.id,
      status: 'failed',
      reports: 2,
    });
    expect(byChannel.has(channels.alertsOnly.id)).toBe(false);

    const [year, m] = month.label.split('-').map(Number);
    const title = (n: number) => `【月度报表】${year}年${m}月 报表已生成 ${n} 份`;
    const chemTitle = `启东示范化工有限公司 能耗月报 ${year}年${m}月`;
    const parkTitle = `园区能耗月报 ${year}年${m}月`;

    // The park's office and its leader: both reports listed, both PDFs attached, the link to the reports page.
    for (const address of [parkAddress, leaderAddress]) {
      const [mail] = await waitFor(`the notice to ${address}`, async () => {
        const found = await mailsTo(address, parkTitle);
        return found.length > 0 ? found : undefined;
      });
      written.push(mail.file);
      expect(mail.email.subject).toBe(title(2));
      expect(mail.email.text).toContain(chemTitle);
      expect(mail.email.text).toContain(`${BASE_URL}/reports?period=${month.label}`);
      const pdfs = mail.email.attachments.filter((a) => a.mimeType === 'application/pdf');
      expect(pdfs.map((a) => a.filename).sort()).toEqual([`${chemTitle}.pdf`, `${parkTitle}.pdf`].sort());
      for (const pdf of pdfs)
        expect(
          Buffer.from(pdf.content as ArrayBuffer)
            .subarray(0, 5)
            .toString('latin1'),
        ).toBe('%PDF-');
    }

    // The enterprise's channel: its own report only, never the park's.
    const [chemMail] = await waitFor('the notice to the enterprise', async () => {
      const found = await mailsTo(chemAddress, chemTitle);
      return found.length > 0 ? found : undefined;
    });
    written.push(chemMail.file);
    expect(chemMail.email.subject).toBe(title(1));
    expect(chemMail.email.text).not.toContain(parkTitle);
    expect(chemMail.email.attachments.map((a) => a.filename)).toEqual([`${chemTitle}.pdf`]);

    // The robot: one markdown post with the list and the link, accepted by the stand-in.
    const posts = wecom.accepted().slice(robotPostsBefore);
    expect(posts).toHaveLength(1);
    const content = (JSON.parse(posts[0].body) as { markdown: { content: string } }).markdown.content;
    expect(content).toContain(title(2));
    expect(content).toContain(parkTitle);
    expect(content).toContain(`${BASE_URL}/reports?period=${month.label}`);

    // Every send recorded on the channel's delivery records: event type report, attempts, the provider's answer.
    const parkDeliveries = await deliveries(channels.park.id);
    expect(
      parkDeliveries.map((d) => [d.eventType, d.status, d.recipient?.address, d.attempts]).sort(),
    ).toEqual(
      [
        ['report', 'delivered', leaderAddress, 1],
        ['report', 'delivered', parkAddress, 1],
      ].sort(),
    );
    const [failed] = await deliveries(channels.failing.id);
    expect(failed).toMatchObject({ eventType: 'report', status: 'failed', attempts: 3, lastStatus: 500 });
    expect(failing.received).toHaveLength(3);

    // Another API instance running the schedule for the same month: every notice was claimed, nothing is sent again.
    const again = await notices.send(month.label);
    expect(again.map((o) => o.status)).toEqual(again.map(() => 'claimed-elsewhere'));
    expect(wecom.accepted().length - robotPostsBefore).toBe(1);
    expect(await deliveries(channels.park.id)).toHaveLength(2);
  });
});

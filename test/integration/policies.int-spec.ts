/**
 * 惠企政策 (docs/policies.md) on the real PostgreSQL and SMTP server, over the demo park: a demo policy's matching
 * list is exactly the enterprises the seeded records say — worked out here from the tables with plain arithmetic,
 * not by the matching code — with each condition's actual value in words; criteria that cannot be matched are
 * refused and a policy's writes are audited; the notice reaches the qualifying enterprises through a real e-mail
 * channel (and an enterprise's contact), says so when no channel carries notices, and a second notice sends
 * nothing; an energy manager reads their own enterprise's policies only.
 */
import { randomBytes } from 'node:crypto';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import PostalMime, { type Email } from 'postal-mime';
import type {
  EnterprisePoliciesView,
  NotificationChannelView,
  NotificationDeliveryView,
  Page,
  PolicyListItem,
  PolicyMatchesView,
  PolicyNoticeResult,
  PolicyView,
} from '@park/contracts';
import {
  AuditEntryEntity,
  EnterpriseEntity,
  EnterpriseIndicatorEntity,
  PolicyEntity,
  seedDemoPark,
} from '@park/records';
import { caller, login, startRecordsApi, type Caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'policies-password';
const SMTP_PORT = Number(process.env.TEST_SMTP_PORT ?? 2525);
const MAILDIR =
  process.env.TEST_SMTP_MAILDIR ??
  join(process.env.PARK_SERVICES_HOME ?? '/var/tmp/smart-park-services', 'smtp', 'maildir');
const BASE_URL = 'https://park.example.cn';

async function mailsTo(address: string, marker: string): Promise<{ file: string; email: Email }[]> {
  const found: { file: string; email: Email }[] = [];
  for (const folder of ['new', 'cur']) {
    const names = await readdir(join(MAILDIR, folder)).catch(() => [] as string[]);
    for (const name of names) {
      const file = join(MAILDIR, folder, name);
      const email = await PostalMime.parse(await readFile(file));
      if (email.to?.some((t) => t.address === address) && (email.subject ?? '').includes(marker))
        found.push({ file, email });
    }
  }
  return found;
}

describe('惠企政策: matching lists and notices over the demo park', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let url: string;
  let admin: Caller;
  let manager: Caller;
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const parkAddress = `policy-office-${runId}@park.example.cn`;
  const contactAddress = `policy-contact-${runId}@ent.example.cn`;
  const written: string[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment('policies');
    await seedDemoPark(env.records, PASSWORD);
    ({ app, url } = await startRecordsApi(env, {
      EXPIRY_REMINDERS: 'false',
      REPORTS_SCHEDULE: 'false',
      PUBLIC_BASE_URL: BASE_URL,
      ALERT_LINK_SECRET: 'policies-alert-link-secret-0123456789abcdef',
    }));
    url = url.replace('[::1]', '127.0.0.1');
    admin = caller(url, await login(url, 'admin', PASSWORD));
    manager = caller(url, await login(url, 'manager', PASSWORD));
  });

  afterAll(async () => {
    await Promise.all(written.map((file) => rm(file, { force: true })));
    await app?.close();
    await env?.teardown();
  });

  /** The seeded records, read from the tables: live enterprises and the latest year's figures. */
  async function seeded() {
    const enterprises = await env.records.getRepository(EnterpriseEntity).find();
    const rows = await env.records.getRepository(EnterpriseIndicatorEntity).find();
    const latest = Math.max(...rows.map((r) => r.year));
    const ofLatest = new Map(rows.filter((r) => r.year === latest).map((r) => [r.enterpriseId, r]));
    return { enterprises, latest, ofLatest };
  }

  it('lists exactly the enterprises the records qualify, and those within 20 % of a threshold as nearly', async () => {
    const policy = await env.records
      .getRepository(PolicyEntity)
      .findOneByOrFail({ name: '研发费用加计扣除政策辅导', demo: true });
    expect(policy.documentNo).toContain('示例');
    const res = await admin('GET', `/api/policies/${policy.id}/matches`);
    expect(res.status).toBe(200);
    const view = res.body as PolicyMatchesView;

    // 营业收入 ≥ 5,000 万元 and 研发投入 / 营业收入 ≥ 4 %, in the latest year with indicators.
    const { enterprises, latest, ofLatest } = await seeded();
    const qualified: string[] = [];
    const nearly: string[] = [];
    for (const e of enterprises) {
      const i = ofLatest.get(e.id);
      if (!i || i.revenue === null || i.rdExpense === null || i.revenue <= 0) continue;
      const intensity = (i.rdExpense / i.revenue) * 100;
      const revenueMet = i.revenue >= 5000;
      const intensityMet = intensity >= 4;
      if (revenueMet && intensityMet) qualified.push(e.name);
      else if ((revenueMet || i.revenue >= 4000) && (intensityMet || intensity >= 3.2)) nearly.push(e.name);
    }
    expect(view.latestYear).toBe(latest);
    expect(view.qualified.map((m) => m.name).sort()).toEqual(qualified.sort());
    expect(view.nearly.map((m) => m.name).sort()).toEqual(nearly.sort());
    expect(qualified.length).toBeGreaterThan(0);
    expect(nearly.length).toBeGreaterThan(0);
    expect(view.counts).toEqual({
      assessed: enterprises.length,
      qualified: qualified.length,
      nearly: nearly.length,
    });

    // The why: the actual figures beside the thresholds; the lack: how far from them.
    const first = view.qualified[0];
    expect(first.outcomes.map((o) => o.status)).toEqual(['met', 'met']);
    const figures = ofLatest.get(first.enterpriseId)!;
    expect(first.outcomes[0].actual).toBeCloseTo(figures.revenue!, 6);
    const short = view.nearly.find((m) => m.outcomes.some((o) => o.status === 'unmet'))!;
    const unmet = short.outcomes.find((o) => o.status === 'unmet')!;
    expect(unmet.gap).toBeGreaterThan(0);
    expect(unmet.near).toBe(true);
  });

  it('gives the demo library qualifying and nearly-qualifying enterprises for most policies', async () => {
    const res = await admin('GET', '/api/policies');
    expect(res.status).toBe(200);
    const list = res.body as PolicyListItem[];
    const demo = list.filter((p) => p.demo);
    expect(demo.length).toBeGreaterThanOrEqual(6);
    expect(demo.every((p) => p.documentNo?.includes('示例'))).toBe(true);
    const both = demo.filter((p) => (p.qualifiedCount ?? 0) > 0 && (p.nearlyCount ?? 0) > 0);
    expect(both.length).toBeGreaterThan(demo.length / 2);
    const searched = (await admin('GET', `/api/policies?q=${encodeURIComponent('小升规')}`))
      .body as PolicyListItem[];
    expect(searched.map((p) => p.name)).toEqual(['小微工业企业“小升规”奖励']);
  });

  it('refuses criteria that cannot be matched, and audits a policy’s writes', async () => {
    const bad = await admin('POST', '/api/policies', {
      name: `坏条件 ${runId}`,
      issuer: '测试',
      criteria: [{ field: 'revenue', comparator: 'more', value: 1 }],
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('criteria[0].comparator');
    const created = await admin('POST', '/api/policies', {
      name: `审计 ${runId}`,
      issuer: '测试',
      criteria: [{ field: 'grade', grade: 'B' }],
    });
    expect(created.status).toBe(201);
    const id = (created.body as PolicyView).id;
    expect((await admin('PATCH', `/api/policies/${id}`, { benefit: '奖励 1 万元' })).status).toBe(200);
    expect((await admin('DELETE', `/api/policies/${id}`)).status).toBe(204);
    const entries = await env.records
      .getRepository(AuditEntryEntity)
      .find({ where: { entityType: 'policy', entityId: id }, order: { at: 'ASC' } });
    expect(entries.map((e) => e.action)).toEqual(['create', 'update', 'delete']);
    expect(entries[1].changes.benefit).toEqual({ from: null, to: '奖励 1 万元' });
    expect((await admin('GET', `/api/policies/${id}`)).status).toBe(404);
  });

  it('says when no channel carries notices, then notifies the qualifying enterprises once by e-mail', async () => {
    const name = `营收五亿元企业奖励 ${runId}`;
    const created = await admin('POST', '/api/policies', {
      name,
      issuer: '高新区管委会经济发展局',
      documentNo: '示例〔2026〕99号',
      benefit: '奖励 100 万元',
      validTo: '2099-12-31',
      criteria: [{ field: 'revenue', comparator: 'gte', value: 50_000 }],
    });
    expect(created.status).toBe(201);
    const policyId = (created.body as PolicyView).id;
    const { enterprises, ofLatest } = await seeded();
    const expected = enterprises.filter((e) => (ofLatest.get(e.id)?.revenue ?? 0) >= 50_000);
    expect(expected.length).toBeGreaterThan(1);

    // No channel carries `policy` yet: nothing is sent, nothing recorded, and the answer says so.
    const none = await admin('POST', `/api/policies/${policyId}/notify`, {});
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ policyId, channels: 0, notified: [], alreadyNotified: 0 });

    const channelRes = await admin('POST', '/api/notification-channels', {
      name: `企业服务邮件 ${runId}`,
      kind: 'email',
      config: {
        host: '127.0.0.1',
        port: SMTP_PORT,
        secure: false,
        from: `园区 <svc-${runId}@park.example.cn>`,
      },
      severities: ['critical'],
      eventTypes: ['policy'],
      recipients: [{ name: '企业服务科', address: parkAddress }],
    });
    expect(channelRes.status).toBe(201);
    const channel = channelRes.body as NotificationChannelView;
    // One qualifying enterprise's own contact: reached by the e-mail channel too.
    const withContact = expected[0];
    await env.records
      .getRepository(EnterpriseEntity)
      .update(withContact.id, { safetyContactName: '企业联系人', safetyContactEmail: contactAddress });

    const sent = await admin('POST', `/api/policies/${policyId}/notify`, {});
    expect(sent.status).toBe(200);
    const result = sent.body as PolicyNoticeResult;
    expect(result.channels).toBe(1);
    expect(result.alreadyNotified).toBe(0);
    expect(result.notified.map((n) => n.name).sort()).toEqual(expected.map((e) => e.name).sort());
    expect(result.notified.every((n) => n.status === 'delivered')).toBe(true);
    expect(result.notified.find((n) => n.enterpriseId === withContact.id)?.sends).toBe(2);

    const mails = await waitFor('a notice per qualifying enterprise', async () => {
      const found = await mailsTo(parkAddress, runId);
      return found.length >= expected.length ? found : undefined;
    });
    written.push(...mails.map((m) => m.file));
    expect(mails).toHaveLength(expected.length);
    const subject = `【惠企政策】${withContact.name} 符合《${name}》申报条件`;
    const own = mails.find((m) => m.email.subject === subject)!;
    expect(own.email.text).toContain('示例〔2026〕99号');
    expect(own.email.text).toContain('奖励 100 万元');
    expect(own.email.text).toContain('营业收入');
    expect(own.email.text).toContain(`${BASE_URL}/enterprises/${withContact.id}`);
    const [contactMail] = await waitFor('the notice to the enterprise’s contact', async () => {
      const found = await mailsTo(contactAddress, runId);
      return found.length > 0 ? found : undefined;
    });
    written.push(contactMail.file);
    expect(contactMail.email.subject).toBe(subject);

    // The page says 已通知; a second notice sends nothing new.
    const matches = (await admin('GET', `/api/policies/${policyId}/matches`)).body as PolicyMatchesView;
    expect(matches.noticeChannels).toBe(1);
    expect(matches.qualified.every((m) => m.notifiedAt !== null && m.notifiedBy === 'admin')).toBe(true);
    const deliveries = async () =>
      (
        (await admin('GET', `/api/notification-deliveries?channel=${channel.id}&pageSize=100`))
          .body as Page<NotificationDeliveryView>
      ).items;
    const before = await deliveries();
    expect(before).toHaveLength(expected.length + 1);
    expect(before.every((d) => d.eventType === 'policy' && d.status === 'delivered')).toBe(true);
    const again = (await admin('POST', `/api/policies/${policyId}/notify`, {})).body as PolicyNoticeResult;
    expect(again).toEqual({ policyId, channels: 1, notified: [], alreadyNotified: expected.length });
    expect(await deliveries()).toHaveLength(expected.length + 1);
  });

  it('lets an energy manager read the policies and their own enterprise’s matches only', async () => {
    const chem = await env.records
      .getRepository(EnterpriseEntity)
      .findOneByOrFail({ name: '启东示范化工有限公司' });
    const other = await env.records
      .getRepository(EnterpriseEntity)
      .findOneByOrFail({ name: '启东金港机械制造有限公司' });
    const list = await manager('GET', '/api/policies');
    expect(list.status).toBe(200);
    const policies = list.body as PolicyListItem[];
    expect(policies.every((p) => p.qualifiedCount === null)).toBe(true);
    expect((await manager('GET', `/api/policies/${policies[0].id}/matches`)).status).toBe(403);
    expect((await manager('GET', `/api/policies/${policies[0].id}`)).status).toBe(403);
    const own = await manager('GET', `/api/enterprises/${chem.id}/policies`);
    expect(own.status).toBe(200);
    const view = own.body as EnterprisePoliciesView;
    expect(view.policies.length).toBeGreaterThan(0);
    expect(view.policies.every((p) => p.verdict === 'qualified' || p.verdict === 'nearly')).toBe(true);
    expect((await manager('GET', `/api/enterprises/${other.id}/policies`)).status).toBe(404);
    expect((await manager('POST', `/api/policies/${policies[0].id}/notify`, {})).status).toBe(403);
  });

  it('lets the staff whose department edits policies write them, and no other', async () => {
    const jingfa = caller(url, await login(url, 'jingfa', PASSWORD));
    const guihua = caller(url, await login(url, 'guihua', PASSWORD));
    const body = { name: `部门 ${runId}`, issuer: '经发局', criteria: [{ field: 'manufacturer' }] };
    expect((await guihua('POST', '/api/policies', body)).status).toBe(403);
    expect((await jingfa('POST', '/api/policies', body)).status).toBe(201);
  });
});

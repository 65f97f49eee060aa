/**
 * Committee staff (园区工作人员) edit what their department may (libs/contracts/src/departments.ts), through the
 * real API on a real database: 规划建设 edits a parcel but not the yearly figures, 税务 the figures but not a
 * parcel, 环保 an enterprise's permit but not its contact; a refused write changes nothing and leaves no audit
 * entry; the 操作日志 names who changed what. Creating staff needs a department; changing it ends their sessions.
 */
import type { INestApplication } from '@nestjs/common';
import { AuditEntryEntity, EnterpriseEntity, LandParcelEntity, seedDemoPark } from '@park/records';
import { caller, login, startRecordsApi, type Caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';

const PASSWORD = 'departments-password';

describe('departments: staff edit the areas of their department and nothing else', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let url: string;
  let admin: Caller;
  let enterprise: EnterpriseEntity;
  let parcel: LandParcelEntity;

  beforeAll(async () => {
    env = await createTestEnvironment('depts');
    await seedDemoPark(env.records, PASSWORD);
    const api = await startRecordsApi(env);
    app = api.app;
    url = api.url;
    admin = caller(url, await login(url, 'admin', PASSWORD));
    enterprise = await env.records
      .getRepository(EnterpriseEntity)
      .findOneByOrFail({ name: '启东示范化工有限公司' });
    parcel = await env.records
      .getRepository(LandParcelEntity)
      .findOneByOrFail({ enterpriseId: enterprise.id });
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  const auditCount = () => env.records.getRepository(AuditEntryEntity).count();

  it('lets 规划建设 edit a parcel (200) but not the yearly figures (403, nothing written)', async () => {
    const planning = caller(url, await login(url, 'guihua', PASSWORD));
    const edited = await planning('PATCH', `/api/parcels/${parcel.id}`, { owner: '启东市规划建设测试' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ owner: '启东市规划建设测试' });

    const before = await auditCount();
    const refused = await planning('PUT', `/api/enterprises/${enterprise.id}/indicators/2025`, {
      revenue: 1,
    });
    expect(refused.status).toBe(403);
    expect(await auditCount()).toBe(before);

    const log = await admin('GET', `/api/audit?entityType=parcel&entityId=${parcel.id}&actor=guihua`);
    expect(log.status).toBe(200);
    const [entry] = (log.body as { items: { actor: string; changes: object; recordName: string }[] }).items;
    expect(entry.actor).toBe('guihua');
    expect(entry.changes).toMatchObject({ owner: { to: '启东市规划建设测试' } });
    expect(entry.recordName).toContain(parcel.code);
  });

  it('lets 税务 edit the yearly figures but not a parcel', async () => {
    const tax = caller(url, await login(url, 'shuiwu', PASSWORD));
    const put = await tax('PUT', `/api/enterprises/${enterprise.id}/indicators/2025`, { tax: 321 });
    expect(put.status).toBe(200);
    const refused = await tax('PATCH', `/api/parcels/${parcel.id}`, { owner: '不该写入' });
    expect(refused.status).toBe(403);
    const after = await env.records.getRepository(LandParcelEntity).findOneByOrFail({ id: parcel.id });
    expect(after.owner).not.toBe('不该写入');
  });

  it("lets 环保 change an enterprise's permit but not its contact, and 经发 the contact but not the permit", async () => {
    const environment = caller(url, await login(url, 'huanbao', PASSWORD));
    const economy = caller(url, await login(url, 'jingfa', PASSWORD));
    const path = `/api/enterprises/${enterprise.id}`;
    expect((await environment('PATCH', path, { permitLimits: { so2: 50 } })).status).toBe(200);
    expect((await environment('PATCH', path, { contactName: '环保改联系人' })).status).toBe(403);
    expect((await economy('PATCH', path, { contactName: '经发改联系人' })).status).toBe(200);
    expect((await economy('PATCH', path, { permitO2Reference: 9 })).status).toBe(403);
    const after = await env.records.getRepository(EnterpriseEntity).findOneByOrFail({ id: enterprise.id });
    expect(after.contactName).toBe('经发改联系人');
    expect(after.permitO2Reference).not.toBe(9);
  });

  it('requires a department for staff, none for others, and ends their sessions when it changes', async () => {
    const base = { displayName: '测试工作人员', role: 'staff', password: 'a-long-enough-password' };
    const missing = await admin('POST', '/api/users', { ...base, username: 'dept-missing' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('department');
    const stray = await admin('POST', '/api/users', {
      ...base,
      username: 'dept-stray',
      role: 'operator',
      department: 'tax',
    });
    expect(stray.status).toBe(400);
    const made = await admin('POST', '/api/users', { ...base, username: 'dept-staff', department: 'safety' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ role: 'staff', department: 'safety' });

    const staff = caller(url, await login(url, 'dept-staff', 'a-long-enough-password'));
    expect((await staff('GET', '/api/enterprises')).status).toBe(200);
    const id = (made.body as { id: string }).id;
    expect((await admin('PATCH', `/api/users/${id}`, { department: 'planning' })).status).toBe(200);
    expect((await staff('GET', '/api/enterprises')).status).toBe(401);
    const again = caller(url, await login(url, 'dept-staff', 'a-long-enough-password'));
    expect((await again('PATCH', `/api/parcels/${parcel.id}`, { owner: '新部门' })).status).toBe(200);
  });
});

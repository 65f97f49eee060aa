/**
 * The records API on the real PostgreSQL: 一企一档 / 一地一档 with validation, paging, search, soft delete and
 * audit; the admission list on carriers; device provisioning and the park_device_changed notification; users;
 * imports with their error report; the plan's analytics; and the OpenAPI document.
 */
import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import ExcelJS from 'exceljs';
import { verifyDeviceSecret } from '@park/auth';
import {
  AuditEntryEntity,
  creditCodeCheckChar,
  DeviceEntity,
  EnterpriseEntity,
  EnterpriseIndicatorEntity,
  seedDemoPark,
  SourceFigureEntity,
} from '@park/records';
import { API_CONTROLLERS } from '../../apps/api/src/api.module';
import { caller, login, startRecordsApi, type Caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'records-test-password';
const valid = (body17: string) => body17 + creditCodeCheckChar(body17);

describe('records API on the real PostgreSQL', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let url: string;
  let admin: Caller;
  let adminToken: string;
  let officer: Caller;

  beforeAll(async () => {
    env = await createTestEnvironment('records');
    await seedDemoPark(env.records, PASSWORD);
    // The demo sources' 2025 and 2026 figures (demo-exchange.ts) go: these tests state every figure of 2025 they read.
    await env.records.getRepository(SourceFigureEntity).delete({ demo: true });
    ({ app, url } = await startRecordsApi(env));
    adminToken = await login(url, 'admin', PASSWORD);
    admin = caller(url, adminToken);
    officer = caller(url, await login(url, 'officer', PASSWORD));
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  describe('enterprises', () => {
    it('refuses a credit code whose check character is wrong, saying which it should be', async () => {
      const body17 = '91320681MA1TEKT0A';
      const right = creditCodeCheckChar(body17);
      const wrong = right === '0' ? '1' : '0';
      const res = await admin('POST', '/api/enterprises', {
        name: '校验测试有限公司',
        creditCode: body17 + wrong,
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain(`creditCode: 校验码错误：应为“${right}”，实际为“${wrong}”`);
    });

    it('refuses the letters GB 32100 never uses and names the field of every other bad input', async () => {
      const res = await admin('POST', '/api/enterprises', {
        name: '',
        creditCode: '91320681MA1TESTO0X',
        aboveScale: 'yes',
      });
      expect(res.status).toBe(400);
      const messages = (res.body as { message: string[] }).message;
      expect(messages.some((m) => m.startsWith('creditCode:') && m.includes('I, O, S, V, Z'))).toBe(true);
      expect(messages.some((m) => m.startsWith('name'))).toBe(true);
      expect(messages.some((m) => m.startsWith('aboveScale'))).toBe(true);
    });

    it("keeps an enterprise's discharge permit (the enterprise layer of emission thresholds), validated", async () => {
      const created = await admin('POST', '/api/enterprises', {
        name: '排污许可测试有限公司',
        creditCode: valid('91320681MA1PRMT01'),
        permitLimits: { so2: 50, nox: 150, cod: 500 },
        permitO2Reference: 9,
      });
      expect(created.status).toBe(201);
      const id = (created.body as EnterpriseEntity).id;
      expect((await admin('GET', `/api/enterprises/${id}`)).body).toMatchObject({
        permitLimits: { so2: 50, nox: 150, cod: 500 },
        permitO2Reference: 9,
      });
      const notMeasured = await admin('PATCH', `/api/enterprises/${id}`, { permitLimits: { lel: 25 } });
      expect(notMeasured.status).toBe(400);
      expect((notMeasured.body as { message: string }).message).toContain('permitLimits.lel');
      expect((await admin('PATCH', `/api/enterprises/${id}`, { permitLimits: { so2: 0 } })).status).toBe(400);
      expect((await admin('PATCH', `/api/enterprises/${id}`, { permitO2Reference: 25 })).status).toBe(400);
      expect((await admin('PATCH', `/api/enterprises/${id}`, { permitLimits: null })).body).toMatchObject({
        permitLimits: null,
      });
    });

    it('corrects a credit code: checked like a new one, unique among the enterprises, audited', async () => {
      const first = valid('91320681MA1CHGE01');
      const taken = valid('91320681MA1CHGE02');
      const created = await admin('POST', '/api/enterprises', {
        name: '代码更正测试有限公司',
        creditCode: first,
      });
      expect(created.status).toBe(201);
      const id = (created.body as EnterpriseEntity).id;
      expect(
        (await admin('POST', '/api/enterprises', { name: '代码占用测试有限公司', creditCode: taken })).status,
      ).toBe(201);

      const wrongCheck = first.slice(0, 17) + (first[17] === '0' ? '1' : '0');
      const refused = await admin('PATCH', `/api/enterprises/${id}`, { creditCode: wrongCheck });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain('creditCode: 校验码错误');
      const conflict = await admin('PATCH', `/api/enterprises/${id}`, { creditCode: taken });
      expect(conflict.status).toBe(409);
      expect(JSON.stringify(conflict.body)).toContain('creditCode');
      expect(
        (await officer('PATCH', `/api/enterprises/${id}`, { creditCode: valid('91320681MA1CHGE03') })).status,
      ).toBe(403);

      const corrected = valid('91320681MA1CHGE04');
      const ok = await admin('PATCH', `/api/enterprises/${id}`, { creditCode: corrected });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ creditCode: corrected });
      const audit = (await admin('GET', `/api/enterprises/${id}/audit`)).body as {
        items: AuditEntryEntity[];
      };
      expect(audit.items[0]).toMatchObject({
        action: 'update',
        actor: 'admin',
        changes: { creditCode: { from: first, to: corrected } },
      });
    });

    it('creates, updates and soft-deletes with every change audited field by field', async () => {
      const creditCode = valid('91320681MA1AUDT01');
      const created = await admin('POST', '/api/enterprises', {
        name: '审计测试有限公司',
        creditCode,
        industryCode: '3982',
      });
      expect(created.status).toBe(201);
      const id = (created.body as EnterpriseEntity).id;
      expect(
        (await admin('PATCH', `/api/enterprises/${id}`, { name: '审计测试（启东）有限公司', highTech: true }))
          .status,
      ).toBe(200);
      expect((await admin('POST', '/api/enterprises', { name: 'dup', creditCode })).status).toBe(409);

      expect((await admin('DELETE', `/api/enterprises/${id}`)).status).toBe(204);
      expect((await admin('GET', `/api/enterprises/${id}`)).status).toBe(404);
      expect(
        await env.records.getRepository(EnterpriseEntity).findOne({ where: { id }, withDeleted: true }),
      ).toMatchObject({
        name: '审计测试（启东）有限公司',
      });

      const audit = (await admin('GET', `/api/enterprises/${id}/audit`)).body as {
        items: AuditEntryEntity[];
      };
      expect(audit.items.map((a) => a.action)).toEqual(['delete', 'update', 'create']);
      expect(audit.items.every((a) => a.actor === 'admin')).toBe(true);
      expect(audit.items[1].changes).toEqual({
        name: { from: '审计测试有限公司', to: '审计测试（启东）有限公司' },
        highTech: { from: false, to: true },
      });
      expect((await admin('POST', `/api/enterprises/${id}/restore`)).status).toBe(200);
      expect((await admin('GET', `/api/enterprises/${id}`)).status).toBe(200);
    });

    it('pages, sorts and searches by name, credit code and industry', async () => {
      const page = (await officer('GET', '/api/enterprises?pageSize=5&page=2&sort=name&order=desc')).body as {
        items: EnterpriseEntity[];
        total: number;
      };
      expect(page.items).toHaveLength(5);
      expect(page.total).toBeGreaterThanOrEqual(40);
      const names = page.items.map((e) => e.name);
      expect([...names].sort((a, b) => b.localeCompare(a, 'en'))).toHaveLength(5);

      const byName = (await officer('GET', `/api/enterprises?q=${encodeURIComponent('示范')}`)).body as {
        items: EnterpriseEntity[];
      };
      expect(byName.items.map((e) => e.name).sort()).toEqual([
        '启东示范化工有限公司',
        '启东示范精密机械有限公司',
      ]);
      const byCode = (await officer('GET', '/api/enterprises?q=MA1PARK02')).body as {
        items: EnterpriseEntity[];
      };
      expect(byCode.items.map((e) => e.creditCode)).toEqual(['91320681MA1PARK022']);
      const byIndustry = (await officer('GET', '/api/enterprises?industry=39&pageSize=500')).body as {
        items: EnterpriseEntity[];
      };
      expect(byIndustry.items.length).toBeGreaterThan(0);
      expect(byIndustry.items.every((e) => e.industryCode!.startsWith('39'))).toBe(true);

      const pinyin = new Intl.Collator('zh-CN-u-co-pinyin');
      const all = (await officer('GET', '/api/enterprises?pageSize=500')).body as {
        items: EnterpriseEntity[];
        total: number;
      };
      expect(all.items).toHaveLength(all.total);
      const listed = all.items.map((e) => e.name);
      expect(listed).toEqual([...listed].sort((a, b) => pinyin.compare(a, b)));
      // The default order is pinyin, not code points, and a page is a slice of it.
      const second = (await officer('GET', '/api/enterprises?pageSize=5&page=2')).body as {
        items: EnterpriseEntity[];
      };
      expect(second.items.map((e) => e.name)).toEqual(listed.slice(5, 10));

      const badSort = await officer('GET', '/api/enterprises?sort=password');
      expect(badSort.status).toBe(400);
      expect(JSON.stringify(badSort.body)).toContain('sort must be one of');
    });

    it('keeps five years of indicators, and an events timeline', async () => {
      const list = (await officer('GET', `/api/enterprises?q=${encodeURIComponent('示范化工')}`)).body as {
        items: EnterpriseEntity[];
      };
      const id = list.items[0].id;
      const years = (
        (await officer('GET', `/api/enterprises/${id}/indicators`)).body as EnterpriseIndicatorEntity[]
      ).map((i) => i.year);
      expect(years).toEqual([2020, 2021, 2022, 2023, 2024]);
      const put = await admin('PUT', `/api/enterprises/${id}/indicators/2025`, { revenue: 52000, tax: 2100 });
      expect(put.status).toBe(200);
      expect((await admin('PUT', `/api/enterprises/${id}/indicators/2025`, { revenue: -1 })).status).toBe(
        400,
      );

      const event = await admin('POST', `/api/enterprises/${id}/events`, {
        type: 'equity-change',
        occurredOn: '2025-03-01',
        summary: '股东变更',
      });
      expect(event.status).toBe(201);
      const timeline = (await officer('GET', `/api/enterprises/${id}/events`)).body as { type: string }[];
      expect(timeline[0]).toMatchObject({ type: 'equity-change', summary: '股东变更' });
      expect(
        (
          await admin('POST', `/api/enterprises/${id}/events`, {
            type: 'rumour',
            occurredOn: '2025-03-01',
            summary: 'x',
          })
        ).status,
      ).toBe(400);
    });
  });

  describe('parcels', () => {
    it('serves the park map as GeoJSON and refuses an unclosed polygon, naming the problem', async () => {
      const map = (await officer('GET', '/api/parcels/map')).body as {
        type: string;
        features: { geometry: { type: string } }[];
      };
      expect(map.type).toBe('FeatureCollection');
      expect(map.features.length).toBeGreaterThanOrEqual(30);
      const bad = await admin('POST', '/api/parcels', {
        code: 'QD-T-1',
        name: '测试地块',
        areaMu: 12,
        landUse: '工业用地',
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [121.6, 31.8],
              [121.61, 31.8],
              [121.61, 31.81],
              [121.6, 31.81],
            ],
          ],
        },
      });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body)).toContain('geometry: coordinates[0] is not closed');
      const inefficient = (await officer('GET', '/api/parcels?inefficient=true&pageSize=100')).body as {
        items: { inefficient: boolean }[];
      };
      expect(inefficient.items.length).toBeGreaterThan(0);
      expect(inefficient.items.every((p) => p.inefficient)).toBe(true);
    });
  });

  describe('carriers and the admission list', () => {
    async function enterpriseWithIndustry(industryCode: string, n: string): Promise<string> {
      const res = await admin('POST', '/api/enterprises', {
        name: `准入测试${n}有限公司`,
        creditCode: valid(`91320681MA1ADM${n}`),
        industryCode,
      });
      expect(res.status).toBe(201);
      return (res.body as EnterpriseEntity).id;
    }

    it('shows the four carriers the plan names, with occupancy', async () => {
      const carriers = (await officer('GET', '/api/carriers')).body as {
        items: { name: string; occupancy: number; tenantCount: number }[];
      };
      expect(carriers.items.map((c) => c.name).sort()).toEqual(
        ['万洋众创城', '上海自贸区生物医药创新协作园', '启东配套浦东产业园', '外高桥（启东）产业园'].sort(),
      );
      expect(carriers.items.every((c) => c.occupancy > 0 && c.occupancy <= 100 && c.tenantCount > 0)).toBe(
        true,
      );
    });

    it('refuses a tenant from a prohibited industry with the reason, and needs an override note for a restricted one', async () => {
      const carrier = ((await admin('GET', '/api/carriers?q=ZT-WYZC')).body as { items: { id: string }[] })
        .items[0];
      const refinery = await enterpriseWithIndustry('2511', '001');
      const refused = await admin('POST', `/api/carriers/${carrier.id}/tenants`, {
        enterpriseId: refinery,
        areaM2: 500,
        startDate: '2025-01-01',
      });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'ADMISSION_PROHIBITED', industryCode: '2511' });
      expect((refused.body as { message: string }).message).toContain('原油加工及石油制品制造');

      const chemical = await enterpriseWithIndustry('2641', '002');
      const noNote = await admin('POST', `/api/carriers/${carrier.id}/tenants`, {
        enterpriseId: chemical,
        areaM2: 500,
        startDate: '2025-01-01',
      });
      expect(noNote.status).toBe(422);
      expect(noNote.body).toMatchObject({ code: 'ADMISSION_OVERRIDE_REQUIRED', rule: '26' });

      const note = '经准入评审会同意：水性涂料，无高危工艺';
      const admitted = await admin('POST', `/api/carriers/${carrier.id}/tenants`, {
        enterpriseId: chemical,
        areaM2: 500,
        startDate: '2025-01-01',
        overrideNote: note,
      });
      expect(admitted.status).toBe(201);
      expect(admitted.body).toMatchObject({
        admission: 'restricted',
        overrideNote: note,
        createdBy: 'admin',
      });
      const audit = await env.records
        .getRepository(AuditEntryEntity)
        .findOneByOrFail({ entityType: 'tenancy', enterpriseId: chemical });
      expect(audit.changes.overrideNote).toEqual({ from: null, to: note });

      const encouraged = await enterpriseWithIndustry('3982', '003');
      const ok = await admin('POST', `/api/carriers/${carrier.id}/tenants`, {
        enterpriseId: encouraged,
        areaM2: 300,
        startDate: '2025-02-01',
      });
      expect(ok.body).toMatchObject({ admission: 'encouraged', overrideNote: null });
    });
  });

  describe('devices', () => {
    it('returns the MQTT credentials once, stores only a hash, and announces changes on park_device_changed', async () => {
      const listener = new Client({ connectionString: env.databaseUrl });
      await listener.connect();
      const notified: string[] = [];
      listener.on('notification', (m) => notified.push(m.payload ?? ''));
      await listener.query('LISTEN park_device_changed');
      try {
        const enterprise = (
          (await admin('GET', '/api/enterprises?q=MA1PARK02')).body as { items: EnterpriseEntity[] }
        ).items[0];
        const bad = await admin('POST', '/api/devices', {
          id: 'rec-cems-01',
          enterpriseId: enterprise.id,
          name: 'CEMS',
          kind: 'stack-gas',
          permitLimits: { lel: 5 },
        });
        expect(bad.status).toBe(400);
        expect((bad.body as { message: string }).message).toContain('permitLimits.lel');

        const res = await admin('POST', '/api/devices', {
          id: 'rec-cems-01',
          enterpriseId: enterprise.id,
          name: '2# 锅炉 CEMS',
          kind: 'stack-gas',
          line: 'machining-1',
          expectedIntervalS: 60,
          permitLimits: { so2: 50, nox: 150 },
          permitO2Reference: 3.5,
        });
        expect(res.status).toBe(201);
        expect((res.body as { device: unknown }).device).toMatchObject({
          permitO2Reference: 3.5,
          normalKw: null,
        });
        const { credentials, device } = res.body as {
          credentials: { username: string; password: string };
          device: Record<string, unknown>;
        };
        expect(credentials.username).toBe('rec-cems-01');
        expect(device).not.toHaveProperty('credentialHash');
        const row = await env.records.getRepository(DeviceEntity).findOneByOrFail({ id: 'rec-cems-01' });
        expect(row.credentialHash).not.toContain(credentials.password);
        await expect(verifyDeviceSecret(credentials.password, row.credentialHash!)).resolves.toBe(true);
        expect(JSON.stringify((await admin('GET', '/api/devices/rec-cems-01')).body)).not.toContain(
          credentials.password,
        );

        expect((await admin('POST', '/api/devices/rec-cems-01/disable')).body).toMatchObject({
          enabled: false,
        });
        await waitFor(
          'the disable notification',
          () => notified.filter((id) => id === 'rec-cems-01').length >= 2,
        );

        // What the rules read from a device is refused where it does not belong, naming the field.
        const o2OnWastewater = await admin('POST', '/api/devices', {
          id: 'rec-ww-01',
          enterpriseId: enterprise.id,
          name: '废水排口',
          kind: 'wastewater',
          permitO2Reference: 3.5,
        });
        expect(o2OnWastewater.status).toBe(400);
        expect((o2OnWastewater.body as { message: string }).message).toContain('permitO2Reference');
        const generalWithLoad = await admin('POST', '/api/devices', {
          id: 'rec-meter-g1',
          enterpriseId: enterprise.id,
          name: '综合楼总表',
          kind: 'power-meter',
          role: 'general',
          normalKw: 60,
        });
        expect(generalWithLoad.status).toBe(400);
        expect((generalWithLoad.body as { message: string }).message).toContain('normalKw');
        const meter = await admin('POST', '/api/devices', {
          id: 'rec-meter-p1',
          enterpriseId: enterprise.id,
          name: '机加工线生产总表',
          kind: 'power-meter',
          role: 'production',
          line: 'machining-1',
          normalKw: 420,
        });
        expect(meter.status).toBe(201);
        expect((await admin('PATCH', '/api/devices/rec-meter-p1', { normalKw: 380 })).body).toMatchObject({
          normalKw: 380,
        });
        expect((await admin('PATCH', '/api/devices/rec-meter-p1', { normalKw: -1 })).status).toBe(400);

        const audit = await env.records
          .getRepository(AuditEntryEntity)
          .findBy({ entityType: 'device', entityId: 'rec-cems-01' });
        expect(audit.map((a) => a.action).sort()).toEqual(['create', 'update']);
        expect(JSON.stringify(audit)).not.toContain(credentials.password);
      } finally {
        await listener.end();
      }
    });

    it('keeps a tank or reactor instrument’s process set points, checked as its process-limit rule will judge them', async () => {
      const enterprise = (
        (await admin('GET', '/api/enterprises?q=MA1PARK02')).body as { items: EnterpriseEntity[] }
      ).items[0];
      const base = { enterpriseId: enterprise.id, name: '反应釜 R-301 压力', kind: 'pressure' };
      const inverted = await admin('POST', '/api/devices', {
        ...base,
        id: 'rec-press-01',
        processLimits: { pressure: { high: 300, highHigh: 290 } },
      });
      expect(inverted.status).toBe(400);
      expect((inverted.body as { message: string }).message).toContain(
        'processLimits.pressure: process-limit: highHigh must be above high',
      );
      const wrongMetric = await admin('POST', '/api/devices', {
        ...base,
        id: 'rec-press-01',
        processLimits: { temp: { high: 95 } },
      });
      expect((wrongMetric.body as { message: string }).message).toContain('temp is not a metric of pressure');
      const onAMeter = await admin('POST', '/api/devices', {
        ...base,
        id: 'rec-press-01',
        kind: 'combustible-gas',
        processLimits: { lel: { high: 20 } },
      });
      expect((onAMeter.body as { message: string }).message).toContain('process set points');

      const created = await admin('POST', '/api/devices', {
        ...base,
        id: 'rec-press-01',
        processLimits: { pressure: { high: 300, highHigh: 350, hysteresis: 10, delayMs: 10_000 } },
      });
      expect(created.status).toBe(201);
      const patched = await admin('PATCH', '/api/devices/rec-press-01', {
        processLimits: { pressure: { high: 310, highHigh: 360, low: 120 } },
      });
      expect(patched.body).toMatchObject({
        processLimits: { pressure: { high: 310, highHigh: 360, low: 120 } },
      });
      const row = await env.records.getRepository(DeviceEntity).findOneByOrFail({ id: 'rec-press-01' });
      expect(row.processLimits).toEqual({ pressure: { high: 310, highHigh: 360, low: 120 } });
    });
  });

  describe('users', () => {
    it('binds an energy manager to exactly one enterprise and hashes the password with scrypt', async () => {
      const unbound = await admin('POST', '/api/users', {
        username: 'em.x',
        displayName: 'x',
        role: 'energy-manager',
        password: 'long-enough-pass',
      });
      expect(unbound.status).toBe(400);
      expect((unbound.body as { message: string }).message).toContain('enterpriseId');
      const enterprise = (
        (await admin('GET', '/api/enterprises?q=MA1PARK02')).body as { items: EnterpriseEntity[] }
      ).items[0];
      const created = await admin('POST', '/api/users', {
        username: 'em.mech',
        displayName: '机械能源管理员',
        role: 'energy-manager',
        enterpriseId: enterprise.id,
        password: 'long-enough-pass',
      });
      expect(created.status).toBe(201);
      expect(created.body).not.toHaveProperty('passwordHash');
      const token = await login(url, 'em.mech', 'long-enough-pass');
      expect((await caller(url, token)('GET', '/api/users/me')).body).toMatchObject({
        enterpriseId: enterprise.id,
      });
      expect((await caller(url, token)('GET', '/api/users')).status).toBe(403);
    });

    it('slows failed logins without locking the real user out (docs/security-auth.md)', async () => {
      const anonymous = caller(url);
      for (let i = 0; i < 5; i++)
        expect(
          (await anonymous('POST', '/api/auth/login', { username: 'operator', password: 'wrong' })).status,
        ).toBe(401);
      // Five recent failures: the next attempt waits 2 s before its password is checked — and then gets in.
      const started = Date.now();
      expect(
        (await anonymous('POST', '/api/auth/login', { username: 'operator', password: PASSWORD })).status,
      ).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    });
  });

  describe('import and export', () => {
    const header = '统一社会信用代码,企业名称,行业代码,规上企业,一主两优\n';
    const good1 = `${valid('91320681MA1QMP001')},启东导入一号有限公司,3982,是,是\n`;
    const good2 = `${valid('91320681MA1QMP002')},"启东导入二号, 有限公司",2929,否,否\n`;
    const badCheck = `91320681MA1QMP0030,启东导入三号有限公司,3499,是,否\n`;
    const badBool = `${valid('91320681MA1QMP004')},启东导入四号有限公司,3499,也许,否\n`;
    const file = (text: string, name = 'enterprises.csv') => {
      const form = new FormData();
      form.append('file', new Blob([text], { type: 'text/csv' }), name);
      return form;
    };
    const count = () => env.records.getRepository(EnterpriseEntity).count();

    it('reports every bad row by line and column and imports nothing', async () => {
      const before = await count();
      const res = await admin(
        'POST',
        '/api/imports/enterprises',
        file(header + good1 + badCheck + good2 + badBool),
      );
      expect(res.status).toBe(422);
      const report = (res.body as { report: { errors: { line: number; column: string; reason: string }[] } })
        .report;
      const checkReason: unknown = expect.stringContaining('校验码错误');
      expect(report.errors).toEqual([
        { line: 3, column: '统一社会信用代码', reason: checkReason },
        { line: 5, column: '规上企业', reason: '"也许" is not 是/否' },
      ]);
      expect(await count()).toBe(before);
    });

    it('imports the valid rows when asked, and re-importing the same file changes nothing', async () => {
      const before = await count();
      const text = header + good1 + badCheck + good2;
      const first = await admin('POST', '/api/imports/enterprises?importValidRows=true', file(text));
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ created: 2, updated: 0, unchanged: 0, skipped: 1 });
      expect(await count()).toBe(before + 2);
      const auditBefore = await env.records.getRepository(AuditEntryEntity).count();
      const again = await admin('POST', '/api/imports/enterprises?importValidRows=true', file(text));
      expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2, skipped: 1 });
      expect(await env.records.getRepository(AuditEntryEntity).count()).toBe(auditBefore);
    });

    it('dry-runs a file: reports the bad rows and counts the good ones, importing nothing', async () => {
      const before = await count();
      const text = header + good1 + badCheck + good2;
      const dry = await admin('POST', '/api/imports/enterprises?dryRun=true', file(text));
      expect(dry.status).toBe(201);
      expect(dry.body).toMatchObject({ rows: 3, skipped: 1 });
      const report = dry.body as { created: number; updated: number; unchanged: number; errors: unknown[] };
      expect(report.created + report.updated + report.unchanged).toBe(2);
      expect(report.errors.length).toBeGreaterThan(0);
      expect(await count()).toBe(before);
    });

    it('refuses a file without a required column, naming it', async () => {
      const res = await admin(
        'POST',
        '/api/imports/indicators',
        file('统一社会信用代码,营业收入（万元）\n91320681MA1PARK01Y,1\n'),
      );
      expect(res.status).toBe(422);
      expect((res.body as { report: { errors: unknown[] } }).report.errors).toEqual([
        { line: 1, column: '年度', reason: 'required column is missing' },
      ]);
    });

    it('refuses a CSV whose quoted cell is never closed, naming the line its row starts on', async () => {
      const before = await count();
      const res = await admin(
        'POST',
        '/api/imports/enterprises',
        file(`${header + good1}\r\n"启东导入五号,3982,是,否\n`),
      );
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain(
        'file: not a readable CSV or XLSX (line 4: a quoted cell is never closed',
      );
      expect(await count()).toBe(before);
    });

    it("imports a bureau's list of certificates by Chinese type and level names, refusing what the rules refuse, idempotently", async () => {
      const chem = (await admin('GET', '/api/enterprises?q=MA1PARK02')).body as { items: EnterpriseEntity[] };
      const code = chem.items[0].creditCode;
      const head = '统一社会信用代码,资质类型,级别,证书编号,发证日期,有效期至,备注\n';
      const rows = [
        `${code},高企,,GR2026320IMP01,2026-11-28,2029-11-27,第一批\n`,
        `${code},专精特新中小企业,省级,ZJTX-IMP-2026-07,2026/7/1,2029/6/30,\n`,
        `${code},小巨人,省级,XJR-IMP-01,2026-07-01,2029-06-30,\n`, // 小巨人 are national only
        `${valid('91320681MA1QXX999')},科小,省级,KX-IMP-01,2026-03-01,2026-12-31,\n`, // no such enterprise
        `${code},独角兽,,DJS-01,2026-03-01,,\n`, // no such type
      ].join('');
      const refused = await admin('POST', '/api/imports/qualifications', file(head + rows, 'q.csv'));
      expect(refused.status).toBe(422);
      const errors = (
        refused.body as { report: { errors: { line: number; column: string; reason: string }[] } }
      ).report.errors;
      expect(errors.map((e) => [e.line, e.column])).toEqual([
        [4, '级别'],
        [5, '统一社会信用代码'],
        [6, '资质类型'],
      ]);
      expect(errors[0].reason).toContain('级别应为国家级');
      expect(errors[2].reason).toContain('高新技术企业');

      const first = await admin(
        'POST',
        '/api/imports/qualifications?importValidRows=true',
        file(head + rows, 'q.csv'),
      );
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ created: 2, updated: 0, skipped: 3 });
      const listed = (await admin('GET', `/api/enterprises/${chem.items[0].id}/qualifications`)).body as {
        type: string;
        level: string | null;
        certificateNo: string;
        issuedOn: string;
        expiresOn: string | null;
        note: string | null;
      }[];
      expect(listed.find((q) => q.certificateNo === 'GR2026320IMP01')).toMatchObject({
        type: 'high-tech-enterprise',
        level: 'national', // the one level the type has
        issuedOn: '2026-11-28',
        expiresOn: '2029-11-27',
        note: '第一批',
      });
      expect(listed.find((q) => q.certificateNo === 'ZJTX-IMP-2026-07')).toMatchObject({
        type: 'specialized-sme',
        level: 'provincial',
        issuedOn: '2026-07-01',
      });
      const again = await admin(
        'POST',
        '/api/imports/qualifications?importValidRows=true',
        file(head + rows, 'q.csv'),
      );
      expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

      // The export writes the Chinese names, and reads back unchanged.
      const exported = await fetch(`${url}/api/exports/qualifications?format=csv`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      const csv = await exported.text();
      expect(csv).toContain(`${code},高新技术企业,国家级,GR2026320IMP01,2026-11-28,2029-11-27,第一批`);

      // Leave the demo park's libraries as the analytics tests below expect them.
      for (const q of listed as unknown as { id: string; certificateNo: string }[])
        if (['GR2026320IMP01', 'ZJTX-IMP-2026-07'].includes(q.certificateNo))
          expect(
            (await admin('DELETE', `/api/enterprises/${chem.items[0].id}/qualifications/${q.id}`)).status,
          ).toBe(204);
    });

    it.each(['enterprises', 'indicators', 'parcels', 'carriers', 'qualifications'])(
      'exports %s as XLSX with Chinese headers, and the export imports back unchanged',
      async (kind) => {
        const res = await fetch(`${url}/api/exports/${kind}?format=xlsx`, {
          headers: { authorization: `Bearer ${adminToken}` },
        });
        expect(res.status).toBe(200);
        const buffer = Buffer.from(await res.arrayBuffer());
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(buffer as unknown as ArrayBuffer);
        expect(book.worksheets[0].getRow(1).getCell(1).text).toMatch(/[\u4e00-\u9fa5]/);
        const form = new FormData();
        form.append('file', new Blob([buffer]), `${kind}.xlsx`);
        const back = await admin('POST', `/api/imports/${kind}`, form);
        expect(back.status).toBe(201);
        expect(back.body).toMatchObject({ created: 0, updated: 0, errors: [] });
      },
    );
  });

  describe("the plan's analytics", () => {
    it('grades every enterprise with land A/B/C/D by 亩均效益', async () => {
      const rows = (await officer('GET', '/api/analytics/evaluation/enterprises?year=2024')).body as {
        grade: string | null;
        score: number | null;
        rank: number | null;
      }[];
      const graded = rows.filter((r) => r.grade !== null);
      expect(graded.length).toBeGreaterThanOrEqual(30);
      expect(new Set(graded.map((r) => r.grade))).toEqual(new Set(['A', 'B', 'C', 'D']));
      const a = graded.filter((r) => r.grade === 'A').map((r) => r.score!);
      const d = graded.filter((r) => r.grade === 'D').map((r) => r.score!);
      expect(Math.min(...a)).toBeGreaterThan(Math.max(...d));
    });

    it('filters the enterprise list by 亩均 grade of a year, by library and by carrier, and refuses an unknown grade', async () => {
      const rows = (await officer('GET', '/api/analytics/evaluation/enterprises?year=2024')).body as {
        id: string;
        grade: string | null;
      }[];
      const gradeB = rows.filter((r) => r.grade === 'B').map((r) => r.id);
      expect(gradeB.length).toBeGreaterThan(0);
      const listed = (await officer('GET', '/api/enterprises?grade=B&gradeYear=2024&pageSize=500')).body as {
        items: EnterpriseEntity[];
        total: number;
      };
      expect(listed.items.map((e) => e.id).sort()).toEqual([...gradeB].sort());
      expect(listed.total).toBe(gradeB.length);
      const combined = (
        await officer('GET', '/api/enterprises?grade=B&gradeYear=2024&industry=26&pageSize=500')
      ).body as { items: EnterpriseEntity[] };
      expect(combined.items.every((e) => gradeB.includes(e.id) && e.industryCode!.startsWith('26'))).toBe(
        true,
      );

      const highTech = (await officer('GET', '/api/enterprises?library=high-tech&pageSize=500')).body as {
        items: (EnterpriseEntity & { cultivation: string[] })[];
      };
      expect(highTech.items.length).toBeGreaterThan(0);
      expect(highTech.items.every((e) => e.highTech || e.cultivation.includes('high-tech'))).toBe(true);

      const carriers = (await officer('GET', '/api/carriers?pageSize=500')).body as {
        items: { id: string }[];
      };
      const inCarrier = (
        await officer('GET', `/api/enterprises?carrierId=${carriers.items[0].id}&pageSize=500`)
      ).body as { items: EnterpriseEntity[] };
      expect(inCarrier.items.every((e) => e.carrierId === carriers.items[0].id)).toBe(true);

      const badGrade = await officer('GET', '/api/enterprises?grade=E');
      expect(badGrade.status).toBe(400);
      expect(JSON.stringify(badGrade.body)).toContain('grade: one of A, B, C, D');
      const badYear = await officer('GET', '/api/enterprises?grade=A&gradeYear=25');
      expect(badYear.status).toBe(400);
      expect(JSON.stringify(badYear.body)).toContain('gradeYear: a year such as 2025');
    });

    it("computes progress against the 2025 targets per year, and lets an admin set a year's target", async () => {
      const progress = (await officer('GET', '/api/analytics/progress?from=2023&to=2024')).body as {
        year: number;
        indicators: { indicator: string; value: number; target: number | null }[];
      }[];
      expect(progress.map((p) => p.year)).toEqual([2023, 2024]);
      expect(progress[1].indicators).toHaveLength(9);
      expect(progress[1].indicators.find((i) => i.indicator === 'above-scale-enterprises')).toMatchObject({
        target: 300,
      });
      expect(progress[1].indicators.find((i) => i.indicator === 'carrier-occupancy')!.value).toBeGreaterThan(
        0,
      );

      expect(
        (
          await admin('PUT', '/api/analytics/targets/above-scale-enterprises/2024', {
            target: 40,
            comparator: 'gte',
          })
        ).status,
      ).toBe(200);
      const again = (await officer('GET', '/api/analytics/progress?from=2024&to=2024'))
        .body as typeof progress;
      expect(again[0].indicators.find((i) => i.indicator === 'above-scale-enterprises')).toMatchObject({
        target: 40,
      });
      expect(
        (await officer('PUT', '/api/analytics/targets/above-scale-enterprises/2024', { target: 1 })).status,
      ).toBe(403);
      expect((await admin('PUT', '/api/analytics/targets/happiness/2024', { target: 1 })).status).toBe(400);
    });

    it('lists the four cultivation libraries with progress, and carriers with occupancy and performance', async () => {
      const libs = (await officer('GET', '/api/analytics/cultivation?year=2024')).body as Record<
        string,
        { achieved: boolean; progress: number | null }[]
      >;
      expect(Object.keys(libs).sort()).toEqual(['above-scale', 'high-tech', 'listed', 'revenue-100m']);
      expect(libs['above-scale'].some((e) => !e.achieved && e.progress !== null && e.progress < 100)).toBe(
        true,
      );
      const carriers = (await officer('GET', '/api/analytics/evaluation/carriers?year=2024')).body as {
        name: string;
        occupancy: number;
        landMu: number;
        evaluation: { grade: string | null } | null;
      }[];
      expect(carriers).toHaveLength(4);
      expect(carriers.every((c) => c.landMu > 0 && c.occupancy > 0 && c.evaluation?.grade)).toBe(true);
    });

    it("scores carriers against the enterprises' benchmarks and grades them by the enterprises' grade floors", async () => {
      type Row = {
        landMu: number;
        values: Record<'taxPerMu' | 'salesPerMu' | 'outputPerEnergy', number | null>;
        score: number | null;
        grade: string | null;
      };
      // The benchmarks: 2 × the mean of 2023's evaluated enterprises (the year before, as the scheme says).
      const prior = (
        (await officer('GET', '/api/analytics/evaluation/enterprises?year=2023')).body as Row[]
      ).filter((r) => r.landMu > 0 && r.values.taxPerMu !== null && r.values.salesPerMu !== null);
      expect(prior.length).toBeGreaterThanOrEqual(3);
      const benchmark = (k: keyof Row['values']) => {
        const vs = prior.map((r) => r.values[k]).filter((v): v is number => v !== null);
        return (2 * vs.reduce((a, v) => a + v, 0)) / vs.length;
      };
      const enterprises = (await officer('GET', '/api/analytics/evaluation/enterprises?year=2024'))
        .body as Row[];
      const floor = (g: string) => Math.min(...enterprises.filter((r) => r.grade === g).map((r) => r.score!));
      const carriers = (
        (await officer('GET', '/api/analytics/evaluation/carriers?year=2024')).body as { evaluation: Row }[]
      ).map((c) => c.evaluation);
      for (const c of carriers) {
        const expected =
          (c.values.taxPerMu! / benchmark('taxPerMu')) * 45 +
          (c.values.salesPerMu! / benchmark('salesPerMu')) * 35 +
          (c.values.outputPerEnergy! / benchmark('outputPerEnergy')) * 20;
        expect(c.score).toBeCloseTo(expected, 2);
        const grade =
          c.score! >= floor('A') ? 'A' : c.score! >= floor('B') ? 'B' : c.score! >= floor('C') ? 'C' : 'D';
        expect(c.grade).toBe(grade);
      }
      // Ranked among themselves the four could never be A and the last always D; against the park they need not be.
      expect(carriers.map((c) => c.grade)).not.toEqual(['B', 'B', 'C', 'D']);
    });

    it('holds each 高新技术 candidate to the R&D band its revenue falls in, not one flat 3 %', async () => {
      const libs = (await officer('GET', '/api/analytics/cultivation?year=2024')).body as Record<
        string,
        {
          enterpriseId: string;
          achieved: boolean;
          value: number | null;
          threshold: number | null;
          progress: number | null;
        }[]
      >;
      const highTech = libs['high-tech'];
      for (const e of highTech) {
        const years = (await officer('GET', `/api/enterprises/${e.enterpriseId}/indicators`)).body as {
          year: number;
          revenue: number | null;
          rdExpense: number | null;
        }[];
        const reported = years.find((y) => y.year === 2024);
        if (reported?.revenue == null || reported.rdExpense == null) {
          expect(e).toMatchObject({ value: null, progress: null });
          continue;
        }
        const { revenue: r, rdExpense: rd } = reported;
        expect([e.enterpriseId, e.threshold]).toEqual([e.enterpriseId, r <= 5000 ? 5 : r <= 20000 ? 4 : 3]);
        expect(e.progress).toBe(Math.round(((rd / r) * 100 * 1000) / e.threshold!) / 10);
      }
      const cultivating = highTech.filter((e) => !e.achieved);
      // the demo park: all 16 candidates reach a flat 3 %, 6 of them fall short of their own band
      expect(cultivating.filter((e) => e.value !== null && e.value >= 3)).toHaveLength(16);
      expect(cultivating.filter((e) => e.progress !== null && e.progress < 100)).toHaveLength(6);
    });

    it('leaves what nobody reported for a year null — not 0 patents, 0 sales or a 0 % share', async () => {
      const [y2025] = (await officer('GET', '/api/analytics/progress?from=2025&to=2025')).body as {
        indicators: {
          indicator: string;
          value: number | null;
          progress: number | null;
          met: boolean | null;
        }[];
      }[];
      const of = (indicator: string) => y2025.indicators.find((i) => i.indicator === indicator)!;
      // (an earlier test reported one firm's 2025 revenue and tax, nothing else)
      for (const indicator of ['high-tech-output-share', 'above-scale-taxable-sales', 'invention-patents'])
        expect(of(indicator)).toMatchObject({ value: null, progress: null, met: null });
      // the cumulative investment carries 2023 and 2024; the flags and the carriers do not depend on the year
      expect(of('high-tech-investment').value).toBeGreaterThan(0);
      expect(of('carrier-occupancy').value).toBeGreaterThan(0);
    });
  });

  it('documents every REST route in the OpenAPI document at /api/docs', async () => {
    const doc = (await admin('GET', '/api/docs-json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    const { METHOD_METADATA, PATH_METADATA } = await import('@nestjs/common/constants');
    const { RequestMethod } = await import('@nestjs/common');
    const missing: string[] = [];
    for (const controller of API_CONTROLLERS) {
      const base = String(Reflect.getMetadata(PATH_METADATA, controller));
      const proto = controller.prototype as unknown as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(proto)) {
        const handler = proto[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const route = `/${base}/${path}`
          .replace(/\/+$/, '')
          .replace(/\/\//g, '/')
          .replace(/:(\w+)/g, '{$1}');
        if (!documented.has(`${method} ${route || '/'}`)) missing.push(`${method} ${route}`);
      }
    }
    expect(missing).toEqual([]);
    expect((await fetch(`${url}/api/docs`)).status).toBe(200);
  });
});

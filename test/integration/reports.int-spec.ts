/**
 * Reports on the real PostgreSQL and InfluxDB (docs/reports.md): known readings of the demo CEMS and a power meter on
 * one day of last month, rolled up by the hourly continuous query's own statement, then POST /api/reports for the
 * 排放日报, 排放月报 and 能耗月报. Every number is checked exactly in the XLSX read back with exceljs — valid hours,
 * capture rates, O₂-corrected means, exceedances, HJ 212 flags, kWh (equal to GET /api/energy/summary's) — the PDF
 * is a PDF whose text (pdftotext) has the Chinese title and the pollutants; energy managers reach only their own
 * enterprise's energy reports; two schedule runs at once generate each report once.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type { ReportView, TelemetryRecord } from '@park/contracts';
import { EnterpriseEntity, seedDemoPark } from '@park/records';
import { HOUR_MS, parsePeriod, previousMonth, type ReportPeriod } from '@park/reports';
import { ReportsService } from '../../apps/api/src/reports/reports.service';
import { caller, login, startRecordsApi, type Caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';

const PASSWORD = 'reports-test-password';
const MINUTE = 60_000;
const QUARTER = 15 * 60_000;

describe('reports (排放日报/月报, 能耗月报) on the real PostgreSQL and InfluxDB', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let url: string;
  let admin: Caller;
  let manager: Caller;
  let adminToken: string;
  let chem: EnterpriseEntity;
  let mech: EnterpriseEntity;
  let month: ReportPeriod;
  /** The 10th of last month, the day that has readings. */
  let day: ReportPeriod;

  const download = async (id: string, format: 'xlsx' | 'pdf', token = adminToken) => {
    const res = await fetch(`${url}/api/reports/${id}/file.${format}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      bytes: Buffer.from(await res.arrayBuffer()),
    };
  };
  const sheetRows = async (bytes: Buffer, name: string) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet(name);
    if (!sheet) throw new Error(`no sheet ${name}: ${book.worksheets.map((s) => s.name).join(', ')}`);
    const rows: unknown[][] = [];
    // Empty cells (a missing mean) read back as holes: null, as the report wrote them.
    sheet.eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? null)));
    return rows;
  };
  const generate = async (call: Caller, body: { kind: string; period: string; scope: string }) =>
    call('POST', '/api/reports', body);

  beforeAll(async () => {
    env = await createTestEnvironment('reports');
    await seedDemoPark(env.records, PASSWORD);
    await env.influx.ensureSchema();
    ({ app, url } = await startRecordsApi(env, { REPORTS_SCHEDULE: 'false' }));
    adminToken = await login(url, 'admin', PASSWORD);
    admin = caller(url, adminToken);
    manager = caller(url, await login(url, 'manager', PASSWORD));
    const enterprises = env.records.getRepository(EnterpriseEntity);
    chem = await enterprises.findOneByOrFail({ name: '启东示范化工有限公司' });
    mech = await enterprises.findOneByOrFail({ name: '启东示范精密机械有限公司' });

    month = previousMonth(Date.now());
    day = parsePeriod(`${month.label}-10`) as ReportPeriod;

    // demo-cems-001 (permit: SO₂ 50, NOx 150, PM 20 mg/m³ at 3.5 % O₂), every 10 minutes on the 10th:
    // SO₂ 40 in hours 0–19, 60 in hours 20–21, a fault-flagged 45 (D) in hour 22, nothing in hour 23;
    // NOx 80 and O₂ 3.5 % (so the correction factor is exactly 1) all day; no PM at all.
    const records: TelemetryRecord[] = [];
    for (let ts = day.from; ts < day.to; ts += MINUTE) {
      const hour = Math.floor((ts - day.from) / HOUR_MS);
      const minute = Math.floor((ts - day.from - hour * HOUR_MS) / MINUTE);
      const values: Record<string, number> = { nox: 80, o2: 3.5 };
      // Hour 19 has SO₂ for its first 30 minutes only: fewer than HJ 75-2017's 45, so not a valid hour.
      if (hour < 19 || (hour === 19 && minute < 30)) values.so2 = 40;
      else if (hour === 20 || hour === 21) values.so2 = 60;
      else if (hour === 22) values.so2 = 45;
      records.push({
        v: 1,
        deviceId: 'demo-cems-001',
        enterpriseId: chem.id,
        kind: 'stack-gas',
        role: null,
        line: 'synthesis-1',
        ts,
        values,
        ...(hour === 22 ? { flags: { so2: 'D' as const } } : {}),
        receivedAt: ts,
      });
    }
    // demo-meter-003: its kWh counter rises 2.5 every 15 minutes (10 kW) from one quarter before the day to its end.
    let kwh = 1_000;
    for (let ts = day.from - QUARTER; ts < day.to; ts += QUARTER) {
      kwh += 2.5;
      records.push({
        v: 1,
        deviceId: 'demo-meter-003',
        enterpriseId: chem.id,
        kind: 'power-meter',
        role: 'general',
        line: null,
        ts,
        values: { kw: 10, kwh },
        receivedAt: ts,
      });
    }
    expect((await env.influx.write(records)).rejected).toEqual([]);
    await env.influx.rollUp({ from: day.from, to: day.to });
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  it('排放日报: valid hours, capture rate, corrected means, exceedances and flags of each pollutant', async () => {
    const res = await generate(admin, { kind: 'emission', period: day.label, scope: 'demo-cems-001' });
    expect(res.status).toBe(201);
    const report = res.body as ReportView;
    expect(report).toMatchObject({
      kind: 'emission',
      status: 'ready',
      generatedBy: 'admin',
      enterpriseId: chem.id,
    });
    expect(report.title).toBe(
      `导热油炉烟囱 CEMS 排放日报 ${Number(day.label.slice(0, 4))}年${Number(day.label.slice(5, 7))}月10日`,
    );

    const xlsx = await download(report.id, 'xlsx');
    expect(xlsx.status).toBe(200);
    const summary = await sheetRows(xlsx.bytes, '监测项目统计');
    expect(summary[0][0]).toBe('监测项目');
    expect(summary.slice(1)).toEqual([
      // 21 valid hours of 24 (hour 19 had 30 minutes of data, hour 22 was flagged, hour 23 silent);
      // (19 × 40 + 2 × 60) / 21 = 41.90; hours 20 and 21 over 50; 60 values flagged D.
      ['二氧化硫(折算)', 'mg/m³', '50', 24, 21, 87.5, 41.9, 60, `${day.label} 20:00`, 2, 0, 'D 60'],
      ['氮氧化物(折算)', 'mg/m³', '150', 24, 24, 100, 80, 80, `${day.label} 00:00`, 0, 0, '无'],
      ['颗粒物(折算)', 'mg/m³', '20', 24, 0, 0, null, null, '—', 0, 0, '无'],
      ['含氧量', '%', '—', 24, 24, 100, 3.5, 3.5, `${day.label} 00:00`, 0, 0, '无'],
    ]);
    const hours = await sheetRows(xlsx.bytes, '小时均值');
    expect(hours).toHaveLength(25);
    expect(hours[20]).toEqual(['19:00–20:00', null, 80, null, 3.5, '—']);
    expect(hours[21]).toEqual(['20:00–21:00', 60, 80, null, 3.5, '二氧化硫(折算)']);
    expect(hours[23]).toEqual(['22:00–23:00', null, 80, null, 3.5, '—']);

    const pdf = await download(report.id, 'pdf');
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'report-pdf-'));
    writeFileSync(join(dir, 'r.pdf'), pdf.bytes);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('导热油炉烟囱 CEMS 排放日报');
    expect(text).toContain('二氧化硫(折算)');
    expect(text).toContain('有效数据捕集率');
  });

  it('排放月报: the month’s hours are the denominator; the day table has the 10th', async () => {
    const res = await generate(admin, { kind: 'emission', period: month.label, scope: 'demo-cems-001' });
    expect(res.status).toBe(201);
    const report = res.body as ReportView;
    expect(report.status).toBe('ready');
    const hoursInMonth = (month.to - month.from) / HOUR_MS;
    const xlsx = await download(report.id, 'xlsx');
    const summary = await sheetRows(xlsx.bytes, '监测项目统计');
    expect(summary[1].slice(0, 8)).toEqual([
      '二氧化硫(折算)',
      'mg/m³',
      '50',
      hoursInMonth,
      21,
      Math.round((21 / hoursInMonth) * 1000) / 10,
      41.9,
      60,
    ]);
    expect(summary[1][11]).toBe('月报不统计');
    const days = await sheetRows(xlsx.bytes, '日均值');
    expect(days).toHaveLength(1 + hoursInMonth / 24);
    expect(days[10]).toEqual([`${month.label}-10`, 41.9, 80, null, 3.5, '—']);
    expect(days[1]).toEqual([`${month.label}-01`, null, null, null, null, '—']);
  });

  it('能耗月报: the kWh of GET /api/energy/summary, per day and per meter', async () => {
    const res = await generate(admin, { kind: 'energy', period: month.label, scope: chem.id });
    expect(res.status).toBe(201);
    const report = res.body as ReportView;
    expect(report.status).toBe('ready');
    const summary = await admin(
      'GET',
      `/api/energy/summary?enterpriseId=${chem.id}&from=${month.from}&to=${month.to}`,
    );
    expect((summary.body as { totalKwh: number }).totalKwh).toBe(240);
    const xlsx = await download(report.id, 'xlsx');
    const overview = await sheetRows(xlsx.bytes, '概况');
    expect(overview).toContainEqual(['总用电量', '240.0 kWh']);
    const daily = await sheetRows(xlsx.bytes, '逐日用电');
    expect(daily.find((row) => row[0] === `${month.label}-10`)?.[1]).toBe(240);
    const meters = await sheetRows(xlsx.bytes, '分表用电');
    expect(meters.find((row) => row[0] === '综合楼总表')?.slice(2, 3)).toEqual([240]);

    const park = await generate(admin, { kind: 'energy', period: month.label, scope: 'park' });
    expect(park.status).toBe(201);
    const ranking = await sheetRows(
      (await download((park.body as ReportView).id, 'xlsx')).bytes,
      '企业用电排名',
    );
    expect(ranking.find((row) => row[1] === '启东示范化工有限公司')?.slice(2, 4)).toEqual([240, 100]);
  });

  it('an energy manager generates and reads only their own enterprise’s energy report', async () => {
    expect((await generate(manager, { kind: 'energy', period: month.label, scope: chem.id })).status).toBe(
      201,
    );
    expect((await generate(manager, { kind: 'energy', period: month.label, scope: mech.id })).status).toBe(
      404,
    );
    expect((await generate(manager, { kind: 'energy', period: month.label, scope: 'park' })).status).toBe(
      404,
    );
    expect(
      (await generate(manager, { kind: 'emission', period: month.label, scope: 'demo-cems-001' })).status,
    ).toBe(404);
    const listed = (await manager('GET', '/api/reports')).body as ReportView[];
    expect(listed.map((r) => [r.kind, r.scope])).toEqual([['energy', chem.id]]);
    expect(listed[0].generatedBy).toBe('manager');
    const all = (await admin('GET', '/api/reports')).body as ReportView[];
    const emission = all.find((r) => r.kind === 'emission') as ReportView;
    const managerToken = await login(url, 'manager', PASSWORD);
    expect((await download(emission.id, 'pdf', managerToken)).status).toBe(404);
  });

  it('refuses a period that has not started, a day for an energy report and a device that is no outlet', async () => {
    expect(
      (await generate(admin, { kind: 'emission', period: '2999-01', scope: 'demo-cems-001' })).status,
    ).toBe(400);
    expect((await generate(admin, { kind: 'energy', period: day.label, scope: chem.id })).status).toBe(400);
    expect(
      (await generate(admin, { kind: 'emission', period: month.label, scope: 'demo-meter-003' })).status,
    ).toBe(400);
    expect(
      (await generate(admin, { kind: 'emission', period: 'last month', scope: 'demo-cems-001' })).status,
    ).toBe(400);
  });

  it('two schedule runs at once generate each of the month’s reports once; what exists is left alone', async () => {
    const before = (await admin('GET', `/api/reports?period=${month.label}`)).body as ReportView[];
    const reports = app.get(ReportsService);
    const [a, b] = await Promise.all([reports.generateMonth(month), reports.generateMonth(month)]);
    const after = (await admin('GET', `/api/reports?period=${month.label}`)).body as ReportView[];
    expect(a + b).toBe(after.length - before.length);
    expect(after.filter((r) => r.generatedBy === 'schedule').length).toBe(a + b);
    const keys = after.map((r) => `${r.kind}/${r.scope}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(after.every((r) => r.status === 'ready')).toBe(true);
    // Generated on demand before, so not again by the schedule:
    expect(after.find((r) => r.kind === 'emission' && r.scope === 'demo-cems-001')?.generatedBy).toBe(
      'admin',
    );
  });
});

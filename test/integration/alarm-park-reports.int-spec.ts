/**
 * 告警月报 and 园区月度运行报告 on the real PostgreSQL (docs/reports.md): seven alerts with known times in last
 * month (and one a second before it), an escalation event and two notification deliveries written to the records,
 * then POST /api/reports. Every figure is checked exactly in the XLSX read back with exceljs — counts by severity,
 * kind and enterprise, mean / median / P90 time to acknowledge and resolve in minutes (equal to GET
 * /api/alerts/statistics's seconds ÷ 60), the month-end backlog, the devices alarming on ≥ 3 days. An energy
 * manager generates their own enterprise's 告警月报 and nothing of the park's. The park report's plan progress,
 * grade distribution, movers and libraries are the analytics API's, its 重点项目 the projects API's, its alarm and
 * kWh headlines the two reports'. The same alerts on SQLite (the standalone mode) give the same 告警月报 figures.
 */
import type { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import type {
  AlertStatistics,
  CultivationEntry,
  EvaluationRow,
  Page,
  PlanProgressYear,
  ProjectView,
  ReportView,
  SupervisionListView,
  TelemetryRecord,
} from '@park/contracts';
import { toPlanUnit } from '@park/contracts';
import {
  AlertEntity,
  AlertEventEntity,
  DeviceEntity,
  EnterpriseEntity,
  NotificationChannelEntity,
  NotificationDeliveryEntity,
  RuleEntity,
  seedDemoPark,
} from '@park/records';
import { DAY_MS, HOUR_MS, previousMonth, type ReportPeriod } from '@park/reports';
import { gradeMovers } from '../../apps/api/src/analytics/mu-movers';
import type { DataSource } from 'typeorm';
import { sqliteApi, type ApiBackend } from '../security/support/api-backends';
import { caller, login, startRecordsApi, type Caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';

const PASSWORD = 'alarm-reports-test-password';
const S = 1000;
const QUARTER = 15 * 60_000;

/**
 * Seven alerts of last month with known times (and one a second before it), #5's 一级 → 二级 event and its two
 * notification deliveries; the devices and enterprises they are about.
 */
async function seedMonthAlerts(records: DataSource, month: ReportPeriod, runId: string) {
  /** A Beijing wall-clock time on day `day` (1-based) of the month. */
  const at = (day: number, hour: number, minute = 0) =>
    month.from + (day - 1) * DAY_MS + hour * HOUR_MS + minute * 60_000;
  const enterprises = records.getRepository(EnterpriseEntity);
  const chem = await enterprises.findOneByOrFail({ name: '启东示范化工有限公司' });
  const mech = await enterprises.findOneByOrFail({ name: '启东示范精密机械有限公司' });
  const devices = records.getRepository(DeviceEntity);
  const [deviceA, deviceB] = await devices.find({ where: { enterpriseId: chem.id }, order: { id: 'ASC' } });
  const [deviceC] = await devices.find({ where: { enterpriseId: mech.id }, order: { id: 'ASC' } });
  const lastDay = (month.to - month.from) / DAY_MS;

  const rules = records.getRepository(RuleEntity);
  const rule = (code: string, kind: string) =>
    rules.save(
      rules.create({
        code: `${code}.${runId}`,
        nameZh: `报表测试${kind === 'threshold' ? '阈值' : '离线'}`,
        nameEn: code,
        kind,
        deviceKind: deviceA.kind,
        metric: 'lel',
        params: {},
        autoResolve: true,
        enabled: false,
        source: null,
      }),
    );
  const threshold = await rule('report.threshold', 'threshold');
  const offline = await rule('report.offline', 'device-offline');

  // n, device, rule, severity, opened, acknowledged after (s), resolved after (s), escalated by time
  const rows: [number, DeviceEntity, RuleEntity, string, number, number | null, number | null, boolean][] = [
    [1, deviceA, threshold, 'critical', at(1, 10), 120, 600, false],
    [2, deviceA, threshold, 'critical', at(2, 10), 240, 1200, false],
    [3, deviceA, offline, 'warning', at(5, 10), 600, null, false],
    [4, deviceB, threshold, 'warning', at(5, 12), null, null, true],
    [5, deviceC, threshold, 'critical', at(3, 9), 60, 300, false],
    [6, deviceC, offline, 'info', at(3, 11), null, 60, false],
    // 23:00 on the last day: acknowledged 2 h and resolved 3 h later, in the next month.
    [7, deviceA, threshold, 'warning', at(lastDay, 23), 7200, 10800, false],
    // A second before the month: not in it.
    [8, deviceA, threshold, 'critical', month.from - S, 10, 20, false],
  ];
  const alerts = records.getRepository(AlertEntity);
  const ids = new Map<number, string>();
  for (const [n, device, r, severity, opened, ackS, resolveS, escalated] of rows) {
    const openedAt = new Date(opened);
    const after = (s: number | null) => (s === null ? null : new Date(opened + s * S));
    const status = resolveS !== null ? 'resolved' : ackS !== null ? 'acknowledged' : 'open';
    const saved = await alerts.save(
      alerts.create({
        ruleId: r.id,
        subjectType: 'device',
        subjectId: device.id,
        deviceId: device.id,
        enterpriseId: device.enterpriseId,
        metric: 'lel',
        unit: '%LEL',
        value: 50 + n,
        limitValue: 50,
        level: severity === 'critical' ? 2 : 1,
        severity,
        status,
        count: 1,
        openedAt,
        lastSeenAt: openedAt,
        lastReadingTs: opened,
        acknowledgedAt: after(ackS),
        acknowledgedBy: ackS === null ? null : 'officer',
        resolvedAt: after(resolveS),
        resolvedBy: resolveS === null ? null : 'officer',
        resolutionNote: null,
        assignedTo: null,
        assignedAt: null,
        escalatedAt: escalated ? new Date(opened + 1800 * S) : null,
        lastRemindedAt: null,
        lastRepeatEventAt: null,
        maintenanceId: null,
        suppressedAt: null,
        explanation: { zh: '测试', en: 'test' },
      }),
    );
    ids.set(n, saved.id);
  }
  // #5 rose from 一级 to 二级, and its alarm went out twice: delivered once, given up once.
  const events = records.getRepository(AlertEventEntity);
  const event = await events.save(
    events.create({
      alertId: ids.get(5),
      enterpriseId: mech.id,
      type: 'escalated',
      at: new Date(at(3, 9, 5)),
      actor: null,
      snapshot: {} as never,
      publishedAt: new Date(at(3, 9, 5)),
    }),
  );
  const channels = records.getRepository(NotificationChannelEntity);
  const channel = await channels.save(
    channels.create({
      name: `报表测试通道 ${runId}`,
      kind: 'email',
      config: {},
      severities: ['critical'],
      eventTypes: ['escalated'],
      enterpriseId: null,
      recipients: [],
      enabled: false,
      createdBy: 'admin',
      updatedBy: 'admin',
    }),
  );
  const deliveries = records.getRepository(NotificationDeliveryEntity);
  for (const [address, status] of [
    ['a@example.com', 'delivered'],
    ['b@example.com', 'failed'],
  ])
    await deliveries.save(
      deliveries.create({
        channelId: channel.id,
        alertId: ids.get(5) as string,
        eventSeq: event.seq,
        eventType: 'escalated',
        recipientName: address,
        recipientAddress: address,
        status,
        attempts: 1,
        nextAttemptAt: new Date(at(3, 9, 5)),
      }),
    );
  return { chem, mech, deviceA, deviceB, deviceC };
}

describe('告警月报 and 园区月度运行报告 on the real PostgreSQL', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let url: string;
  let admin: Caller;
  let manager: Caller;
  let managerToken: string;
  let adminToken: string;
  let chem: EnterpriseEntity;
  let mech: EnterpriseEntity;
  let month: ReportPeriod;
  let deviceA: DeviceEntity;

  const download = async (id: string, format: 'xlsx' | 'pdf', token = adminToken) => {
    const res = await fetch(`${url}/api/reports/${id}/file.${format}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const workbook = async (id: string) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(id, 'xlsx')).bytes as unknown as ArrayBuffer);
    return (name: string): unknown[][] => {
      const sheet = book.getWorksheet(name);
      if (!sheet) throw new Error(`no sheet ${name}: ${book.worksheets.map((s) => s.name).join(', ')}`);
      const rows: unknown[][] = [];
      sheet.eachRow((row) => rows.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? null)));
      return rows;
    };
  };
  const generate = async (call: Caller, body: { kind: string; period: string; scope: string }) =>
    call('POST', '/api/reports', body);
  beforeAll(async () => {
    env = await createTestEnvironment('alarm-reports');
    await seedDemoPark(env.records, PASSWORD);
    await env.influx.ensureSchema();
    ({ app, url } = await startRecordsApi(env, { REPORTS_SCHEDULE: 'false' }));
    adminToken = await login(url, 'admin', PASSWORD);
    admin = caller(url, adminToken);
    managerToken = await login(url, 'manager', PASSWORD);
    manager = caller(url, managerToken);
    month = previousMonth(Date.now());
    ({ chem, mech, deviceA } = await seedMonthAlerts(env.records, month, env.runId));

    // demo-meter-003 (启东示范化工): its kWh counter rises 2.5 every 15 minutes on the 10th — 240 kWh that day.
    const tenth = month.from + 9 * DAY_MS;
    const records: TelemetryRecord[] = [];
    let kwh = 1_000;
    for (let ts = tenth - QUARTER; ts < tenth + DAY_MS; ts += QUARTER) {
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
    await env.influx.rollUp({ from: tenth, to: tenth + DAY_MS });
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  it('园区告警月报: counts, minutes to acknowledge and resolve, backlog and recurring devices, exactly', async () => {
    const res = await generate(admin, { kind: 'alarms', period: month.label, scope: 'park' });
    expect(res.status).toBe(201);
    const report = res.body as ReportView;
    const [year, m] = month.label.split('-').map(Number);
    expect(report).toMatchObject({ kind: 'alarms', scope: 'park', enterpriseId: null, status: 'ready' });
    expect(report.title).toBe(`园区告警月报 ${year}年${m}月`);

    // The 报警统计 page's own figures for the same month: the report shows them in minutes.
    const stats = (await admin('GET', `/api/alerts/statistics?from=${month.from}&to=${month.to}`))
      .body as AlertStatistics;
    expect(stats.total).toBe(7);
    // Acknowledged after 60, 120, 240, 600, 7200 s; resolved after 60, 300, 600, 1200, 10800 s.
    expect(stats.acknowledge).toEqual({ count: 5, meanSeconds: 1644, medianSeconds: 240, p90Seconds: 4560 });
    expect(stats.resolve).toEqual({ count: 5, meanSeconds: 2592, medianSeconds: 600, p90Seconds: 6960 });

    const sheet = await workbook(report.id);
    const overview = sheet('概况');
    expect(overview[0][0]).toBe('园区告警月报');
    expect(overview).toContainEqual(['报警总数', '7 条']);
    expect(overview).toContainEqual(['按级别', '严重 3 / 警告 3 / 提示 1']);
    expect(overview).toContainEqual(['确认用时', '均值 27.4 / 中位数 4.0 / P90 76.0 分钟（5 条）']);
    expect(overview).toContainEqual(['解除用时', '均值 43.2 / 中位数 10.0 / P90 116.0 分钟（5 条）']);
    // #3 (acknowledged, open), #4 (neither) and #7 (both only next month) were unresolved at the month's end;
    // #4 and #7 unacknowledged too.
    expect(overview).toContainEqual(['月末仍未解除', '3 条，其中未确认 2 条']);
    expect(overview).toContainEqual(['超时未确认（升级）', '1 条']);
    expect(overview).toContainEqual(['一级升为二级', '1 条']);
    expect(overview).toContainEqual(['报警通知', '已送达 1 条，发送失败 1 条']);

    expect(sheet('按级别').slice(1)).toEqual([
      ['严重', 3, Math.round((3 / 7) * 1000) / 10],
      ['警告', 3, Math.round((3 / 7) * 1000) / 10],
      ['提示', 1, Math.round((1 / 7) * 1000) / 10],
    ]);
    expect(sheet('按报警类型').slice(1)).toEqual([
      ['两级阈值', 5, Math.round((5 / 7) * 1000) / 10],
      ['设备离线', 2, Math.round((2 / 7) * 1000) / 10],
    ]);
    expect(sheet('按企业').slice(1)).toEqual([
      [1, chem.name, 5, Math.round((5 / 7) * 1000) / 10],
      [2, mech.name, 2, Math.round((2 / 7) * 1000) / 10],
    ]);
    expect(sheet('响应用时').slice(1)).toEqual([
      ['发生 → 确认', 5, 27.4, 4, 76],
      ['发生 → 解除', 5, 43.2, 10, 116],
    ]);
    // Device A: #1, #2, #3 and #7 — 4 alerts on 4 separate days (the 1st, 2nd, 5th and last).
    const offenders = sheet('报警最多的设备与产线（≥ 3 条）').slice(1);
    expect(offenders.map((r) => [r[0], r[2], r[3]])).toEqual([[deviceA.name, chem.name, 4]]);
    expect(sheet('多日报警的设备与产线（≥ 3 天）').slice(1)).toEqual([[deviceA.name, chem.name, 4, 4]]);
    const days = sheet('逐日报警');
    expect(days).toHaveLength(1 + (month.to - month.from) / DAY_MS);
    expect(days[3]).toEqual([`${month.label}-03`, 2, 1, 0, 1]);
  });

  it('an enterprise’s 告警月报: its own alerts only; the energy manager generates it, not another’s or the park’s', async () => {
    const res = await generate(manager, { kind: 'alarms', period: month.label, scope: chem.id });
    expect(res.status).toBe(201);
    const report = res.body as ReportView;
    expect(report).toMatchObject({ enterpriseId: chem.id, generatedBy: 'manager', status: 'ready' });
    const sheet = await workbook(report.id);
    expect(sheet('概况')[0][0]).toBe(`${chem.name}告警月报`);
    expect(sheet('概况')).toContainEqual(['按级别', '严重 2 / 警告 3 / 提示 0']);
    // Acknowledged after 120, 240, 600, 7200 s: mean 2040 s, median (240 + 600) / 2, P90 600 + 0.7 × 6600.
    expect(sheet('响应用时')[1]).toEqual(['发生 → 确认', 4, 34, 7, 87]);
    expect(() => sheet('按企业')).toThrow(/no sheet/);

    expect((await generate(manager, { kind: 'alarms', period: month.label, scope: mech.id })).status).toBe(
      404,
    );
    expect((await generate(manager, { kind: 'alarms', period: month.label, scope: 'park' })).status).toBe(
      404,
    );
    expect((await generate(manager, { kind: 'park', period: month.label, scope: 'park' })).status).toBe(404);
    const listed = (await manager('GET', '/api/reports')).body as ReportView[];
    expect(listed.map((r) => [r.kind, r.scope])).toEqual([['alarms', chem.id]]);
    expect(((await manager('GET', '/api/reports?kind=park')).body as ReportView[]).length).toBe(0);
    const park = ((await admin('GET', '/api/reports?kind=alarms')).body as ReportView[]).find(
      (r) => r.scope === 'park',
    ) as ReportView;
    expect((await download(park.id, 'xlsx', managerToken)).status).toBe(404);
    expect((await download(report.id, 'pdf', managerToken)).status).toBe(200);
  });

  it('refuses a day period, an enterprise scope for the park report and a bad kind', async () => {
    expect(
      (await generate(admin, { kind: 'alarms', period: `${month.label}-10`, scope: 'park' })).status,
    ).toBe(400);
    expect((await generate(admin, { kind: 'park', period: month.label, scope: chem.id })).status).toBe(400);
    expect((await generate(admin, { kind: 'projects', period: month.label, scope: 'park' })).status).toBe(
      400,
    );
  });

  it('园区月度运行报告: the analytics API’s progress, grades, movers and libraries, the projects API’s stages and 督办 list, the alarm and kWh headlines', async () => {
    const res = await generate(admin, { kind: 'park', period: month.label, scope: 'park' });
    expect(res.status).toBe(201);
    const report = res.body as ReportView;
    expect(report).toMatchObject({ kind: 'park', scope: 'park', status: 'ready' });
    const sheet = await workbook(report.id);
    // The demo park's indicators are typed in up to 2024 and its sources (demo-exchange.ts) send the whole of 2025:
    // 2025 is the latest year with a 亩均 evaluation.
    const dataYear = 2025;
    expect(sheet('概况')).toContainEqual(['年度数据', `规划指标、亩均效益与培育库取 ${dataYear} 年数据`]);

    const [progress] = (await admin('GET', `/api/analytics/progress?from=${dataYear}&to=${dataYear}`))
      .body as PlanProgressYear[];
    const plan = sheet(`规划指标进展（${dataYear} 年）`).slice(1);
    // Amounts in 亿元 as the plan states them (the API keeps 万元), two decimals; a year not reported says so.
    const inPlanUnit = (v: number, unit: string) => Math.round(toPlanUnit(v, unit).value * 100) / 100;
    expect(plan.map((r) => [r[1], r[2], r[3], r[4]])).toEqual(
      progress.indicators.map((i) => [
        toPlanUnit(0, i.unit).unit,
        i.value === null ? '未上报' : inPlanUnit(i.value, i.unit),
        i.target === null ? null : inPlanUnit(i.target, i.unit),
        i.progress,
      ]),
    );

    const evaluation = (await admin('GET', `/api/analytics/evaluation/enterprises?year=${dataYear}`))
      .body as EvaluationRow[];
    const grades = sheet(`亩均效益等级分布（${dataYear} 年）`).slice(1);
    expect(grades.map((r) => r[1])).toEqual([
      ...(['A', 'B', 'C', 'D'] as const).map((g) => evaluation.filter((e) => e.grade === g).length),
      evaluation.filter((e) => e.grade === null).length,
    ]);
    const previous = (await admin('GET', `/api/analytics/evaluation/enterprises?year=${dataYear - 1}`))
      .body as EvaluationRow[];
    const moves = gradeMovers(previous, evaluation);
    const movers = sheet(`亩均等级变动企业（${dataYear - 1} → ${dataYear} 年）`).slice(1);
    expect(movers.map((r) => r[0])).toEqual(
      moves.length > 0 ? moves.map((m) => m.name) : [`${dataYear} 年与上年相比没有企业等级变化。`],
    );

    const libraries = (await admin('GET', `/api/analytics/cultivation?year=${dataYear}`)).body as Record<
      string,
      CultivationEntry[]
    >;
    expect(sheet(`四大培育库（${dataYear} 年数据）`).slice(1)).toEqual(
      ['above-scale', 'high-tech', 'listed', 'revenue-100m'].map((library, i) => [
        ['规上企业培育库', '高新技术企业培育库', '上市企业培育库', '销售过亿企业培育库'][i],
        libraries[library].length,
        libraries[library].filter((e) => e.achieved).length,
        libraries[library].filter((e) => !e.achieved).length,
      ]),
    );

    // 重点项目: the demo park's projects by stage and its supervision list, as GET /api/projects answers.
    const projects = ((await admin('GET', '/api/projects?pageSize=100')).body as Page<ProjectView>).items;
    expect(projects.length).toBeGreaterThan(0);
    expect(sheet('重点项目（按阶段）').slice(1)).toEqual(
      (['signed', 'started', 'completed', 'producing'] as const).map((stage, i) => [
        ['签约', '开工', '竣工', '达产'][i],
        projects.filter((p) => p.stage === stage).length,
        projects.filter((p) => p.stage === stage && p.overdueMilestones > 0).length,
      ]),
    );
    const supervision = (await admin('GET', '/api/projects/supervision')).body as SupervisionListView;
    expect(supervision.items.length).toBeGreaterThan(0);
    const overdue = sheet(`重点项目逾期节点（督办，截至 ${supervision.asOf}）`).slice(1);
    expect(overdue.map((r) => [r[0], r[3], r[5]])).toEqual(
      supervision.items.map((i) => [i.projectName, i.milestone.title, i.milestone.overdueDays]),
    );

    const alarms = sheet('本月报警概况').slice(1);
    expect(alarms).toEqual([
      ['报警总数', 7],
      ['其中严重', 3],
      ['其中警告', 3],
      ['其中提示', 1],
      ['月末仍未解除', 3],
      ['月末未确认', 2],
      ['超时未确认（升级）', 1],
      [`报警最多的企业：${chem.name}`, 5],
    ]);
    expect(sheet('本月报警响应用时').slice(1)).toEqual([
      ['发生 → 确认', 5, 27.4, 4, 76],
      ['发生 → 解除', 5, 43.2, 10, 116],
    ]);
    expect(sheet('本月用电')[1]).toEqual(['园区用电量', 240, 'kWh']);
  });

  it('the monthly schedule generates the park’s 告警月报 and 园区月度运行报告 too', async () => {
    const next = previousMonth(month.from - DAY_MS);
    const { ReportsService } = await import('../../apps/api/src/reports/reports.service');
    await app.get(ReportsService).generateMonth(next);
    const listed = (await admin('GET', `/api/reports?period=${next.label}`)).body as ReportView[];
    expect(
      listed
        .filter((r) => r.scope === 'park')
        .map((r) => [r.kind, r.status])
        .sort(),
    ).toEqual([
      ['alarms', 'ready'],
      ['energy', 'ready'],
      ['park', 'ready'],
    ]);
  });
});

describe('告警月报 on SQLite (the standalone mode): the same alerts, the same figures', () => {
  let backend: ApiBackend;
  let admin: Caller;
  let token: string;
  let month: ReportPeriod;

  beforeAll(async () => {
    backend = await sqliteApi(PASSWORD, { REPORTS_SCHEDULE: 'false' });
    token = await login(backend.url, 'admin', PASSWORD);
    admin = caller(backend.url, token);
    month = previousMonth(Date.now());
    await seedMonthAlerts(backend.records, month, 'sqlite');
  });

  afterAll(async () => {
    await backend?.stop();
  });

  it('counts, minutes, the month-end backlog, escalations, deliveries and the devices alarming on ≥ 3 days', async () => {
    const res = await admin('POST', '/api/reports', { kind: 'alarms', period: month.label, scope: 'park' });
    expect(res.status).toBe(201);
    const report = res.body as ReportView;
    expect(report.status).toBe('ready');
    const file = await fetch(`${backend.url}/api/reports/${report.id}/file.xlsx`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ArrayBuffer);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      book.getWorksheet(name)?.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    const overview = rows('概况');
    expect(overview).toContainEqual(['报警总数', '7 条']);
    expect(overview).toContainEqual(['确认用时', '均值 27.4 / 中位数 4.0 / P90 76.0 分钟（5 条）']);
    expect(overview).toContainEqual(['解除用时', '均值 43.2 / 中位数 10.0 / P90 116.0 分钟（5 条）']);
    expect(overview).toContainEqual(['月末仍未解除', '3 条，其中未确认 2 条']);
    expect(overview).toContainEqual(['超时未确认（升级）', '1 条']);
    expect(overview).toContainEqual(['一级升为二级', '1 条']);
    expect(overview).toContainEqual(['报警通知', '已送达 1 条，发送失败 1 条']);
    expect(
      rows('多日报警的设备与产线（≥ 3 天）')
        .slice(1)
        .map((r) => r.slice(2)),
    ).toEqual([[4, 4]]);

    const park = await admin('POST', '/api/reports', { kind: 'park', period: month.label, scope: 'park' });
    expect((park.body as ReportView).status).toBe('ready');
  });
});

/**
 * Alarm statistics, the alert history and the XLSX export (docs/alerts.md "Statistics") in both modes: the API on
 * SQLite (standalone) and on the real PostgreSQL (microservices), each over the same alerts with known times —
 * so every count, every mean, median and p90 is checked exactly, including two alerts a minute apart on either
 * side of a Beijing midnight (the same UTC day). An energy manager counts only their own enterprise. On
 * PostgreSQL, with 100,000 alerts over a year, every statistics query reads the alerts through an opened_at index.
 */
import ExcelJS from 'exceljs';
import type { AlertStatistics, AlertView, Page } from '@park/contracts';
import {
  AlertEntity,
  AlertStatisticsRepository,
  DeviceEntity,
  EnterpriseEntity,
  RuleEntity,
} from '@park/records';
import type { DataSource, Logger } from 'typeorm';
import { caller, login, type Caller } from '../support/records-api';
import { API_BACKENDS, type ApiBackend } from '../security/support/api-backends';

const PASSWORD = 'alert-statistics-password-1';
const DEMO_CREDIT_CODE = '91320681MA1PARK01Y';
const BEIJING = (local: string) => Date.parse(`${local}+08:00`);
/** The window: 28, 29 and 30 November 2026, Beijing days. */
const FROM = BEIJING('2026-11-28T00:00:00');
const TO = BEIJING('2026-12-01T00:00:00');
const WINDOW = `from=${FROM}&to=${TO}`;
const S = 1000;

interface Fixture {
  readonly chem: string;
  readonly chemName: string;
  readonly other: string;
  readonly otherName: string;
  readonly a1: DeviceEntity;
  readonly a2: DeviceEntity;
  readonly b1: DeviceEntity;
  readonly threshold: RuleEntity;
  readonly offline: RuleEntity;
  /** Alert id by its number in the table below. */
  readonly ids: Map<number, string>;
}

/**
 * Seven alerts, in the window but for two: #1 and #2 are 90 s apart across the Beijing midnight of 29/30 November
 * (both on 29 November in UTC); #7 opens just before the window, #8 exactly at its (exclusive) end.
 */
async function seedAlerts(records: DataSource): Promise<Fixture> {
  const enterprises = records.getRepository(EnterpriseEntity);
  const chem = await enterprises.findOneByOrFail({ creditCode: DEMO_CREDIT_CODE });
  const devices = records.getRepository(DeviceEntity);
  const chemDevices = await devices.find({ where: { enterpriseId: chem.id }, order: { id: 'ASC' } });
  const otherDevice = (await devices.find({ order: { id: 'ASC' } })).find((d) => d.enterpriseId !== chem.id)!;
  const other = await enterprises.findOneByOrFail({ id: otherDevice.enterpriseId });
  const [a1, a2] = chemDevices;
  const rules = records.getRepository(RuleEntity);
  const rule = (code: string, kind: string, nameZh: string) =>
    rules.save(
      rules.create({
        code,
        nameZh,
        nameEn: code,
        kind,
        deviceKind: a1.kind,
        metric: 'lel',
        params: {},
        autoResolve: true,
        enabled: false,
        source: null,
      }),
    );
  const threshold = await rule('stats.threshold', 'threshold', '统计测试阈值');
  const offline = await rule('stats.offline', 'device-offline', '统计测试离线');

  const rows: [
    number,
    DeviceEntity,
    RuleEntity,
    string,
    string,
    string,
    number | null,
    number | null,
    string | null,
  ][] = [
    // n, device, rule, severity, status, opened (Beijing), ack after s, resolved after s, resolved by
    [1, a1, threshold, 'critical', 'resolved', '2026-11-29T23:59:00', 60, 600, 'officer'],
    [2, a1, threshold, 'critical', 'resolved', '2026-11-30T00:00:30', 180, 1200, null],
    [3, a1, offline, 'warning', 'acknowledged', '2026-11-30T08:00:00', 300, null, null],
    [4, a2, threshold, 'warning', 'open', '2026-11-28T10:00:00', null, null, null],
    [5, otherDevice, threshold, 'critical', 'resolved', '2026-11-30T12:00:00', 120, 3600, 'officer'],
    [6, otherDevice, offline, 'info', 'resolved', '2026-11-30T13:00:00', null, 60, null],
    [7, a1, threshold, 'critical', 'resolved', '2026-11-27T23:59:59', 10, 20, 'officer'],
    [8, a1, threshold, 'critical', 'resolved', '2026-12-01T00:00:00', 10, 20, 'officer'],
  ];
  const alerts = records.getRepository(AlertEntity);
  const ids = new Map<number, string>();
  for (const [n, device, r, severity, status, opened, ackS, resolveS, resolvedBy] of rows) {
    const openedAt = new Date(BEIJING(opened));
    const after = (s: number | null) => (s === null ? null : new Date(openedAt.getTime() + s * S));
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
        lastReadingTs: openedAt.getTime(),
        acknowledgedAt: after(ackS),
        acknowledgedBy: ackS === null ? null : 'officer',
        resolvedAt: after(resolveS),
        resolvedBy,
        // #5's note looks like a formula: the export must keep it text.
        resolutionNote: n === 5 ? '=1+2' : resolveS === null ? null : '已处置',
        assignedTo: null,
        assignedAt: null,
        escalatedAt: null,
        lastRemindedAt: null,
        lastRepeatEventAt: null,
        maintenanceId: null,
        suppressedAt: null,
        explanation: { zh: '测试', en: 'test' },
      }),
    );
    ids.set(n, saved.id);
  }
  return {
    chem: chem.id,
    chemName: chem.name,
    other: other.id,
    otherName: other.name,
    a1,
    a2,
    b1: otherDevice,
    threshold,
    offline,
    ids,
  };
}

describe.each(API_BACKENDS)('alarm statistics on %s', (mode, start) => {
  let backend: ApiBackend;
  let fixture: Fixture;
  let admin: Caller;
  let officer: Caller;
  let manager: Caller;

  beforeAll(async () => {
    backend = await start(PASSWORD);
    fixture = await seedAlerts(backend.records);
    admin = caller(backend.url, await login(backend.url, 'admin', PASSWORD));
    officer = caller(backend.url, await login(backend.url, 'officer', PASSWORD));
    manager = caller(backend.url, await login(backend.url, 'manager', PASSWORD));
  });

  afterAll(async () => {
    await backend?.stop();
  });

  async function statistics(who: Caller, query = ''): Promise<AlertStatistics> {
    const res = await who('GET', `/api/alerts/statistics?${WINDOW}${query}`);
    expect([res.status, res.text.slice(0, 300)]).toEqual([200, expect.any(String)]);
    return res.body as AlertStatistics;
  }

  it('counts per Beijing day, a minute either side of midnight on different days', async () => {
    const stats = await statistics(officer);
    expect(stats.total).toBe(6);
    expect(stats.timeZone).toBe('Asia/Shanghai');
    expect(stats.perDay).toEqual([
      { date: '2026-11-28', count: 1, critical: 0, warning: 1, info: 0 },
      { date: '2026-11-29', count: 1, critical: 1, warning: 0, info: 0 },
      { date: '2026-11-30', count: 4, critical: 2, warning: 1, info: 1 },
    ]);
  });

  it('counts by rule kind, enterprise, severity and status', async () => {
    const stats = await statistics(admin);
    expect(stats.byKind).toEqual([
      { kind: 'threshold', count: 4 },
      { kind: 'device-offline', count: 2 },
    ]);
    expect(stats.byEnterprise.map((e) => [e.enterpriseId, e.count])).toEqual([
      [fixture.chem, 4],
      [fixture.other, 2],
    ]);
    expect(stats.byEnterprise[1].enterpriseName).toBe(fixture.otherName);
    expect(stats.bySeverity).toEqual([
      { severity: 'critical', count: 3 },
      { severity: 'warning', count: 2 },
      { severity: 'info', count: 1 },
    ]);
    expect(stats.byStatus).toEqual([
      { status: 'open', count: 1 },
      { status: 'acknowledged', count: 1 },
      { status: 'resolved', count: 4 },
      { status: 'suppressed', count: 0 },
    ]);
  });

  it('gives mean, median and p90 seconds to acknowledge and to resolve', async () => {
    const stats = await statistics(officer);
    // Acknowledged after 60, 120, 180, 300 s; resolved after 60, 600, 1200, 3600 s.
    expect(stats.acknowledge).toEqual({ count: 4, meanSeconds: 165, medianSeconds: 150, p90Seconds: 264 });
    expect(stats.resolve).toEqual({ count: 4, meanSeconds: 1365, medianSeconds: 900, p90Seconds: 2880 });
  });

  it('says null, not zero, when nothing was acknowledged', async () => {
    const stats = await statistics(officer, '&status=open');
    expect(stats.total).toBe(1);
    expect(stats.acknowledge).toEqual({ count: 0, meanSeconds: null, medianSeconds: null, p90Seconds: null });
    expect(stats.resolve.meanSeconds).toBeNull();
  });

  it('lists repeat offenders with their count and latest alert', async () => {
    const three = await statistics(officer);
    expect(three.repeatThreshold).toBe(3);
    expect(three.repeatOffenders).toEqual([
      {
        subjectType: 'device',
        subjectId: fixture.a1.id,
        subjectName: fixture.a1.name,
        location: fixture.a1.location,
        enterpriseId: fixture.chem,
        enterpriseName: fixture.chemName,
        alerts: 3,
        lastAlertId: fixture.ids.get(3),
        lastOpenedAt: BEIJING('2026-11-30T08:00:00'),
        lastRuleName: { zh: '统计测试离线', en: 'stats.offline' },
        lastSeverity: 'warning',
      },
    ]);
    const two = await statistics(officer, '&repeatThreshold=2');
    expect(two.repeatOffenders.map((o) => [o.subjectId, o.alerts, o.lastAlertId])).toEqual([
      [fixture.a1.id, 3, fixture.ids.get(3)],
      [fixture.b1.id, 2, fixture.ids.get(6)],
    ]);
  });

  it('filters by kind, severity and enterprise', async () => {
    expect((await statistics(officer, '&kind=device-offline')).total).toBe(2);
    expect((await statistics(officer, '&severity=critical')).total).toBe(3);
    const other = await statistics(officer, `&enterprise=${fixture.other}`);
    expect([other.total, other.enterpriseId]).toEqual([2, fixture.other]);
    expect(other.acknowledge).toEqual({ count: 1, meanSeconds: 120, medianSeconds: 120, p90Seconds: 120 });
  });

  it('confines an energy manager to their own enterprise, whatever they ask for', async () => {
    for (const query of ['', `&enterprise=${fixture.other}`]) {
      const stats = await statistics(manager, query);
      expect([stats.total, stats.enterpriseId]).toEqual([4, fixture.chem]);
      expect(stats.byEnterprise.map((e) => e.enterpriseId)).toEqual([fixture.chem]);
      // Acknowledged after 60, 180, 300 s; resolved after 600, 1200 s.
      expect(stats.acknowledge).toEqual({ count: 3, meanSeconds: 180, medianSeconds: 180, p90Seconds: 276 });
      expect(stats.resolve).toEqual({ count: 2, meanSeconds: 900, medianSeconds: 900, p90Seconds: 1140 });
    }
    const history = (await manager('GET', `/api/alerts/history?${WINDOW}&enterprise=${fixture.other}`))
      .body as Page<AlertView>;
    expect(history.total).toBe(4);
    expect(new Set(history.items.map((a) => a.enterpriseId))).toEqual(new Set([fixture.chem]));
  });

  it('refuses a window over 400 days or ending before it starts, naming the parameter', async () => {
    const long = await officer('GET', `/api/alerts/statistics?from=${TO - 401 * 86_400_000}&to=${TO}`);
    expect([long.status, (long.body as { code: string; field: string }).field]).toEqual([400, 'from']);
    const backwards = await officer('GET', `/api/alerts/statistics?from=${TO}&to=${FROM}`);
    expect([backwards.status, (backwards.body as { code: string }).code]).toEqual([
      400,
      'INVALID_ALERT_WINDOW',
    ]);
  });

  it('pages through the history newest first, with the total', async () => {
    const page = async (query: string) => {
      const res = await officer('GET', `/api/alerts/history?${WINDOW}${query}`);
      expect(res.status).toBe(200);
      return res.body as Page<AlertView>;
    };
    const first = await page('&pageSize=4');
    expect([first.total, first.page, first.pageSize]).toEqual([6, 1, 4]);
    expect(first.items.map((a) => a.id)).toEqual([6, 5, 3, 2].map((n) => fixture.ids.get(n)));
    const second = await page('&pageSize=4&page=2');
    expect(second.items.map((a) => a.id)).toEqual([1, 4].map((n) => fixture.ids.get(n)));
    const resolved = await page('&status=resolved&kind=threshold');
    expect(resolved.items.map((a) => a.id)).toEqual([5, 2, 1].map((n) => fixture.ids.get(n)));
  });

  it('exports the alerts and their statistics as XLSX: Chinese headers, Beijing-time dates, no formulas', async () => {
    const res = await fetch(`${backend.url}/api/alerts/export.xlsx?${WINDOW}`, {
      headers: { authorization: `Bearer ${await login(backend.url, 'officer', PASSWORD)}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toBe(
      'attachment; filename="alerts-2026-11-28-2026-11-30.xlsx"',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets.map((s) => s.name)).toEqual(['报警明细', '统计']);

    const sheet = book.getWorksheet('报警明细')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      '编号',
      '报警',
      '级别',
      '企业',
      '设备',
      '位置',
      '指标',
      '数值',
      '限值',
      '单位',
      '状态',
      '发生时间',
      '确认时间',
      '确认人',
      '解除时间',
      '解除人',
      '处置说明',
    ]);
    expect(sheet.actualRowCount).toBe(7);
    const rowOf = (n: number) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(1).value === fixture.ids.get(n)) found = row;
      });
      return found!;
    };
    const col = (name: string) => header.indexOf(name) + 1;
    // #1 opened 23:59 Beijing time (15:59 UTC): the cell is an Excel date showing 23:59.
    const opened = rowOf(1).getCell(col('发生时间'));
    expect(opened.value).toBeInstanceOf(Date);
    expect((opened.value as Date).toISOString()).toBe('2026-11-29T23:59:00.000Z');
    expect(opened.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(rowOf(1).getCell(col('状态')).value).toBe('已解除');
    expect(rowOf(1).getCell(col('数值')).value).toBe(51);
    expect(rowOf(2).getCell(col('解除人')).value).toBe('自动解除');
    // A formula-looking note is text with an apostrophe in front, never a formula.
    const note = rowOf(5).getCell(col('处置说明'));
    expect(note.type).not.toBe(ExcelJS.ValueType.Formula);
    expect(note.value).toBe(`'=1+2`);

    const stats = book.getWorksheet('统计')!;
    const figures = new Map<string, unknown>();
    stats.eachRow((row) => figures.set(row.getCell(1).text, row.getCell(2).value));
    expect(figures.get('报警总数')).toBe(6);
    expect(figures.get('平均确认用时')).toBe(2.8); // 165 s
    expect(figures.get('解除用时中位数')).toBe(15); // 900 s
    expect(figures.get('2026-11-30')).toBe(4);
    expect(figures.get('两级阈值')).toBe(4);
  });

  it('exports only the energy manager’s own enterprise', async () => {
    const res = await fetch(`${backend.url}/api/alerts/export.xlsx?${WINDOW}&enterprise=${fixture.other}`, {
      headers: { authorization: `Bearer ${await login(backend.url, 'manager', PASSWORD)}` },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.getWorksheet('报警明细')!;
    const ids: unknown[] = [];
    sheet.eachRow((row, n) => n > 1 && ids.push(row.getCell(1).value));
    expect(ids.sort()).toEqual([1, 2, 3, 4].map((n) => fixture.ids.get(n)).sort());
  });

  if (mode === 'PostgreSQL')
    it('reads 100,000 alerts of a year through an opened_at index for a 30-day window', async () => {
      const records = backend.records;
      await records.query(
        `INSERT INTO alerts (rule_id, subject_type, subject_id, device_id, enterprise_id, metric, unit, value,
           limit_value, level, severity, status, count, opened_at, last_seen_at, last_reading_ts,
           acknowledged_at, resolved_at, explanation)
         SELECT $1, 'device', $2, $2, $3, 'lel', '%LEL', 60, 50, 2,
           (ARRAY['critical','warning','info'])[1 + i % 3], 'resolved', 1, t, t, 0,
           t + interval '2 minutes', t + interval '20 minutes', '{"zh":"","en":""}'
         FROM generate_series(0, 99999) AS i,
           LATERAL (SELECT timestamptz '2025-01-01 00:00:00+08' + i * interval '315 seconds' AS t) AS s`,
        [fixture.threshold.id, fixture.a1.id, fixture.chem],
      );
      await records.query('ANALYZE alerts');
      const window = {
        from: BEIJING('2025-06-01T00:00:00'),
        to: BEIJING('2025-07-01T00:00:00'),
      };
      for (const filter of [window, { ...window, enterpriseId: fixture.chem }]) {
        const plans = await plansOf(records, () =>
          new AlertStatisticsRepository(records).statistics(filter, { threshold: 3, limit: 50 }),
        );
        expect(plans.length).toBe(8);
        for (const plan of plans) {
          const scans = alertScans(plan);
          expect(scans.length).toBeGreaterThan(0);
          for (const scan of scans) expect(scan).toMatch(INDEX_ON_OPENED);
        }
      }
    });
});

const INDEX_ON_OPENED = /^(Index Scan|Index Only Scan|Bitmap Index Scan) alerts_(enterprise_)?opened$/;

/** The PostgreSQL plans (EXPLAIN, JSON) of every SELECT `work` sends, each with the parameters it was sent with. */
async function plansOf(records: DataSource, work: () => Promise<unknown>): Promise<unknown[]> {
  const sent: { query: string; parameters: unknown[] }[] = [];
  const logger = records.logger;
  // The DataSource's own logger with logQuery overridden: every other method stays the original.
  records.logger = Object.assign(Object.create(logger) as Logger, {
    logQuery: (query: string, parameters?: unknown[]) => {
      if (/^\s*SELECT/i.test(query)) sent.push({ query, parameters: parameters ?? [] });
    },
  });
  try {
    await work();
  } finally {
    records.logger = logger;
  }
  const plans: unknown[] = [];
  for (const { query, parameters } of sent) {
    const rows: { 'QUERY PLAN': unknown }[] = await records.query(
      `EXPLAIN (FORMAT JSON) ${query}`,
      parameters,
    );
    plans.push(rows[0]['QUERY PLAN']);
  }
  return plans;
}

/** "<node type> <index>" of every plan node that reads the alerts table (a Seq Scan has no index). */
function alertScans(plan: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const n = node as Record<string, unknown>;
    if (
      n['Relation Name'] === 'alerts' ||
      (typeof n['Index Name'] === 'string' && /^alerts_/.test(n['Index Name']))
    )
      found.push(
        `${String(n['Node Type'])} ${typeof n['Index Name'] === 'string' ? n['Index Name'] : ''}`.trim(),
      );
    for (const value of Object.values(n)) if (typeof value === 'object') walk(value);
  };
  walk(plan);
  // A bitmap heap scan reads the pages its bitmap index scan found: the index scan is the one that matters.
  return found.filter((f) => !f.startsWith('Bitmap Heap Scan'));
}

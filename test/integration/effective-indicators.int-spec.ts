/**
 * Effective indicators on the real PostgreSQL and InfluxDB (docs/analytics.md "有效指标", docs/energy.md "电量核对"):
 * the demo park's chemical plant has a year (2024) of hourly meter maxima on one meter — 10 kWh every hour — and
 * the power company's twelve months for it (January 8 % above the meters, the rest equal); the tax bureau sends
 * its year's tax for it and for the park's lowest-scored enterprise. The reconciliation shows the months side by side, the 亩均
 * evaluation follows the precedence (the tax bureau's tax lifts the lowest from D to A; the plant's 综合能耗 comes from the
 * preferred electricity origin × the GB/T 2589-2020 factor), and the plan's year to date reads monthly figures.
 */
import type { INestApplication } from '@nestjs/common';
import {
  DEFAULT_PRECEDENCE,
  type EnterpriseFiguresView,
  type EvaluationRow,
  type ExchangeMetric,
  type IndicatorSettingsView,
  type PeriodKind,
  type PlanYearToDate,
  type ReconciliationView,
  type SourceKind,
} from '@park/contracts';
import {
  EnterpriseEntity,
  EnterpriseIndicatorEntity,
  ExchangeSourceEntity,
  SourceFigureEntity,
  seedDemoPark,
} from '@park/records';
import { HOURLY_RP } from '@park/telemetry-store';
import { caller, login, startRecordsApi, type Caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';

const PASSWORD = 'indicators-test-password';
const HOUR = 3_600_000;
const YEAR = 2024;
const KWH_PER_HOUR = 10;
/** Hours in each Asia/Shanghai month of 2024 (a leap year). */
const HOURS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31].map((d) => d * 24);
const METERED = HOURS.map((h) => h * KWH_PER_HOUR);
const COMPANY = METERED.map((kwh, i) => (i === 0 ? Math.round(kwh * 1.08 * 10) / 10 : kwh));
const sum = (vs: number[]) => vs.reduce((a, v) => a + v, 0);
/** kWh → tce at a factor in kgce/(kW·h), to the kilogram as the evaluation keeps it. */
const tce = (kwh: number, factor: number) => Math.round(kwh * factor) / 1000;

describe('effective indicators, the electricity reconciliation and the year to date', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let admin: Caller;
  let manager: Caller;
  let otherManager: Caller;
  let operator: Caller;
  let chem: EnterpriseEntity;
  let mech: EnterpriseEntity;
  let manual: EnterpriseIndicatorEntity;
  /** The tax bureau's year: a twentieth of the typed-in tax. */
  let TAX_BUREAU: number;
  const currentYear = new Date(Date.now() + 8 * HOUR).getUTCFullYear();

  const source = async (kind: SourceKind, name: string) =>
    env.records.getRepository(ExchangeSourceEntity).save({
      name,
      kind,
      scopes: [],
      keyPrefix: `k-${kind}`.slice(0, 32),
      keyHash: 'not-a-key',
      createdBy: 'test',
    });
  const figure = (
    src: ExchangeSourceEntity,
    enterpriseId: string,
    metric: ExchangeMetric,
    periodKind: PeriodKind,
    year: number,
    periodIndex: number,
    value: number,
  ) => ({
    sourceId: src.id,
    sourceKind: src.kind,
    enterpriseId,
    metric,
    periodKind,
    year,
    periodIndex,
    value,
  });

  const chemRow = async (): Promise<EvaluationRow> => {
    const res = await admin('GET', `/api/analytics/evaluation/enterprises?year=${YEAR}`);
    expect(res.status).toBe(200);
    return (res.body as EvaluationRow[]).find((r) => r.id === chem.id)!;
  };
  const putPrecedence = async (body: unknown) => {
    const res = await admin('PUT', '/api/exchange/precedence', body);
    expect(res.status).toBe(200);
    return res.body as IndicatorSettingsView;
  };

  beforeAll(async () => {
    env = await createTestEnvironment('indicators');
    await seedDemoPark(env.records, PASSWORD);
    // The demo park's own sources send 2025 and 2026 figures (demo-exchange.ts); this test states every figure it
    // reads, so those go.
    await env.records.getRepository(SourceFigureEntity).delete({ demo: true });
    await env.influx.ensureSchema();
    const enterprises = env.records.getRepository(EnterpriseEntity);
    chem = await enterprises.findOneByOrFail({ name: '启东示范化工有限公司' });
    mech = await enterprises.findOneByOrFail({ name: '启东示范精密机械有限公司' });
    manual = await env.records
      .getRepository(EnterpriseIndicatorEntity)
      .findOneByOrFail({ enterpriseId: chem.id, year: YEAR });
    TAX_BUREAU = Math.round(manual.tax! / 2) / 10;

    // A year of hourly counter maxima on the general meter (from the hour before 2024 began in Shanghai).
    const start = Date.UTC(YEAR, 0, 1) - 8 * HOUR;
    const lines: string[] = [];
    for (let h = -1; h < sum(HOURS); h++)
      lines.push(
        `power_meter,device=demo-meter-003,enterprise=${chem.id},kind=power-meter,role=general ` +
          `max_kwh=${1000 + (h + 1) * KWH_PER_HOUR},mean_kw=${KWH_PER_HOUR} ${start + h * HOUR}`,
      );
    for (let i = 0; i < lines.length; i += 5000) {
      const res = await fetch(
        `${env.influxUrl}/write?${new URLSearchParams({ db: env.influxDatabase, rp: HOURLY_RP, precision: 'ms' }).toString()}`,
        { method: 'POST', body: lines.slice(i, i + 5000).join('\n') },
      );
      expect(res.status).toBe(204);
    }

    const power = await source('power-company', '国网启东供电公司');
    const tax = await source('tax-bureau', '启东市税务局');
    const stats = await source('statistics-bureau', '启东市统计局');
    await env.records
      .getRepository(SourceFigureEntity)
      .save([
        ...COMPANY.map((kwh, i) => figure(power, chem.id, 'electricity-kwh', 'month', YEAR, i + 1, kwh)),
        figure(power, mech.id, 'electricity-kwh', 'month', YEAR, 1, 5000),
        figure(tax, chem.id, 'tax', 'year', YEAR, 0, TAX_BUREAU),
        ...[1, 2, 3].flatMap((m) => [
          figure(stats, chem.id, 'revenue', 'month', currentYear, m, 1000),
          figure(tax, chem.id, 'taxable-sales', 'month', currentYear, m, 900),
        ]),
      ]);

    let url: string;
    ({ app, url } = await startRecordsApi(env));
    admin = caller(url, await login(url, 'admin', PASSWORD));
    manager = caller(url, await login(url, 'manager', PASSWORD));
    operator = caller(url, await login(url, 'operator', PASSWORD));
    const created = await admin('POST', '/api/users', {
      username: 'mech.energy',
      displayName: '机械能源管理员',
      role: 'energy-manager',
      enterpriseId: mech.id,
      password: PASSWORD,
    });
    expect(created.status).toBe(201);
    otherManager = caller(url, await login(url, 'mech.energy', PASSWORD));
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  it("reconciles the power company's monthly kWh with the metered kWh", async () => {
    const res = await admin('GET', `/api/energy/reconciliation?year=${YEAR}`);
    expect(res.status).toBe(200);
    const view = res.body as ReconciliationView;
    const row = view.rows.find((r) => r.enterpriseId === chem.id)!;
    expect(row.months.map((m) => m.meteredKwh)).toEqual(METERED);
    expect(row.months[0]).toEqual({
      month: 1,
      meteredKwh: 7440,
      companyKwh: 8035.2,
      differenceKwh: -595.2,
      differencePct: -7.4,
    });
    expect(row.months[1]).toMatchObject({
      meteredKwh: 6960,
      companyKwh: 6960,
      differenceKwh: 0,
      differencePct: 0,
    });
    expect(row).toMatchObject({
      meteredKwh: sum(METERED),
      companyKwh: sum(COMPANY),
      differenceKwh: -595.2,
      differencePct: -0.7,
    });
    // No meter data for the machinery plant: 无计量数据 (null), never 0, and no difference.
    const other = view.rows.find((r) => r.enterpriseId === mech.id)!;
    expect(other.months[0]).toEqual({
      month: 1,
      meteredKwh: null,
      companyKwh: 5000,
      differenceKwh: null,
      differencePct: null,
    });
    // An energy manager sees only their own enterprise.
    const own = (await manager('GET', `/api/energy/reconciliation?year=${YEAR}`)).body as ReconciliationView;
    expect(own.rows.map((r) => r.enterpriseId)).toEqual([chem.id]);
  });

  it("lets the tax bureau's figure override the typed-in tax, and a precedence change flip it back", async () => {
    const before = await admin('GET', `/api/analytics/evaluation/enterprises?year=${YEAR}`);
    const rows = before.body as EvaluationRow[];
    const graded = rows.filter((r) => r.grade !== null && r.values.taxPerMu !== null);
    const low = graded.sort((a, b) => a.score! - b.score!)[0];
    expect(low.grade).toBe('D');
    const topTaxPerMu = Math.max(...graded.map((r) => r.values.taxPerMu!));
    const typed = await env.records
      .getRepository(EnterpriseIndicatorEntity)
      .findOneByOrFail({ enterpriseId: low.id, year: YEAR });
    // The tax bureau's year puts it at ten times the best 税收/亩 of the park.
    const sent = Math.round((typed.tax! * 10 * topTaxPerMu) / low.values.taxPerMu!);
    const taxBureau = await env.records
      .getRepository(ExchangeSourceEntity)
      .findOneByOrFail({ kind: 'tax-bureau' });
    await env.records
      .getRepository(SourceFigureEntity)
      .save(figure(taxBureau, low.id, 'tax', 'year', YEAR, 0, sent));
    const rowOf = async () =>
      (
        (await admin('GET', `/api/analytics/evaluation/enterprises?year=${YEAR}`)).body as EvaluationRow[]
      ).find((r) => r.id === low.id)!;
    const byTaxBureau = await rowOf();
    expect(byTaxBureau.values.taxPerMu).toBeCloseTo((low.values.taxPerMu! * sent) / typed.tax!, 6);
    expect(byTaxBureau.score!).toBeGreaterThan(low.score!);
    expect(byTaxBureau.grade).toBe('A');
    // The precedence puts the typed-in tax first: back to D.
    await putPrecedence({ precedence: { ...DEFAULT_PRECEDENCE, tax: ['manual', 'tax-bureau'] } });
    expect(await rowOf()).toMatchObject({ grade: 'D', score: low.score });
    await putPrecedence({ precedence: DEFAULT_PRECEDENCE });
    expect((await rowOf()).grade).toBe('A');
  });

  it('computes 产值/能耗 from the preferred electricity origin and the GB/T 2589-2020 factor', async () => {
    const output = manual.output!;
    // Default: the power company's twelve months × 0.1229 kgce/(kW·h) (当量值).
    const company = await chemRow();
    expect(company.values.outputPerEnergy).toBeCloseTo(output / tce(sum(COMPANY), 0.1229), 6);
    // The meters first.
    await putPrecedence({
      precedence: { ...DEFAULT_PRECEDENCE, 'electricity-kwh': ['metered', 'power-company'] },
    });
    const metered = await chemRow();
    expect(metered.values.outputPerEnergy).toBeCloseTo(output / tce(sum(METERED), 0.1229), 6);
    // 等价值 at the park's 0.3 kgce/(kW·h).
    const settings = await putPrecedence({
      energyFactor: { basis: 'equivalent', equivalentKgcePerKwh: 0.3 },
    });
    expect(settings.kgcePerKwh).toBe(0.3);
    expect((await chemRow()).values.outputPerEnergy).toBeCloseTo(output / tce(sum(METERED), 0.3), 6);
    // No electricity origin with a full year and no other energy: the typed-in 综合能耗 stays.
    await putPrecedence({ precedence: { ...DEFAULT_PRECEDENCE, 'electricity-kwh': ['other'] } });
    expect((await chemRow()).values.outputPerEnergy).toBeCloseTo(output / manual.energyTce!, 6);
    await putPrecedence({
      precedence: DEFAULT_PRECEDENCE,
      energyFactor: { basis: 'calorific', equivalentKgcePerKwh: 0.3 },
    });
  });

  it("gives an enterprise's periodic figures, manual and effective values; an energy manager only their own", async () => {
    const res = await manager('GET', `/api/enterprises/${chem.id}/figures?year=${YEAR}`);
    expect(res.status).toBe(200);
    const view = res.body as EnterpriseFiguresView;
    const tax = view.metrics.find((m) => m.metric === 'tax')!;
    expect(tax).toMatchObject({
      unit: '万元',
      manual: manual.tax,
      effective: { value: TAX_BUREAU, origin: 'tax-bureau' },
      figures: [
        {
          periodKind: 'year',
          index: 0,
          value: TAX_BUREAU,
          sourceName: '启东市税务局',
          origin: 'tax-bureau',
        },
      ],
    });
    const electricity = view.metrics.find((m) => m.metric === 'electricity-kwh')!;
    expect(electricity.metered).toEqual(METERED);
    expect(electricity.figures).toHaveLength(12);
    expect(electricity.effective).toEqual({ value: sum(COMPANY), origin: 'power-company' });
    expect(electricity.annual).toEqual(
      expect.arrayContaining([
        { origin: 'power-company', value: sum(COMPANY) },
        { origin: 'metered', value: sum(METERED) },
      ]),
    );
    expect(view.energy).toMatchObject({
      origin: 'computed',
      electricityOrigin: 'power-company',
      kgcePerKwh: 0.1229,
      manual: manual.energyTce,
    });
    expect((await otherManager('GET', `/api/enterprises/${chem.id}/figures?year=${YEAR}`)).status).toBe(404);
  });

  it('gives the plan indicators so far this year from monthly figures: 截至3月', async () => {
    const res = await admin('GET', `/api/analytics/progress/year-to-date?year=${currentYear}`);
    expect(res.status).toBe(200);
    const ytd = res.body as PlanYearToDate;
    expect(ytd).toMatchObject({ year: currentYear, throughMonth: 3, elapsedPct: 25, behind: 0 });
    expect(ytd.indicators.find((i) => i.indicator === 'above-scale-enterprises')).toMatchObject({
      value: 1,
      unit: '家',
    });
    expect(ytd.indicators.find((i) => i.indicator === 'above-scale-taxable-sales')).toMatchObject({
      value: 2700,
      unit: '万元',
    });
  });

  it('keeps the precedence to who edits the exchange and refuses one that cannot be', async () => {
    expect((await operator('GET', '/api/exchange/precedence')).status).toBe(200);
    expect(
      (await operator('PUT', '/api/exchange/precedence', { precedence: DEFAULT_PRECEDENCE })).status,
    ).toBe(403);
    const bad = await admin('PUT', '/api/exchange/precedence', {
      precedence: { ...DEFAULT_PRECEDENCE, tax: ['metered'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('precedence');
  });
});

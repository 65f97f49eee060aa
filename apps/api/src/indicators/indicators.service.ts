import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import {
  DEFAULT_ENERGY_FACTOR,
  DEFAULT_PRECEDENCE,
  EXCHANGE_METRIC_UNITS,
  energyFactorProblem,
  kgcePerKwh,
  precedenceProblem,
  type EnergyFactorSetting,
  type EnterpriseFiguresView,
  type ExchangePrecedence,
  type IndicatorSettingsView,
  type ReconciliationRow,
  type ReconciliationView,
} from '@park/contracts';
import {
  EnterpriseRecords,
  PlanRecords,
  RecordsError,
  SourceFigures,
  type SourceFigureRecord,
} from '@park/records';
import { assertInScope } from '../records-common/actor';
import { EnergyService } from '../energy/energy.service';
import {
  effectiveYear,
  yearToDateOf,
  type EffectiveIndicatorRow,
  type FigureInput,
  type YearOutcome,
} from './effective-indicators';
import { reconcile } from './reconciliation';

type YearToDateFigure = { value: number; throughMonth: number };

const PRECEDENCE_KEY = 'exchange-precedence';
const ENERGY_FACTOR_KEY = 'energy-tce-factor';
/**
 * Metered months are read from the telemetry store; a burst of analytics requests shares them this long — a past
 * year's longer (its readings no longer change but for late uploads), the current year's briefly.
 */
const METERED_TTL_MS = 15_000;
const PAST_YEAR_METERED_TTL_MS = 5 * 60_000;

function figureInput(record: SourceFigureRecord): FigureInput {
  const f = record.figure;
  return {
    metric: f.metric,
    origin: f.sourceKind,
    periodKind: f.periodKind,
    index: f.periodIndex,
    value: f.value,
    receivedAt: new Date(f.receivedAt).getTime(),
    sourceName: record.sourceName,
  };
}

/**
 * The effective indicators (docs/analytics.md "有效指标"): the one place the analytics read an enterprise's annual
 * figures from — source figures, metered kWh and the typed-in indicators, chosen by the park's precedence — and
 * the enterprise figures page and the electricity reconciliation built on the same reads.
 */
@Injectable()
export class IndicatorsService {
  private readonly logger = new Logger(IndicatorsService.name);
  private readonly metered = new Map<string, { at: number; months: Promise<(number | null)[]> }>();

  constructor(
    private readonly enterprises: EnterpriseRecords,
    private readonly plan: PlanRecords,
    private readonly figures: SourceFigures,
    private readonly energy: EnergyService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async settings(): Promise<IndicatorSettingsView> {
    const [storedPrecedence, storedFactor] = await Promise.all([
      this.plan.setting(PRECEDENCE_KEY),
      this.plan.setting(ENERGY_FACTOR_KEY),
    ]);
    const precedence =
      storedPrecedence !== undefined && precedenceProblem(storedPrecedence) === null
        ? (storedPrecedence as ExchangePrecedence)
        : DEFAULT_PRECEDENCE;
    const energyFactor =
      storedFactor !== undefined && energyFactorProblem(storedFactor) === null
        ? (storedFactor as EnergyFactorSetting)
        : DEFAULT_ENERGY_FACTOR;
    return { precedence, energyFactor, kgcePerKwh: kgcePerKwh(energyFactor) };
  }

  /** Either part or both; each is checked whole before anything is stored. */
  async putSettings(
    principal: Principal,
    body: { precedence?: unknown; energyFactor?: unknown },
  ): Promise<IndicatorSettingsView> {
    const precedence = body.precedence === undefined ? null : precedenceProblem(body.precedence);
    if (precedence)
      throw new RecordsError('INVALID_RECORD', `precedence: ${precedence}`, { field: 'precedence' });
    const factor = body.energyFactor === undefined ? null : energyFactorProblem(body.energyFactor);
    if (factor)
      throw new RecordsError('INVALID_RECORD', `energyFactor: ${factor}`, { field: 'energyFactor' });
    if (body.precedence !== undefined) await this.plan.putSetting(principal, PRECEDENCE_KEY, body.precedence);
    if (body.energyFactor !== undefined) {
      const f = body.energyFactor as EnergyFactorSetting;
      await this.plan.putSetting(principal, ENERGY_FACTOR_KEY, {
        basis: f.basis,
        equivalentKgcePerKwh: f.equivalentKgcePerKwh,
      });
    }
    return this.settings();
  }

  /**
   * Every enterprise-year (of `years`, or all) that has typed-in indicators or source figures, with each figure
   * chosen by the precedence: what the 亩均 evaluation, movers, history, carriers, cultivation and plan read.
   */
  async effective(
    years?: readonly number[],
    options: { readonly energy?: boolean } = {},
  ): Promise<EffectiveIndicatorRow[]> {
    return (await this.outcomes(years, undefined, options.energy ?? true)).map((o) => o.row);
  }

  /**
   * The outcomes of every enterprise-year with typed-in indicators or figures; with `only`, that enterprise's
   * years asked for whether or not anything was reported, with its metered months read in any case (to show).
   * Without `energy` the meters are not read (callers that use no energyTce: plan progress, cultivation).
   */
  private async outcomes(
    years?: readonly number[],
    only?: { enterpriseId: string; years: readonly number[] },
    energy = true,
  ): Promise<YearOutcome[]> {
    const enterpriseId = only?.enterpriseId;
    const [settings, manualRows, figureRows, meteredIds] = await Promise.all([
      this.settings(),
      enterpriseId
        ? this.enterprises
            .indicators(enterpriseId)
            .then((rows) => rows.filter((r) => !years || years.includes(r.year)))
        : this.enterprises.allIndicators(years),
      this.figures.find({ years, enterpriseId }),
      this.meteredIds(),
    ]);
    const manual = new Map(manualRows.map((r) => [`${r.enterpriseId}:${r.year}`, r]));
    const figures = new Map<string, FigureInput[]>();
    for (const record of figureRows) {
      const key = `${record.figure.enterpriseId}:${record.figure.year}`;
      figures.set(key, [...(figures.get(key) ?? []), figureInput(record)]);
    }
    const asked = only ? only.years.map((y) => `${only.enterpriseId}:${y}`) : [];
    const keys = [...new Set([...manual.keys(), ...figures.keys(), ...asked])];
    return Promise.all(
      keys.map(async (key) => {
        const [id, yearText] = key.split(':');
        const year = Number(yearText);
        const own = figures.get(key) ?? [];
        const meteredMonths =
          energy && meteredIds.has(id) && (only !== undefined || this.needsMetered(settings.precedence, own))
            ? await this.meteredMonths(id, year)
            : null;
        return effectiveYear({
          enterpriseId: id,
          year,
          manual: manual.get(key) ?? null,
          figures: own,
          meteredMonths,
          precedence: settings.precedence,
          kgcePerKwh: settings.kgcePerKwh,
          basis: settings.energyFactor.basis,
        });
      }),
    );
  }

  /** Whether the metered year could decide electricity: `metered` is listed before an origin that has a full year. */
  private needsMetered(precedence: ExchangePrecedence, figures: readonly FigureInput[]): boolean {
    for (const origin of precedence['electricity-kwh']) {
      if (origin === 'metered') return true;
      const own = figures.filter((f) => f.metric === 'electricity-kwh' && f.origin === origin);
      const kinds = new Set(own.map((f) => `${f.periodKind}:${f.index}`));
      if (kinds.has('year:0') || [1, 2, 3, 4].every((q) => kinds.has(`quarter:${q}`))) return false;
      if (Array.from({ length: 12 }, (_, i) => `month:${i + 1}`).every((m) => kinds.has(m))) return false;
    }
    return false;
  }

  private async meteredIds(): Promise<Set<string>> {
    return new Set((await this.energy.meteredEnterprises()).map((e) => e.enterpriseId));
  }

  /** Metered kWh per month, shared for a few seconds; a telemetry store that cannot answer reads as no meter data. */
  private meteredMonths(enterpriseId: string, year: number): Promise<(number | null)[]> {
    const key = `${enterpriseId}:${year}`;
    const now = this.clock.now();
    const cached = this.metered.get(key);
    const currentYear = new Date(now + 8 * 3_600_000).getUTCFullYear();
    const ttl = year < currentYear ? PAST_YEAR_METERED_TTL_MS : METERED_TTL_MS;
    if (cached && now - cached.at < ttl) return cached.months;
    const months = this.energy.meteredMonths(enterpriseId, year).catch((error: unknown) => {
      this.logger.warn(`metered kWh of ${key} unavailable: ${String(error)}`);
      this.metered.delete(key);
      return Array.from({ length: 12 }, () => null);
    });
    this.metered.set(key, { at: now, months });
    return months;
  }

  /** Per enterprise, revenue and taxable sales of `year` so far, each from its first source in the precedence. */
  async yearToDate(
    year: number,
  ): Promise<Map<string, { revenue: YearToDateFigure | null; taxableSales: YearToDateFigure | null }>> {
    const [settings, records] = await Promise.all([
      this.settings(),
      this.figures.find({ years: [year], metrics: ['revenue', 'taxable-sales'] }),
    ]);
    const byEnterprise = new Map<string, FigureInput[]>();
    for (const r of records)
      byEnterprise.set(r.figure.enterpriseId, [
        ...(byEnterprise.get(r.figure.enterpriseId) ?? []),
        figureInput(r),
      ]);
    const out = new Map<
      string,
      { revenue: YearToDateFigure | null; taxableSales: YearToDateFigure | null }
    >();
    for (const [id, figures] of byEnterprise)
      out.set(id, {
        revenue: yearToDateOf('revenue', figures, settings.precedence.revenue),
        taxableSales: yearToDateOf('taxable-sales', figures, settings.precedence['taxable-sales']),
      });
    return out;
  }

  /**
   * One enterprise's year: per metric each periodic figure with its source, each origin's annual value, the
   * manual value and the effective one; the metered months for electricity. An energy manager reads only their own.
   */
  async enterpriseFigures(
    principal: Principal,
    enterpriseId: string,
    year: number,
  ): Promise<EnterpriseFiguresView> {
    assertInScope(principal, 'enterprise', enterpriseId, enterpriseId);
    await this.enterprises.requireLive(enterpriseId);
    const [result] = await this.outcomes([year], { enterpriseId, years: [year] });
    const meteredMonths = result.meteredMonths ? [...result.meteredMonths] : null;
    return {
      enterpriseId,
      year,
      metrics: result.metrics.map((m) => ({
        metric: m.metric,
        unit: EXCHANGE_METRIC_UNITS[m.metric],
        figures: [...m.figures]
          .sort((a, b) => a.periodKind.localeCompare(b.periodKind) || a.index - b.index)
          .map((f) => ({
            periodKind: f.periodKind,
            index: f.index,
            value: f.value,
            sourceName: f.sourceName,
            origin: f.origin,
          })),
        metered: m.metric === 'electricity-kwh' ? meteredMonths : null,
        annual: m.annual,
        manual: m.manual,
        effective: m.effective,
      })),
      energy: result.energy,
    };
  }

  /**
   * Per enterprise and month: metered kWh against the power company's month figures. Enterprises with power
   * meters or with power-company figures in the year; an energy manager sees only their own enterprise.
   */
  async reconciliation(principal: Principal, year: number): Promise<ReconciliationView> {
    const own = principal.role === 'energy-manager' ? (principal.enterpriseId ?? '') : undefined;
    const [metered, enterprises, figures] = await Promise.all([
      this.energy.meteredEnterprises(),
      this.enterprises.all(),
      this.figures.find({ years: [year], metrics: ['electricity-kwh'], enterpriseId: own }),
    ]);
    const company = new Map<string, Map<number, { value: number; at: number }>>();
    for (const { figure } of figures) {
      if (figure.sourceKind !== 'power-company' || figure.periodKind !== 'month') continue;
      const months = company.get(figure.enterpriseId) ?? new Map<number, { value: number; at: number }>();
      const at = new Date(figure.receivedAt).getTime();
      const current = months.get(figure.periodIndex);
      if (!current || at > current.at) months.set(figure.periodIndex, { value: figure.value, at });
      company.set(figure.enterpriseId, months);
    }
    const meters = new Map(metered.map((m) => [m.enterpriseId, m.meters]));
    const rows: ReconciliationRow[] = [];
    for (const e of enterprises) {
      if (own !== undefined && e.id !== own) continue;
      if (!meters.has(e.id) && !company.has(e.id)) continue;
      const meteredMonths = meters.has(e.id)
        ? await this.meteredMonths(e.id, year)
        : Array.from({ length: 12 }, () => null);
      const companyMonths = Array.from(
        { length: 12 },
        (_, i) => company.get(e.id)?.get(i + 1)?.value ?? null,
      );
      rows.push({ enterpriseId: e.id, name: e.name, ...reconcile(meteredMonths, companyMonths) });
    }
    return { year, rows };
  }
}

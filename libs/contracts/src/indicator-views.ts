/**
 * Effective indicators (docs/analytics.md "有效指标"): each annual indicator of an enterprise comes from the figures
 * source systems sent (source_figures) or from the indicators staff typed in (`manual`), chosen by a park-wide
 * precedence per metric; electricity also from the platform's own meters (`metered`). Energy in tce from kWh per
 * GB/T 2589-2020《综合能耗计算通则》. Pure module: the API and the web both read it.
 */
import { isSourceKind, type ExchangeMetric, type FigureOrigin, type PeriodKind } from './exchange';
import type { PlanIndicator } from './records-views';

/** The metrics the precedence orders; every exchange metric. */
export type PrecedenceMetric = ExchangeMetric;

/** Per metric, the origins in the order they are tried; the first that has the year's figure wins. */
export type ExchangePrecedence = Readonly<Record<PrecedenceMetric, readonly FigureOrigin[]>>;

export const DEFAULT_PRECEDENCE: ExchangePrecedence = {
  tax: ['tax-bureau', 'manual'],
  'taxable-sales': ['tax-bureau', 'manual'],
  revenue: ['statistics-bureau', 'manual'],
  output: ['statistics-bureau', 'manual'],
  'insured-employees': ['hr-bureau', 'manual'],
  'electricity-kwh': ['power-company', 'metered'],
  'energy-other-tce': ['statistics-bureau', 'other'],
};

/** Which origins a metric may list: `metered` only for electricity; `manual` only where staff type the figure. */
export function allowedOrigins(metric: PrecedenceMetric): FigureOrigin[] {
  const sources: FigureOrigin[] = ['power-company', 'tax-bureau', 'hr-bureau', 'statistics-bureau', 'other'];
  if (metric === 'electricity-kwh') return [...sources, 'metered'];
  if (metric === 'energy-other-tce') return sources;
  return [...sources, 'manual'];
}

/** Why a precedence is unacceptable, or null: every metric, a non-empty list of distinct allowed origins. */
export function precedenceProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'must be an object';
  const record = value as Record<string, unknown>;
  for (const metric of Object.keys(DEFAULT_PRECEDENCE) as PrecedenceMetric[]) {
    const list = record[metric];
    if (!Array.isArray(list) || list.length === 0) return `${metric}: must list at least one origin`;
    const allowed = allowedOrigins(metric);
    for (const origin of list)
      if (!allowed.includes(origin as FigureOrigin))
        return `${metric}: ${String(origin)} is not one of ${allowed.join(', ')}`;
    if (new Set(list).size !== list.length) return `${metric}: lists an origin twice`;
  }
  const extra = Object.keys(record).filter((k) => !(k in DEFAULT_PRECEDENCE));
  return extra.length > 0 ? `unknown metric ${extra[0]}` : null;
}

/**
 * How electricity becomes 标准煤 (GB/T 2589-2020《综合能耗计算通则》): 当量值 (`calorific`, by the heat the kWh
 * holds, 0.1229 kgce/(kW·h), the standard's Appendix A) or 等价值 (`equivalent`, by the coal the year's thermal
 * power generation burns per kWh, a figure the park sets).
 */
export interface EnergyFactorSetting {
  readonly basis: 'calorific' | 'equivalent';
  /** 等价值 factor, kgce/(kW·h). */
  readonly equivalentKgcePerKwh: number;
}

/** 当量值, kgce/(kW·h): 3,600 kJ per kW·h ÷ 29,307 kJ per kgce (GB/T 2589-2020, Appendix A). */
export const CALORIFIC_KGCE_PER_KWH = 0.1229;

/**
 * The default 等价值 factor, kgce/(kW·h): a round placeholder of the order of China's thermal power supply coal
 * consumption in the early 2020s (about 0.30 kgce per kWh), NOT a figure the standard gives — the standard
 * leaves it to the year's published coal consumption, which the park should enter.
 */
export const DEFAULT_EQUIVALENT_KGCE_PER_KWH = 0.3;

export const DEFAULT_ENERGY_FACTOR: EnergyFactorSetting = {
  basis: 'calorific',
  equivalentKgcePerKwh: DEFAULT_EQUIVALENT_KGCE_PER_KWH,
};

export function energyFactorProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'must be an object';
  const v = value as Record<string, unknown>;
  if (v.basis !== 'calorific' && v.basis !== 'equivalent') return 'basis must be calorific or equivalent';
  const f = v.equivalentKgcePerKwh;
  if (typeof f !== 'number' || !Number.isFinite(f) || f <= 0 || f > 1)
    return 'equivalentKgcePerKwh must be a number above 0 and at most 1';
  return null;
}

/** The factor in use, kgce/(kW·h). */
export function kgcePerKwh(setting: EnergyFactorSetting): number {
  return setting.basis === 'calorific' ? CALORIFIC_KGCE_PER_KWH : setting.equivalentKgcePerKwh;
}

export function isFigureOrigin(value: unknown): value is FigureOrigin {
  return value === 'metered' || value === 'manual' || isSourceKind(value);
}

/** GET/PUT /api/exchange/precedence. */
export interface IndicatorSettingsView {
  readonly precedence: ExchangePrecedence;
  readonly energyFactor: EnergyFactorSetting;
  /** The factor in use, kgce/(kW·h). */
  readonly kgcePerKwh: number;
}

/** One periodic figure of one source. */
export interface PeriodFigureView {
  readonly periodKind: PeriodKind;
  /** 1–12, 1–4, 0 for the year. */
  readonly index: number;
  readonly value: number;
  readonly sourceName: string;
  readonly origin: FigureOrigin;
}

/** One metric of an enterprise's year: every periodic figure, the annual value of each origin, the effective one. */
export interface MetricFiguresView {
  readonly metric: ExchangeMetric;
  readonly unit: string;
  readonly figures: PeriodFigureView[];
  /** Per month 1–12: the platform's metered kWh, null where the meters have no data (electricity only). */
  readonly metered: (number | null)[] | null;
  /** The annual value each origin gives (null where it has no complete year). */
  readonly annual: { readonly origin: FigureOrigin; readonly value: number | null }[];
  /** The manual indicator's value (null when not typed in or not a manual metric). */
  readonly manual: number | null;
  readonly effective: { readonly value: number | null; readonly origin: FigureOrigin | null };
}

/** GET /api/enterprises/:id/figures?year= */
export interface EnterpriseFiguresView {
  readonly enterpriseId: string;
  readonly year: number;
  readonly metrics: MetricFiguresView[];
  /** 综合能耗 (tce) the 亩均 evaluation uses and how it was made. */
  readonly energy: EnergyTceView;
}

export interface EnergyTceView {
  readonly value: number | null;
  /** `computed`: electricity tce + other energy from sources; `manual`: the typed-in energyTce. */
  readonly origin: 'computed' | 'manual' | null;
  readonly electricityKwh: number | null;
  readonly electricityOrigin: FigureOrigin | null;
  readonly electricityTce: number | null;
  readonly otherTce: number | null;
  readonly kgcePerKwh: number;
  readonly basis: EnergyFactorSetting['basis'];
  readonly manual: number | null;
}

/** One enterprise-month of the electricity reconciliation. */
export interface ReconciliationMonth {
  readonly month: number;
  /** kWh from the platform's meters; null: 无计量数据. */
  readonly meteredKwh: number | null;
  /** kWh the power company sent (its month figure); null when it sent none. */
  readonly companyKwh: number | null;
  /** 差额 = metered − company, kWh; null unless both exist. */
  readonly differenceKwh: number | null;
  /** 差额率 = difference / company × 100, one decimal; null unless both exist and company > 0. */
  readonly differencePct: number | null;
}

export interface ReconciliationRow {
  readonly enterpriseId: string;
  readonly name: string;
  readonly months: ReconciliationMonth[];
  /** Each side's sum over the months it has; the difference over the months both have. */
  readonly meteredKwh: number | null;
  readonly companyKwh: number | null;
  readonly differenceKwh: number | null;
  readonly differencePct: number | null;
}

/** GET /api/energy/reconciliation?year= */
export interface ReconciliationView {
  readonly year: number;
  readonly rows: ReconciliationRow[];
}

/** A plan indicator so far this year, from monthly/quarterly source figures. */
export interface YearToDateIndicator {
  readonly indicator: PlanIndicator;
  readonly unit: string;
  readonly value: number | null;
  readonly target: number | null;
  /** value / target, %. */
  readonly progress: number | null;
}

/** GET /api/analytics/progress/year-to-date?year= */
export interface PlanYearToDate {
  readonly year: number;
  /** The last month the figures cover (1–12); null when no source sent any month or quarter of the year. */
  readonly throughMonth: number | null;
  /** throughMonth / 12, %. */
  readonly elapsedPct: number | null;
  /** Reporting enterprises whose figures end before throughMonth (they count with what they sent). */
  readonly behind: number;
  readonly indicators: YearToDateIndicator[];
}

/**
 * Effective indicators (docs/analytics.md "有效指标"), pure: from the figures source systems sent for one
 * enterprise and year, the platform's metered kWh per month and the indicators staff typed in, each indicator's
 * value per origin and the one the precedence chooses; 综合能耗 from electricity per GB/T 2589-2020.
 */
import {
  STOCK_METRICS,
  type EnergyTceView,
  type ExchangeMetric,
  type ExchangePrecedence,
  type FigureOrigin,
  type PeriodKind,
  type SourceKind,
} from '@park/contracts';

/** The annual indicator fields the analytics read (EnterpriseIndicatorEntity's figures). */
export interface IndicatorValues {
  readonly revenue: number | null;
  readonly taxableSales: number | null;
  readonly tax: number | null;
  readonly rdExpense: number | null;
  readonly inventionPatents: number | null;
  readonly output: number | null;
  readonly highTechOutput: number | null;
  readonly highTechInvestment: number | null;
  readonly energyTce: number | null;
  readonly employees: number | null;
}

export const NO_VALUES: IndicatorValues = {
  revenue: null,
  taxableSales: null,
  tax: null,
  rdExpense: null,
  inventionPatents: null,
  output: null,
  highTechOutput: null,
  highTechInvestment: null,
  energyTce: null,
  employees: null,
};

/** An enterprise's year as the analytics use it: the effective values, and where each came from. */
export interface EffectiveIndicatorRow extends IndicatorValues {
  readonly enterpriseId: string;
  readonly year: number;
  readonly origins: Partial<Record<keyof IndicatorValues, FigureOrigin | 'computed'>>;
}

/** The indicator field each exchange metric sets; electricity and other energy feed energyTce instead. */
export const METRIC_FIELD: Readonly<Record<ExchangeMetric, keyof IndicatorValues | null>> = {
  tax: 'tax',
  'taxable-sales': 'taxableSales',
  revenue: 'revenue',
  output: 'output',
  'insured-employees': 'employees',
  'electricity-kwh': null,
  'energy-other-tce': null,
};

/** One stored figure (source_figures), reduced to what the computation needs. */
export interface FigureInput {
  readonly metric: ExchangeMetric;
  readonly origin: SourceKind;
  readonly periodKind: PeriodKind;
  /** 1–12, 1–4, 0 for the year. */
  readonly index: number;
  readonly value: number;
  /** ms; where sources of one kind sent the same period, the latest received counts. */
  readonly receivedAt: number;
  readonly sourceName: string;
}

const round = (v: number, digits = 3) => Math.round(v * 10 ** digits) / 10 ** digits;

/** One figure per period (kind + index): the latest received. */
function perPeriod(figures: readonly FigureInput[]): Map<string, FigureInput> {
  const out = new Map<string, FigureInput>();
  for (const f of figures) {
    const key = `${f.periodKind}:${f.index}`;
    const current = out.get(key);
    if (!current || f.receivedAt > current.receivedAt) out.set(key, f);
  }
  return out;
}

/** The last month a period covers. */
function endMonth(kind: PeriodKind, index: number): number {
  return kind === 'year' ? 12 : kind === 'quarter' ? 3 * index : index;
}

/** A flow's value over months first..last (inclusive) from quarters or months covering them exactly; null if a gap. */
function flowOver(periods: Map<string, FigureInput>, first: number, last: number): number | null {
  let total = 0;
  for (let m = first; m <= last;) {
    const quarter = (m - 1) % 3 === 0 && m + 2 <= last ? periods.get(`quarter:${(m + 2) / 3}`) : undefined;
    if (quarter) {
      total += quarter.value;
      m += 3;
      continue;
    }
    const month = periods.get(`month:${m}`);
    if (!month) return null;
    total += month.value;
    m += 1;
  }
  return total;
}

/**
 * The annual value of one origin's figures of a metric: a flow is the year figure, else the four quarters (each a
 * quarter figure or its three months), else null — part of a year is not a year. A stock (insured headcount) is
 * the latest period's value: the year end when the year is complete.
 */
export function annualValue(metric: ExchangeMetric, figures: readonly FigureInput[]): number | null {
  const periods = perPeriod(figures);
  const year = periods.get('year:0');
  if (year) return year.value;
  if (STOCK_METRICS.includes(metric)) {
    const latest = [...periods.values()].sort(
      (a, b) =>
        endMonth(b.periodKind, b.index) - endMonth(a.periodKind, a.index) || b.receivedAt - a.receivedAt,
    )[0];
    return latest?.value ?? null;
  }
  const sum = flowOver(periods, 1, 12);
  return sum === null ? null : round(sum, 4);
}

/**
 * The year so far from one origin's figures: the months from January covered without a gap (by month or quarter
 * figures), their sum for a flow or the last one's value for a stock. Null value and month 0 when January is missing.
 */
export function yearToDate(
  metric: ExchangeMetric,
  figures: readonly FigureInput[],
): { value: number | null; throughMonth: number } {
  const periods = perPeriod(figures);
  if (periods.has('year:0')) return { value: periods.get('year:0')!.value, throughMonth: 12 };
  let through = 0;
  while (through < 12) {
    const next = through + 1;
    if (periods.has(`month:${next}`)) through = next;
    else if ((next - 1) % 3 === 0 && periods.has(`quarter:${(next + 2) / 3}`)) through = next + 2;
    else break;
  }
  if (through === 0) return { value: null, throughMonth: 0 };
  if (STOCK_METRICS.includes(metric)) {
    const last = periods.get(`month:${through}`) ?? periods.get(`quarter:${through / 3}`);
    return { value: last?.value ?? null, throughMonth: through };
  }
  return { value: round(flowOver(periods, 1, through) ?? 0, 4), throughMonth: through };
}

/** The value of a flow over months 1..through, null unless the figures cover exactly those months. */
export function flowThrough(figures: readonly FigureInput[], through: number): number | null {
  const v = flowOver(perPeriod(figures), 1, through);
  return v === null ? null : round(v, 4);
}

/** The year of metered kWh: the 12 months' sum when every month has meter data, else null. */
export function meteredAnnual(months: readonly (number | null)[] | null): number | null {
  if (!months || months.length !== 12 || months.some((m) => m === null)) return null;
  return round(months.reduce<number>((a, m) => a + (m ?? 0), 0));
}

/** The first origin of the order that has a value. */
export function pickEffective(
  order: readonly FigureOrigin[],
  values: ReadonlyMap<FigureOrigin, number | null>,
): { value: number | null; origin: FigureOrigin | null } {
  for (const origin of order) {
    const value = values.get(origin);
    if (value !== null && value !== undefined) return { value, origin };
  }
  return { value: null, origin: null };
}

/**
 * 综合能耗 for the 亩均 evaluation: electricity (kWh × the GB/T 2589-2020 factor, kgce → tce) plus the other
 * energy the sources sent, when either exists; else the typed-in energyTce.
 */
export function energyTce(input: {
  readonly electricity: { value: number | null; origin: FigureOrigin | null };
  readonly otherTce: number | null;
  readonly manual: number | null;
  readonly kgcePerKwh: number;
  readonly basis: EnergyTceView['basis'];
}): EnergyTceView {
  const { electricity, otherTce, manual, kgcePerKwh, basis } = input;
  const electricityTce = electricity.value === null ? null : round((electricity.value * kgcePerKwh) / 1000);
  const computed = electricityTce !== null || otherTce !== null;
  return {
    value: computed ? round((electricityTce ?? 0) + (otherTce ?? 0)) : manual,
    origin: computed ? 'computed' : manual !== null ? 'manual' : null,
    electricityKwh: electricity.value,
    electricityOrigin: electricity.origin,
    electricityTce,
    otherTce,
    kgcePerKwh,
    basis,
    manual,
  };
}

export interface MetricOutcome {
  readonly metric: ExchangeMetric;
  readonly figures: readonly FigureInput[];
  readonly annual: { origin: FigureOrigin; value: number | null }[];
  readonly manual: number | null;
  readonly effective: { value: number | null; origin: FigureOrigin | null };
}

/** Everything about one enterprise's year: per metric the annual value of each origin and the effective one. */
export interface YearOutcome {
  readonly row: EffectiveIndicatorRow;
  readonly metrics: MetricOutcome[];
  readonly energy: EnergyTceView;
  /** The metered kWh per month it was given (null when not read). */
  readonly meteredMonths: readonly (number | null)[] | null;
}

/**
 * One enterprise's year: each metric's candidates (each source kind's annual value, the metered year for
 * electricity, the manual value where staff type it), the precedence's choice, and the row the analytics read —
 * the manual row with the chosen values put in and energyTce recomputed.
 */
export function effectiveYear(input: {
  readonly enterpriseId: string;
  readonly year: number;
  readonly manual: IndicatorValues | null;
  readonly figures: readonly FigureInput[];
  readonly meteredMonths: readonly (number | null)[] | null;
  readonly precedence: ExchangePrecedence;
  readonly kgcePerKwh: number;
  readonly basis: EnergyTceView['basis'];
}): YearOutcome {
  const manual = input.manual;
  const manualRow = Object.fromEntries(
    (Object.keys(NO_VALUES) as (keyof IndicatorValues)[]).map((key) => [key, manual ? manual[key] : null]),
  ) as unknown as IndicatorValues;
  const metrics: MetricOutcome[] = [];
  const values: Record<string, number | null> = { ...manualRow };
  const origins: EffectiveIndicatorRow['origins'] = {};
  for (const key of Object.keys(NO_VALUES) as (keyof IndicatorValues)[])
    if (manualRow[key] !== null) origins[key] = 'manual';
  for (const metric of Object.keys(METRIC_FIELD) as ExchangeMetric[]) {
    const own = input.figures.filter((f) => f.metric === metric);
    const candidates = new Map<FigureOrigin, number | null>();
    for (const origin of new Set(own.map((f) => f.origin)))
      candidates.set(
        origin,
        annualValue(
          metric,
          own.filter((f) => f.origin === origin),
        ),
      );
    const field = METRIC_FIELD[metric];
    const manual = field === null ? null : manualRow[field];
    if (field !== null) candidates.set('manual', manual);
    if (metric === 'electricity-kwh') candidates.set('metered', meteredAnnual(input.meteredMonths));
    const effective = pickEffective(input.precedence[metric], candidates);
    metrics.push({
      metric,
      figures: own,
      annual: [...candidates.entries()].map(([origin, value]) => ({ origin, value })),
      manual,
      effective,
    });
    if (field !== null) {
      values[field] = effective.value;
      if (effective.origin) origins[field] = effective.origin;
      else delete origins[field];
    }
  }
  const energy = energyTce({
    electricity: metrics.find((m) => m.metric === 'electricity-kwh')!.effective,
    otherTce: metrics.find((m) => m.metric === 'energy-other-tce')!.effective.value,
    manual: manualRow.energyTce,
    kgcePerKwh: input.kgcePerKwh,
    basis: input.basis,
  });
  values.energyTce = energy.value;
  if (energy.origin) origins.energyTce = energy.origin === 'computed' ? 'computed' : 'manual';
  return {
    row: {
      ...(values as unknown as IndicatorValues),
      enterpriseId: input.enterpriseId,
      year: input.year,
      origins,
    },
    metrics,
    energy,
    meteredMonths: input.meteredMonths,
  };
}

/**
 * The year so far of a metric from the first origin of the order (source kinds only) whose figures cover January
 * on: its value and the last month covered; null when no such origin sent anything of the year.
 */
export function yearToDateOf(
  metric: ExchangeMetric,
  figures: readonly FigureInput[],
  order: readonly FigureOrigin[],
): { value: number; throughMonth: number; origin: SourceKind } | null {
  for (const origin of order) {
    if (origin === 'manual' || origin === 'metered') continue;
    const own = figures.filter((f) => f.metric === metric && f.origin === origin);
    const ytd = yearToDate(metric, own);
    if (ytd.value !== null && ytd.throughMonth > 0)
      return { value: ytd.value, throughMonth: ytd.throughMonth, origin };
  }
  return null;
}

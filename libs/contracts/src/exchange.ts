/**
 * The key-information exchange (docs/data-exchange.md): the figures other systems send the park — the power
 * supply company's monthly kWh, the tax bureau's quarterly tax and taxable sales, the HR and social-insurance
 * bureau's insured headcount — what each is measured in, and the periods they cover. Pure module: the API, the
 * records, the drop-folder watcher and the web all read it.
 */

/** What a figure measures. Flows (kWh, money) add up over a period; a headcount is a stock at the period's end. */
export const EXCHANGE_METRICS = [
  /** 用电量, kWh (供电公司) */
  'electricity-kwh',
  /** 其他能源消费折标准煤 (天然气、煤、蒸汽…), tce */
  'energy-other-tce',
  /** 税收 (实缴税金), 万元 (税务局) */
  'tax',
  /** 应税销售收入, 万元 (税务局) */
  'taxable-sales',
  /** 营业收入, 万元 (统计局 / 税务局) */
  'revenue',
  /** 工业总产值, 万元 (统计局) */
  'output',
  /** 参保人数 at the period's end, 人 (人社局) */
  'insured-employees',
] as const;
export type ExchangeMetric = (typeof EXCHANGE_METRICS)[number];

export const EXCHANGE_METRIC_UNITS: Readonly<Record<ExchangeMetric, string>> = {
  'electricity-kwh': 'kWh',
  'energy-other-tce': 'tce',
  tax: '万元',
  'taxable-sales': '万元',
  revenue: '万元',
  output: '万元',
  'insured-employees': '人',
};

/** Metrics measured at a moment (the period's end), not summed over it. */
export const STOCK_METRICS: readonly ExchangeMetric[] = ['insured-employees'];

export function isExchangeMetric(value: unknown): value is ExchangeMetric {
  return typeof value === 'string' && (EXCHANGE_METRICS as readonly string[]).includes(value);
}

/** Which kind of system a source is. A source's key is scoped to metrics; the kind names who it is. */
export const SOURCE_KINDS = [
  /** 供电公司 */
  'power-company',
  /** 税务局 */
  'tax-bureau',
  /** 人力资源和社会保障局 */
  'hr-bureau',
  /** 统计局 */
  'statistics-bureau',
  /** 其他 */
  'other',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export function isSourceKind(value: unknown): value is SourceKind {
  return typeof value === 'string' && (SOURCE_KINDS as readonly string[]).includes(value);
}

/**
 * Where an indicator's figure came from: a source system of a kind, the platform's own power meters (`metered`),
 * or the annual indicators typed in or imported by staff (`manual`). The precedence setting orders these.
 */
export type FigureOrigin = SourceKind | 'metered' | 'manual';

export type PeriodKind = 'year' | 'quarter' | 'month';

/** A reporting period: `2026` (year), `2026-Q1` (quarter), `2026-03` (month). `index` is 0 for a year. */
export interface ExchangePeriod {
  readonly kind: PeriodKind;
  readonly year: number;
  /** 1–12 for a month, 1–4 for a quarter, 0 for a year. */
  readonly index: number;
}

const PERIOD = /^(\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])))?$/;

/** Parses `2026`, `2026-Q1` (also `2026Q1`, lower case q) or `2026-03` (also `202603`); null when it is none of them. */
export function parsePeriod(text: string): ExchangePeriod | null {
  const normalized = text
    .trim()
    .toUpperCase()
    .replace(/^(\d{4})Q([1-4])$/, '$1-Q$2')
    .replace(/^(\d{4})(0[1-9]|1[0-2])$/, '$1-$2');
  const m = PERIOD.exec(normalized);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) return null;
  if (m[2]) return { kind: 'quarter', year, index: Number(m[2]) };
  if (m[3]) return { kind: 'month', year, index: Number(m[3]) };
  return { kind: 'year', year, index: 0 };
}

/** The canonical text of a period: `2026`, `2026-Q1`, `2026-03`. */
export function formatPeriod(p: ExchangePeriod): string {
  if (p.kind === 'year') return String(p.year);
  if (p.kind === 'quarter') return `${p.year}-Q${p.index}`;
  return `${p.year}-${String(p.index).padStart(2, '0')}`;
}

/** The months (1–12) a period covers. */
export function periodMonths(p: ExchangePeriod): number[] {
  if (p.kind === 'month') return [p.index];
  if (p.kind === 'quarter') return [3 * p.index - 2, 3 * p.index - 1, 3 * p.index];
  return [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
}

import type { IndicatorProgress, PlanIndicator } from '@park/contracts';

/** What the plan's indicators are computed from, for one year (pure input; the service gathers it). */
export interface YearFacts {
  readonly year: number;
  /** Per live enterprise: its flags and that year's indicators (null when not reported). */
  readonly enterprises: readonly {
    readonly manufacturer: boolean;
    readonly coreIndustry: boolean;
    readonly incubating: boolean;
    readonly revenue: number | null;
    readonly taxableSales: number | null;
    readonly output: number | null;
    readonly highTechOutput: number | null;
    readonly inventionPatents: number | null;
  }[];
  /** Σ high-tech investment of every plan year up to and including this one, 万元; null when none was reported. */
  readonly cumulativeHighTechInvestment: number | null;
  /** Σ floor area of carriers and Σ area leased at the end of the year, m². */
  readonly carrierFloorM2: number;
  readonly carrierLeasedM2: number;
  /** Σ area of inefficient parcels revitalized from the plan's start (2023) up to this year, 亩. */
  readonly revitalizedMu: number;
}

/** 规模以上工业企业: annual main-business revenue of 20 million yuan (2,000 万元) or more (国家统计局, 2011). */
export const ABOVE_SCALE_REVENUE = 2000;

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;
const roundOrNull = (v: number | null, digits = 2) => (v === null ? null : round(v, digits));

/** Σ of the reported values; null when none is reported (a year nobody reported is "未上报", never 0). */
export function sumReported(vs: readonly (number | null)[]): number | null {
  const reported = vs.filter((v): v is number => v !== null);
  return reported.length === 0 ? null : reported.reduce((a, v) => a + v, 0);
}

/** part / whole in %, one decimal; null when either is unknown or the whole is not above 0. */
function percentOf(part: number | null, whole: number | null): number | null {
  return part === null || whole === null || whole <= 0 ? null : round((part / whole) * 100, 1);
}

/**
 * The value of each plan indicator in a year, computed from the records. A figure that rests on that year's
 * reports is null when no enterprise reported what it needs: a year without indicator rows is "not reported",
 * not 0 firms, 0 patents or a 0 % share.
 */
export function planValues(facts: YearFacts): Record<PlanIndicator, { value: number | null; unit: string }> {
  const e = facts.enterprises;
  const manufacturers = e.filter((x) => x.manufacturer);
  const revenueReported = manufacturers.filter((x) => x.revenue !== null);
  const aboveScale = revenueReported.filter((x) => x.revenue! >= ABOVE_SCALE_REVENUE);
  // The share is taken over the enterprises that reported their output; among them an empty 高新技术产业产值
  // is none. Nobody reporting 高新技术产业产值 at all leaves the share unknown.
  const outputReporters = e.filter((x) => x.output !== null);
  const highTechOutput = e.some((x) => x.highTechOutput !== null)
    ? outputReporters.reduce((a, x) => a + (x.highTechOutput ?? 0), 0)
    : null;
  return {
    'high-tech-investment': { value: roundOrNull(facts.cumulativeHighTechInvestment), unit: '万元' },
    'high-tech-output-share': {
      value: percentOf(highTechOutput, sumReported(outputReporters.map((x) => x.output))),
      unit: '%',
    },
    'core-industry-share': {
      value: percentOf(manufacturers.filter((x) => x.coreIndustry).length, manufacturers.length),
      unit: '%',
    },
    'carrier-occupancy': { value: percentOf(facts.carrierLeasedM2, facts.carrierFloorM2), unit: '%' },
    'inefficient-land-revitalized': { value: round(facts.revitalizedMu, 1), unit: '亩' },
    'above-scale-enterprises': {
      value: revenueReported.length === 0 ? null : aboveScale.length,
      unit: '家',
    },
    'above-scale-taxable-sales': {
      value:
        revenueReported.length === 0
          ? null
          : aboveScale.length === 0
            ? 0
            : roundOrNull(sumReported(aboveScale.map((x) => x.taxableSales))),
      unit: '万元',
    },
    'invention-patents': { value: sumReported(e.map((x) => x.inventionPatents)), unit: '件' },
    'incubating-projects': { value: e.filter((x) => x.incubating).length, unit: '个' },
  };
}

/** Progress towards a target; an unreported value has no progress and is neither met nor missed. */
export function progressAgainst(
  values: Record<PlanIndicator, { value: number | null; unit: string }>,
  targets: readonly { indicator: PlanIndicator; target: number; comparator: 'gt' | 'gte' }[],
): IndicatorProgress[] {
  return (Object.keys(values) as PlanIndicator[]).map((indicator) => {
    const { value, unit } = values[indicator];
    const t = targets.find((x) => x.indicator === indicator);
    if (!t) return { indicator, unit, value, target: null, comparator: null, progress: null, met: null };
    return {
      indicator,
      unit,
      value,
      target: t.target,
      comparator: t.comparator,
      progress: value !== null && t.target > 0 ? round((value / t.target) * 100, 1) : null,
      met: value === null ? null : t.comparator === 'gt' ? value > t.target : value >= t.target,
    };
  });
}

/** One enterprise's year so far (from monthly or quarterly source figures). */
export interface YearToDateFacts {
  readonly manufacturer: boolean;
  readonly revenue: { value: number; throughMonth: number } | null;
  readonly taxableSales: { value: number; throughMonth: number } | null;
}

/**
 * The plan indicators the year's periodic figures can give before the year ends (docs/analytics.md "年内进度"):
 * 规上工业企业 — manufacturers whose revenue so far already reached 2,000 万元 (a floor: revenue only adds up) —
 * and their taxable sales so far. `throughMonth` is the last month any enterprise's figures reach; `behind`
 * counts the enterprises whose figures stop earlier (they count with what they sent).
 */
export function yearToDateValues(entries: readonly YearToDateFacts[]): {
  throughMonth: number | null;
  behind: number;
  values: Partial<Record<PlanIndicator, { value: number | null; unit: string }>>;
} {
  const reach = (e: YearToDateFacts) =>
    Math.max(e.revenue?.throughMonth ?? 0, e.taxableSales?.throughMonth ?? 0);
  const through = Math.max(0, ...entries.map(reach));
  if (through === 0) return { throughMonth: null, behind: 0, values: {} };
  const manufacturers = entries.filter((e) => e.manufacturer && e.revenue !== null);
  const aboveScale = manufacturers.filter((e) => e.revenue!.value >= ABOVE_SCALE_REVENUE);
  return {
    throughMonth: through,
    behind: entries.filter((e) => reach(e) > 0 && reach(e) < through).length,
    values: {
      'above-scale-enterprises': { value: manufacturers.length === 0 ? null : aboveScale.length, unit: '家' },
      'above-scale-taxable-sales': {
        value:
          manufacturers.length === 0
            ? null
            : aboveScale.length === 0
              ? 0
              : roundOrNull(sumReported(aboveScale.map((e) => e.taxableSales?.value ?? null))),
        unit: '万元',
      },
    },
  };
}

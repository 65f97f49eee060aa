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
  /** Σ high-tech investment of every year up to and including this one, 万元. */
  readonly cumulativeHighTechInvestment: number;
  /** Σ floor area of carriers and Σ area leased at the end of the year, m². */
  readonly carrierFloorM2: number;
  readonly carrierLeasedM2: number;
  /** Σ area of inefficient parcels revitalized from the plan's start (2023) up to this year, 亩. */
  readonly revitalizedMu: number;
}

/** 规模以上工业企业: annual main-business revenue of 20 million yuan (2,000 万元) or more (国家统计局, 2011). */
export const ABOVE_SCALE_REVENUE = 2000;

const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;
const sum = (vs: readonly (number | null)[]) => vs.reduce<number>((a, v) => a + (v ?? 0), 0);

/** The value of each plan indicator in a year, computed from the records. */
export function planValues(facts: YearFacts): Record<PlanIndicator, { value: number; unit: string }> {
  const e = facts.enterprises;
  const manufacturers = e.filter((x) => x.manufacturer);
  const aboveScale = manufacturers.filter((x) => (x.revenue ?? 0) >= ABOVE_SCALE_REVENUE);
  const output = sum(e.map((x) => x.output));
  return {
    'high-tech-investment': { value: round(facts.cumulativeHighTechInvestment), unit: '万元' },
    'high-tech-output-share': {
      value: output > 0 ? round((sum(e.map((x) => x.highTechOutput)) / output) * 100, 1) : 0,
      unit: '%',
    },
    'core-industry-share': {
      value:
        manufacturers.length > 0
          ? round((manufacturers.filter((x) => x.coreIndustry).length / manufacturers.length) * 100, 1)
          : 0,
      unit: '%',
    },
    'carrier-occupancy': {
      value: facts.carrierFloorM2 > 0 ? round((facts.carrierLeasedM2 / facts.carrierFloorM2) * 100, 1) : 0,
      unit: '%',
    },
    'inefficient-land-revitalized': { value: round(facts.revitalizedMu, 1), unit: '亩' },
    'above-scale-enterprises': { value: aboveScale.length, unit: '家' },
    'above-scale-taxable-sales': { value: round(sum(aboveScale.map((x) => x.taxableSales))), unit: '万元' },
    'invention-patents': { value: sum(e.map((x) => x.inventionPatents)), unit: '件' },
    'incubating-projects': { value: e.filter((x) => x.incubating).length, unit: '个' },
  };
}

export function progressAgainst(
  values: Record<PlanIndicator, { value: number; unit: string }>,
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
      progress: t.target > 0 ? round((value / t.target) * 100, 1) : null,
      met: t.comparator === 'gt' ? value > t.target : value >= t.target,
    };
  });
}

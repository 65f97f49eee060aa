/**
 * The four cultivation libraries' measures and thresholds (四大培育库), pure: what each library measures an
 * enterprise by, the threshold that counts as reached, and an entry's progress towards it. docs/analytics.md
 * says where each threshold comes from.
 */
import type { CultivationEntry } from '@park/contracts';
import type { CultivationLibrary, EnterpriseEntity, EnterpriseIndicatorEntity } from '@park/records';
import { ABOVE_SCALE_REVENUE } from './plan-progress';

type Indicators = Pick<EnterpriseIndicatorEntity, 'revenue' | 'rdExpense'> | undefined;

interface LibraryMeasure {
  readonly measure: string;
  readonly flag: keyof EnterpriseEntity;
  readonly value: (i: Indicators) => number | null;
  /** The threshold this enterprise is held to; null when it depends on a figure not reported. */
  readonly threshold: (i: Indicators) => number | null;
}

/**
 * The R&D intensity (研发费用 / 销售收入, %) a 高新技术企业 must reach, by its revenue (万元):
 * 《高新技术企业认定管理办法》(国科发火〔2016〕32号) 第十一条（五）— 最近一年销售收入小于5,000万元（含）的企业，比例不低于5%；
 * 在5,000万元至2亿元（含）的企业，比例不低于4%；在2亿元以上的企业，比例不低于3%. Null without revenue.
 */
export function highTechRdBand(revenueWan: number | null | undefined): number | null {
  if (revenueWan === null || revenueWan === undefined) return null;
  if (revenueWan <= 5_000) return 5;
  if (revenueWan <= 20_000) return 4;
  return 3;
}

const revenue = (i: Indicators) => i?.revenue ?? null;

export const LIBRARY_MEASURES: Readonly<Record<CultivationLibrary, LibraryMeasure>> = {
  'above-scale': {
    measure: 'revenue 万元',
    flag: 'aboveScale',
    value: revenue,
    threshold: () => ABOVE_SCALE_REVENUE,
  },
  'revenue-100m': {
    measure: 'revenue 万元',
    flag: 'revenueOver100m',
    value: revenue,
    threshold: () => 10_000,
  },
  'high-tech': {
    measure: 'R&D / revenue %',
    flag: 'highTech',
    value: (i) => (i?.rdExpense != null && i.revenue ? (i.rdExpense / i.revenue) * 100 : null),
    threshold: (i) => highTechRdBand(i?.revenue),
  },
  listed: { measure: 'revenue 万元', flag: 'listed', value: revenue, threshold: () => 30_000 },
};

/** One enterprise in one library: its measure that year, the threshold it is held to, and value / threshold. */
export function cultivationEntry(
  library: CultivationLibrary,
  enterprise: Pick<EnterpriseEntity, 'id' | 'name'> & Partial<EnterpriseEntity>,
  indicators: Indicators,
): CultivationEntry {
  const m = LIBRARY_MEASURES[library];
  const value = m.value(indicators);
  const threshold = m.threshold(indicators);
  return {
    enterpriseId: enterprise.id,
    name: enterprise.name,
    achieved: enterprise[m.flag] === true,
    measure: m.measure,
    value: value === null ? null : Math.round(value * 100) / 100,
    threshold,
    progress: value === null || threshold === null ? null : Math.round((value / threshold) * 1000) / 10,
  };
}

/**
 * The four cultivation libraries' measures and thresholds (四大培育库), pure: what each library measures an
 * enterprise by, the threshold that counts as reached, and an entry's progress towards it. docs/analytics.md
 * says where each threshold comes from.
 */
import { countsOn, QUALIFICATION_RULES, type CultivationBasis, type CultivationEntry } from '@park/contracts';
import type {
  CultivationLibrary,
  EnterpriseEntity,
  EnterpriseIndicatorEntity,
  QualificationEntity,
} from '@park/records';
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

type Certificate = Pick<QualificationEntity, 'id' | 'type' | 'certificateNo' | 'issuedOn' | 'expiresOn'>;
type Member = Pick<EnterpriseEntity, 'id' | 'name'> & Partial<EnterpriseEntity>;

/**
 * Whether an enterprise is in a library, and why: its flag (reached), the library on its cultivation list, or a
 * certificate of a type that leads to the library (QUALIFICATION_RULES) valid on `today`. Null when none holds —
 * an expired certificate alone does not keep it in. Its expired certificates of the library's types are listed too
 * (`counts: false`) when it is in for another reason.
 */
export function libraryMembership(
  library: CultivationLibrary,
  enterprise: Member,
  certificates: readonly Certificate[],
  today: string,
): { achieved: boolean; basis: CultivationBasis[] } | null {
  const basis: CultivationBasis[] = [];
  const flagged = enterprise[LIBRARY_MEASURES[library].flag] === true;
  if (flagged) basis.push({ kind: 'flag' });
  if (enterprise.cultivation?.includes(library)) basis.push({ kind: 'cultivation' });
  let certified = false;
  let reachedByCertificate = false;
  for (const c of certificates) {
    const rule = QUALIFICATION_RULES[c.type];
    if (rule.library !== library || c.issuedOn > today) continue;
    const counts = countsOn(c, today);
    certified ||= counts;
    reachedByCertificate ||= counts && rule.reaches;
    basis.push({
      kind: 'certificate',
      qualificationId: c.id,
      type: c.type,
      certificateNo: c.certificateNo,
      expiresOn: c.expiresOn,
      reaches: rule.reaches,
      counts,
    });
  }
  if (!flagged && !enterprise.cultivation?.includes(library) && !certified) return null;
  return { achieved: flagged || reachedByCertificate, basis };
}

/**
 * One enterprise in one library: its measure that year, the threshold it is held to, and value / threshold; with
 * its membership (`libraryMembership`) when it is in, or as its record alone says.
 */
export function cultivationEntry(
  library: CultivationLibrary,
  enterprise: Member,
  indicators: Indicators,
  membership?: { achieved: boolean; basis: CultivationBasis[] },
): CultivationEntry {
  const m = LIBRARY_MEASURES[library];
  const value = m.value(indicators);
  const threshold = m.threshold(indicators);
  const member = membership ?? libraryMembership(library, enterprise, [], '');
  return {
    enterpriseId: enterprise.id,
    name: enterprise.name,
    achieved: member?.achieved ?? enterprise[m.flag] === true,
    measure: m.measure,
    value: value === null ? null : Math.round(value * 100) / 100,
    threshold,
    progress: value === null || threshold === null ? null : Math.round((value / threshold) * 1000) / 10,
    basis: member?.basis ?? [],
  };
}

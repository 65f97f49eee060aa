/**
 * The electricity reconciliation (docs/energy.md "电量核对"), pure: per month, the platform's metered kWh against
 * the kWh the power supply company sent, their difference and the difference in % of the company's figure.
 */
import type { ReconciliationMonth } from '@park/contracts';

const round = (v: number, digits = 3) => Math.round(v * 10 ** digits) / 10 ** digits;

/** 差额 = metered − company (kWh); 差额率 = 差额 / company × 100 (%), null unless both exist and company > 0. */
export function difference(
  meteredKwh: number | null,
  companyKwh: number | null,
): { differenceKwh: number | null; differencePct: number | null } {
  if (meteredKwh === null || companyKwh === null) return { differenceKwh: null, differencePct: null };
  const differenceKwh = round(meteredKwh - companyKwh);
  return {
    differenceKwh,
    differencePct: companyKwh > 0 ? round((differenceKwh / companyKwh) * 100, 1) : null,
  };
}

/**
 * Twelve months side by side, and the year's totals: each side's sum over the months it has, and the difference
 * over the months both have (a month without meter data is 无计量数据 and left out of the difference, not 0).
 */
export function reconcile(
  metered: readonly (number | null)[],
  company: readonly (number | null)[],
): {
  months: ReconciliationMonth[];
  meteredKwh: number | null;
  companyKwh: number | null;
  differenceKwh: number | null;
  differencePct: number | null;
} {
  const months = Array.from({ length: 12 }, (_, i) => {
    const meteredKwh = metered[i] ?? null;
    const companyKwh = company[i] ?? null;
    return { month: i + 1, meteredKwh, companyKwh, ...difference(meteredKwh, companyKwh) };
  });
  const sum = (vs: (number | null)[]) => {
    const present = vs.filter((v): v is number => v !== null);
    return present.length === 0 ? null : round(present.reduce((a, v) => a + v, 0));
  };
  const both = months.filter((m) => m.meteredKwh !== null && m.companyKwh !== null);
  const total =
    both.length === 0
      ? { differenceKwh: null, differencePct: null }
      : difference(sum(both.map((m) => m.meteredKwh)), sum(both.map((m) => m.companyKwh)));
  return {
    months,
    meteredKwh: sum(months.map((m) => m.meteredKwh)),
    companyKwh: sum(months.map((m) => m.companyKwh)),
    ...total,
  };
}

/**
 * 园区指标目标的调整 — the target form as a pure function (no DOM): a year of the plan, a value of 0 or more in the
 * indicator's unit and its comparator (达到 ≥ / 超过 >), checked as TargetDto checks it
 * (apps/api/src/analytics/analytics.dto.ts). The figure is typed in the unit the dashboard shows it in — an
 * amount in 亿元, as the plan states it — and sent in the unit the API keeps (万元): the conversion happens here
 * only (@park/contracts fromPlanUnit). Unit-tested in target-form.spec.ts.
 */
import { fromPlanUnit, toPlanUnit } from '@park/contracts';
import type { Checked, FieldProblem } from '../records/enterprise-form';
import type { Comparator, TargetBody } from './plan-api';

export interface TargetForm {
  readonly year: string;
  readonly target: string;
  readonly comparator: Comparator;
}

export const TARGET_YEAR_MIN = 1990;
export const TARGET_YEAR_MAX = 2100;

/** The form opened on a target: its year and comparator, the figure in the unit shown (万元 → 亿元). */
export function targetFormFor(
  row: {
    readonly target: number | null;
    readonly targetYear: number | null;
    readonly comparator: Comparator | null;
  },
  year: number,
  unit: string,
): TargetForm {
  return {
    year: String(row.targetYear ?? year),
    target: row.target === null ? '' : String(toPlanUnit(row.target, unit).value),
    comparator: row.comparator ?? 'gte',
  };
}

/** `unit`: the indicator's unit as the API states it (万元 for an amount, which the form takes in 亿元). */
export function checkTargetForm(form: TargetForm, unit: string): Checked<{ year: number; body: TargetBody }> {
  const errors: Record<string, FieldProblem> = {};
  const yearText = form.year.trim();
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < TARGET_YEAR_MIN || year > TARGET_YEAR_MAX)
    errors.year = { key: 'records.edit.error.year', params: { min: TARGET_YEAR_MIN, max: TARGET_YEAR_MAX } };
  const text = form.target.trim().replace(/,/g, '');
  if (!text) errors.target = { key: 'records.edit.error.required' };
  else if (!/^\d+(\.\d+)?$/.test(text)) errors.target = { key: 'records.edit.error.number' };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: { year, body: { target: fromPlanUnit(Number(text), unit), comparator: form.comparator } },
  };
}

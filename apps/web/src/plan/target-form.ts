/**
 * 园区指标目标的调整 — the target form as a pure function (no DOM): a year of the plan, a value of 0 or more in the
 * indicator's unit and its comparator (达到 ≥ / 超过 >), checked as TargetDto checks it
 * (apps/api/src/analytics/analytics.dto.ts). Unit-tested in target-form.spec.ts.
 */
import type { Checked, FieldProblem } from '../records/enterprise-form';
import type { Comparator, TargetBody } from './plan-api';

export interface TargetForm {
  readonly year: string;
  readonly target: string;
  readonly comparator: Comparator;
}

export const TARGET_YEAR_MIN = 1990;
export const TARGET_YEAR_MAX = 2100;

export function checkTargetForm(form: TargetForm): Checked<{ year: number; body: TargetBody }> {
  const errors: Record<string, FieldProblem> = {};
  const yearText = form.year.trim();
  const year = Number(yearText);
  if (!/^\d{4}$/.test(yearText) || year < TARGET_YEAR_MIN || year > TARGET_YEAR_MAX)
    errors.year = { key: 'records.edit.error.year', params: { min: TARGET_YEAR_MIN, max: TARGET_YEAR_MAX } };
  const text = form.target.trim().replace(/,/g, '');
  if (!text) errors.target = { key: 'records.edit.error.required' };
  else if (!/^\d+(\.\d+)?$/.test(text)) errors.target = { key: 'records.edit.error.number' };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: { year, body: { target: Number(text), comparator: form.comparator } } };
}

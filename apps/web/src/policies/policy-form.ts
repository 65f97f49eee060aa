/**
 * The 惠企政策 form, pure: a policy as the form holds it (strings, one row per condition), back to the API's body,
 * and what stops it being sent — each problem on its field (`name`, `conditions.2.value`). The API checks the same
 * again (checkCriteria in @park/contracts). Unit-tested in policy-form.spec.ts.
 */
import {
  isNumericField,
  POLICY_FIELDS,
  type Grade,
  type PolicyComparator,
  type PolicyCondition,
  type PolicyField,
} from '@park/contracts';
import type { MessageKey } from '../i18n/messages';
import type { NewPolicy, Policy } from './policies-api';

export interface ConditionRow {
  readonly field: PolicyField;
  readonly comparator: PolicyComparator;
  readonly value: string;
  /** Empty: the latest year with indicators. */
  readonly year: string;
  readonly grade: Grade;
  /** Qualification types or libraries chosen. */
  readonly codes: readonly string[];
  /** Industry code prefixes as typed (`34, 39`). */
  readonly industry: string;
}

export interface PolicyForm {
  readonly name: string;
  readonly issuer: string;
  readonly documentNo: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly benefit: string;
  readonly summary: string;
  readonly url: string;
  readonly nearMarginPercent: string;
  readonly conditions: readonly ConditionRow[];
}

export const FIELD_LABELS: Readonly<Record<PolicyField, MessageKey>> = Object.fromEntries(
  POLICY_FIELDS.map((f) => [f, `policies.field.${f}` as MessageKey]),
) as Record<PolicyField, MessageKey>;

export const EMPTY_CONDITION: ConditionRow = {
  field: 'revenue',
  comparator: 'gte',
  value: '',
  year: '',
  grade: 'B',
  codes: [],
  industry: '',
};

export const EMPTY_POLICY_FORM: PolicyForm = {
  name: '',
  issuer: '',
  documentNo: '',
  validFrom: '',
  validTo: '',
  benefit: '',
  summary: '',
  url: '',
  nearMarginPercent: '20',
  conditions: [EMPTY_CONDITION],
};

export function rowOf(c: PolicyCondition): ConditionRow {
  return {
    ...EMPTY_CONDITION,
    field: c.field,
    comparator: c.comparator ?? 'gte',
    value: c.value === undefined ? '' : String(c.value),
    year: c.year === undefined || c.year === null ? '' : String(c.year),
    grade: c.grade ?? 'B',
    codes: c.field === 'industry' ? [] : (c.codes ?? []),
    industry: c.field === 'industry' ? (c.codes ?? []).join(', ') : '',
  };
}

export function formOf(p: Policy): PolicyForm {
  return {
    name: p.name,
    issuer: p.issuer,
    documentNo: p.documentNo ?? '',
    validFrom: p.validFrom ?? '',
    validTo: p.validTo ?? '',
    benefit: p.benefit ?? '',
    summary: p.summary ?? '',
    url: p.url ?? '',
    nearMarginPercent: String(p.nearMarginPercent),
    conditions: p.criteria.map(rowOf),
  };
}

export type PolicyFormErrors = Readonly<Record<string, MessageKey>>;

const number = (s: string): number | null => {
  const n = Number(s.trim().replace(/,/g, ''));
  return s.trim() !== '' && Number.isFinite(n) ? n : null;
};

function conditionOf(row: ConditionRow, i: number, errors: Record<string, MessageKey>): PolicyCondition {
  const at = (k: string) => `conditions.${i}.${k}`;
  const year = row.year.trim() === '' ? null : number(row.year);
  if (year !== null && (!Number.isInteger(year) || year < 2000 || year > 2100))
    errors[at('year')] = 'policies.form.error.year';
  if (row.year.trim() !== '' && year === null) errors[at('year')] = 'policies.form.error.year';
  if (isNumericField(row.field)) {
    const value = number(row.value);
    if (value === null || value < 0) errors[at('value')] = 'policies.form.error.number';
    else if (row.field === 'rd-intensity' && value > 100) errors[at('value')] = 'policies.form.error.percent';
    return { field: row.field, comparator: row.comparator, value: value ?? 0, year };
  }
  if (row.field === 'grade') return { field: 'grade', grade: row.grade, year };
  if (row.field === 'core-industry' || row.field === 'manufacturer') return { field: row.field };
  if (row.field === 'industry') {
    const codes = row.industry
      .split(/[,，、\s]+/)
      .map((c) => c.trim())
      .filter((c) => c !== '');
    if (codes.length === 0) errors[at('codes')] = 'policies.form.error.codes';
    else if (codes.some((c) => !/^\d{2,4}$/.test(c))) errors[at('codes')] = 'policies.form.error.industry';
    return { field: 'industry', codes };
  }
  if (row.codes.length === 0) errors[at('codes')] = 'policies.form.error.codes';
  return { field: row.field, codes: [...row.codes] };
}

/** The body to send, or the problems by field. */
export function checkPolicyForm(
  form: PolicyForm,
): { ok: true; body: NewPolicy } | { ok: false; errors: PolicyFormErrors } {
  const errors: Record<string, MessageKey> = {};
  if (form.name.trim() === '') errors.name = 'policies.form.error.required';
  if (form.issuer.trim() === '') errors.issuer = 'policies.form.error.required';
  if (form.validFrom && form.validTo && form.validTo < form.validFrom)
    errors.validTo = 'policies.form.error.dates';
  if (form.url.trim() !== '' && !/^https?:\/\/\S+$/.test(form.url.trim()))
    errors.url = 'policies.form.error.url';
  const margin = number(form.nearMarginPercent);
  if (margin === null || margin < 0 || margin > 100) errors.nearMarginPercent = 'policies.form.error.percent';
  if (form.conditions.length === 0) errors.conditions = 'policies.form.error.noCondition';
  const criteria = form.conditions.map((row, i) => conditionOf(row, i, errors));
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const text = (s: string) => (s.trim() === '' ? null : s.trim());
  return {
    ok: true,
    body: {
      name: form.name.trim(),
      issuer: form.issuer.trim(),
      documentNo: text(form.documentNo),
      validFrom: form.validFrom || null,
      validTo: form.validTo || null,
      benefit: text(form.benefit),
      summary: text(form.summary),
      url: text(form.url),
      nearMarginPercent: margin ?? 20,
      // The body's schema has mutable lists.
      criteria: criteria.map((c) => (c.codes ? { ...c, codes: [...c.codes] } : { ...c, codes: undefined })),
    },
  };
}

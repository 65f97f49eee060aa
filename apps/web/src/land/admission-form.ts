/**
 * 产业载体准入清单 — the admission list's entry form as pure functions (no DOM): a GB/T 4754 code of 2–4 digits, a
 * level (鼓励 / 限制 / 禁止) and the reason shown to whoever is warned or refused, checked as AdmissionEntryDto and
 * IndustryCodeParam check them (apps/api/src/carriers/carrier.dto.ts); and the list in the order officials read it
 * (禁止, 限制, 鼓励; by code within a level). Unit-tested in admission-form.spec.ts.
 */
import { ADMISSION_LEVELS, admissionFor, type AdmissionLevel, type AdmissionRule } from '@park/contracts';
import type { Checked, FieldProblem } from '../records/enterprise-form';
import { INDUSTRY_CODE_PATTERN } from '../records/enterprise-form';

export const REASON_MAX = 1000;

export interface AdmissionForm {
  readonly industryCode: string;
  readonly level: AdmissionLevel | '';
  readonly reason: string;
}

export interface AdmissionEntryBody {
  readonly industryCode: string;
  readonly level: AdmissionLevel;
  readonly reason: string;
}

export const EMPTY_ADMISSION_FORM: AdmissionForm = { industryCode: '', level: '', reason: '' };

export function checkAdmissionForm(form: AdmissionForm): Checked<AdmissionEntryBody> {
  const errors: Record<string, FieldProblem> = {};
  const industryCode = form.industryCode.trim();
  if (!industryCode) errors.industryCode = { key: 'records.edit.error.required' };
  else if (!INDUSTRY_CODE_PATTERN.test(industryCode))
    errors.industryCode = { key: 'records.edit.error.industryCode' };
  if (!form.level || !(ADMISSION_LEVELS as readonly string[]).includes(form.level))
    errors.level = { key: 'records.edit.error.required' };
  const reason = form.reason.trim();
  if (!reason) errors.reason = { key: 'records.edit.error.required' };
  else if (reason.length > REASON_MAX)
    errors.reason = { key: 'admission.error.reasonLength', params: { max: REASON_MAX } };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: { industryCode, level: form.level as AdmissionLevel, reason } };
}

const LEVEL_ORDER: Readonly<Record<AdmissionLevel, number>> = { prohibited: 0, restricted: 1, encouraged: 2 };

/** 禁止 first, then 限制, then 鼓励; by code within a level (a division before its groups and classes). */
export function admissionOrder<T extends { industryCode: string; level: AdmissionLevel }>(
  entries: readonly T[],
): T[] {
  return [...entries].sort(
    (a, b) =>
      LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
      (a.industryCode < b.industryCode ? -1 : a.industryCode > b.industryCode ? 1 : 0),
  );
}

/**
 * What a code falls under today, leaving out its own line: the longest listed prefix decides, as the API decides
 * (admissionFor in @park/contracts). Shown next to the form so an officer sees what a new line would override.
 */
export function governingEntry<T extends AdmissionRule>(entries: readonly T[], code: string): T | null {
  const verdict = admissionFor(
    code,
    entries.filter((e) => e.industryCode !== code),
  );
  return verdict.rule === null
    ? null
    : (entries.find((e) => e.industryCode === verdict.rule.industryCode) ?? null);
}

/**
 * 企业档案的编辑 — the enterprise records' forms as pure functions (no DOM): the profile (name, credit code, industry
 * code, address, contact, flags), one year's indicators and a dynamic event, each checked as the API checks it
 * (apps/api/src/enterprises/enterprise.dto.ts) so a mistake is named on its field, in the interface's language,
 * before a request — the credit code by the very check the API runs (checkCreditCode, @park/contracts) — and
 * turned into a body carrying only what changed. A refusal the API still answers (a credit code another enterprise
 * holds) is placed on its field by `apiFieldErrors`. Unit-tested in enterprise-form.spec.ts.
 */
import { checkCreditCode, type CreditCodeFault } from '@park/contracts';
import { ApiError } from '../api/http';
import type { MessageKey } from '../i18n/messages';
import { INDICATOR_ROWS, type IndicatorField } from './enterprise-records';
import type {
  Enterprise,
  EnterpriseIndicators,
  EnterpriseUpdate,
  IndicatorsUpdate,
  NewRecordEvent,
  RecordEventType,
} from './records-api';

/** A field's problem: a message key and its placeholders. */
export interface FieldProblem {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, string | number>>;
}
export type FieldErrors = Readonly<Record<string, FieldProblem>>;
export type Checked<T> =
  { readonly ok: true; readonly body: T } | { readonly ok: false; readonly errors: FieldErrors };

/** UpdateEnterpriseDto's lengths. */
export const NAME_MAX = 200;
export const CONTACT_NAME_MAX = 64;
export const PHONE_MAX = 32;
export const ADDRESS_MAX = 300;
/** GB/T 4754-2017: a division (2 digits), group (3) or class (4) — INDUSTRY_CODE_PATTERN of the API. */
export const INDUSTRY_CODE_PATTERN = /^\d{2,4}$/;
/** A mainland mobile (11 digits from 1), or a landline with area code and optional extension. */
export const PHONE_PATTERN = /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

/** The flags of EnterpriseView the form edits, in the order it shows them. */
export const ENTERPRISE_FLAGS = [
  'aboveScale',
  'highTech',
  'listed',
  'revenueOver100m',
  'manufacturer',
  'coreIndustry',
  'incubating',
] as const;
export type EnterpriseFlag = (typeof ENTERPRISE_FLAGS)[number];

export const FLAG_LABELS: Readonly<Record<EnterpriseFlag, MessageKey>> = {
  aboveScale: 'records.flag.aboveScale',
  highTech: 'records.flag.highTech',
  listed: 'records.flag.listed',
  revenueOver100m: 'records.flag.revenueOver100m',
  manufacturer: 'records.flag.manufacturer',
  coreIndustry: 'records.flag.coreIndustry',
  incubating: 'records.flag.incubating',
};

export interface ProfileForm {
  readonly name: string;
  readonly creditCode: string;
  readonly industryCode: string;
  readonly address: string;
  readonly contactName: string;
  readonly contactPhone: string;
  readonly flags: Readonly<Record<EnterpriseFlag, boolean>>;
}

export function profileFormOf(e: Enterprise): ProfileForm {
  return {
    name: e.name,
    creditCode: e.creditCode,
    industryCode: e.industryCode ?? '',
    address: e.address ?? '',
    contactName: e.contactName ?? '',
    contactPhone: e.contactPhone ?? '',
    flags: Object.fromEntries(ENTERPRISE_FLAGS.map((f) => [f, e[f]])) as Record<EnterpriseFlag, boolean>,
  };
}

/** A credit code's fault in the interface's words. */
export function creditCodeProblem(fault: CreditCodeFault): FieldProblem {
  switch (fault.kind) {
    case 'length':
      return { key: 'records.edit.error.creditCodeLength', params: { length: fault.length } };
    case 'character':
      return { key: 'records.edit.error.creditCodeCharacter', params: { character: fault.character } };
    case 'check':
      return {
        key: 'records.edit.error.creditCodeCheck',
        params: { expected: fault.expected, actual: fault.actual },
      };
  }
}

const tooLong = (max: number): FieldProblem => ({ key: 'records.edit.error.tooLong', params: { max } });

/** A text the API keeps nullable: blank → null. */
const optional = (value: string): string | null => value.trim() || null;

/** The profile form → PATCH /api/enterprises/{id} body with only what changed (possibly empty). */
export function checkProfileForm(e: Enterprise, form: ProfileForm): Checked<EnterpriseUpdate> {
  const errors: Record<string, FieldProblem> = {};
  const name = form.name.trim();
  if (!name) errors.name = { key: 'records.edit.error.required' };
  else if (name.length > NAME_MAX) errors.name = tooLong(NAME_MAX);

  // Upper-cased as typed: GB 32100 uses capitals only, and a lower-case letter is the commonest slip.
  const creditCode = form.creditCode.trim().toUpperCase();
  if (!creditCode) errors.creditCode = { key: 'records.edit.error.required' };
  else {
    const result = checkCreditCode(creditCode);
    if (!result.ok) errors.creditCode = creditCodeProblem(result.fault);
  }

  const industryCode = optional(form.industryCode);
  if (industryCode && !INDUSTRY_CODE_PATTERN.test(industryCode))
    errors.industryCode = { key: 'records.edit.error.industryCode' };

  const address = optional(form.address);
  if (address && address.length > ADDRESS_MAX) errors.address = tooLong(ADDRESS_MAX);
  const contactName = optional(form.contactName);
  if (contactName && contactName.length > CONTACT_NAME_MAX) errors.contactName = tooLong(CONTACT_NAME_MAX);
  // Kept as typed ("0513-8000 0001" is how the records write it); checked without its spaces, and only when it
  // changed — the API takes any 32 characters, so a number imported in another form does not block other edits.
  const contactPhone = optional(form.contactPhone);
  if (
    contactPhone &&
    contactPhone !== e.contactPhone &&
    (contactPhone.length > PHONE_MAX || !PHONE_PATTERN.test(contactPhone.replace(/\s+/g, '')))
  )
    errors.contactPhone = { key: 'records.edit.error.phone' };

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const body: Record<string, string | boolean | null> = {};
  const set = (field: string, next: string | boolean | null, current: string | boolean | null) => {
    if (next !== current) body[field] = next;
  };
  set('name', name, e.name);
  set('creditCode', creditCode, e.creditCode);
  set('industryCode', industryCode, e.industryCode);
  set('address', address, e.address);
  set('contactName', contactName, e.contactName);
  set('contactPhone', contactPhone, e.contactPhone);
  for (const flag of ENTERPRISE_FLAGS) set(flag, form.flags[flag], e[flag]);
  return { ok: true, body };
}

/** One year's indicators as typed: a decimal string per field, blank for "not reported". */
export interface IndicatorForm {
  readonly year: string;
  readonly values: Readonly<Record<IndicatorField, string>>;
}

/** Counts (件, 人) are whole numbers; the rest (万元, 吨标准煤) decimals — IndicatorsDto's @IsInt / @IsNumber. */
const WHOLE: ReadonlySet<IndicatorField> = new Set(['inventionPatents', 'employees']);
export const YEAR_MIN = 1990;
export const YEAR_MAX = 2100;

/** The form for `year`, filled with what the records hold for it (blank where nothing was reported). */
export function indicatorFormOf(indicators: readonly EnterpriseIndicators[], year: number): IndicatorForm {
  const held = indicators.find((i) => i.year === year);
  return {
    year: String(year),
    values: Object.fromEntries(
      INDICATOR_ROWS.map(({ field }) => [field, held?.[field] == null ? '' : String(held[field])]),
    ) as Record<IndicatorField, string>,
  };
}

/**
 * The indicator form → PUT /api/enterprises/{id}/indicators/{year} body with only what changed against what the
 * records hold for that year; clearing a value sends null ("not reported"), never 0.
 */
export function checkIndicatorForm(
  indicators: readonly EnterpriseIndicators[],
  form: IndicatorForm,
): Checked<{ year: number; values: IndicatorsUpdate }> {
  const errors: Record<string, FieldProblem> = {};
  const year = Number(form.year.trim());
  if (!/^\d{4}$/.test(form.year.trim()) || year < YEAR_MIN || year > YEAR_MAX)
    errors.year = { key: 'records.edit.error.year', params: { min: YEAR_MIN, max: YEAR_MAX } };
  const held = indicators.find((i) => i.year === year);
  const values: Partial<Record<IndicatorField, number | null>> = {};
  for (const { field } of INDICATOR_ROWS) {
    const text = form.values[field].trim().replace(/,/g, '');
    let value: number | null = null;
    if (text) {
      value = Number(text);
      if (!Number.isFinite(value) || !/^\d+(\.\d+)?$/.test(text)) {
        errors[field] = { key: 'records.edit.error.number' };
        continue;
      }
      if (WHOLE.has(field) && !Number.isInteger(value)) {
        errors[field] = { key: 'records.edit.error.whole' };
        continue;
      }
    }
    if (value !== (held?.[field] ?? null)) values[field] = value;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: { year, values } };
}

export interface EventForm {
  readonly type: RecordEventType | '';
  readonly occurredOn: string;
  readonly summary: string;
}

export const EMPTY_EVENT_FORM: EventForm = { type: '', occurredOn: '', summary: '' };
export const SUMMARY_MAX = 1000;

/** The event form → POST /api/enterprises/{id}/events body; a date in the future is refused (it has to have happened). */
export function checkEventForm(form: EventForm, today: string): Checked<NewRecordEvent> {
  const errors: Record<string, FieldProblem> = {};
  if (!form.type) errors.type = { key: 'records.edit.error.required' };
  const occurredOn = form.occurredOn.trim();
  if (!occurredOn) errors.occurredOn = { key: 'records.edit.error.required' };
  else if (!isCalendarDate(occurredOn)) errors.occurredOn = { key: 'records.edit.error.date' };
  else if (occurredOn > today) errors.occurredOn = { key: 'records.edit.error.future' };
  const summary = form.summary.trim();
  if (!summary) errors.summary = { key: 'records.edit.error.required' };
  else if (summary.length > SUMMARY_MAX) errors.summary = tooLong(SUMMARY_MAX);
  if (Object.keys(errors).length > 0 || !form.type) return { ok: false, errors };
  return { ok: true, body: { type: form.type, occurredOn, summary } };
}

/** YYYY-MM-DD naming a day that exists (IsDateString strict). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/**
 * A refusal the API answered, on the field it names: a 409 naming `creditCode` is a code another enterprise
 * holds; a 400 whose message starts with a field of the form is that field refused (its wording is the API's,
 * so the field says "refused" in the interface's language, and the form's banner quotes the API). Null when no
 * field of `fields` is named.
 */
export function apiFieldErrors(error: unknown, fields: readonly string[]): FieldErrors | null {
  if (!(error instanceof ApiError)) return null;
  if (error.status === 409 && /\bcreditCode\b/.test(error.message))
    return { creditCode: { key: 'records.edit.error.creditCodeTaken' } };
  if (error.status !== 400) return null;
  const errors: Record<string, FieldProblem> = {};
  for (const part of error.message.split('; ')) {
    const field = fields.find((f) => part.startsWith(`${f}:`) || part.startsWith(`${f} `));
    if (field) errors[field] = { key: 'records.edit.error.refused' };
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

/** Today in Beijing time (the park's calendar), as YYYY-MM-DD. */
export function beijingToday(nowMs: number): string {
  return new Date(nowMs + 8 * 3_600_000).toISOString().slice(0, 10);
}

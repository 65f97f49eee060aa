/**
 * 资质认定 in the web app, pure: the labels of types, levels and states, the form's fields and its check — the
 * same `checkQualification` the API runs (@park/contracts), its problem codes put into words — the date as
 * 2026年12月7日, and what a certificate does for the cultivation libraries. No DOM.
 */
import {
  checkQualification,
  QUALIFICATION_RULES,
  QUALIFICATION_TYPES,
  type CultivationBasis,
  type QualificationProblem,
} from '@park/contracts';
import type { Language } from '../i18n/messages';
import type { MessageKey } from '../i18n/messages';
import type { Checked, FieldErrors } from './enterprise-form';
import type {
  NewQualification,
  Qualification,
  QualificationLevel,
  QualificationType,
} from './qualifications-api';

export const QUALIFICATION_TYPE_LIST: readonly QualificationType[] = QUALIFICATION_TYPES;

export const TYPE_LABELS: Readonly<Record<QualificationType, MessageKey>> = {
  'high-tech-enterprise': 'qualifications.type.high-tech-enterprise',
  'specialized-sme': 'qualifications.type.specialized-sme',
  'little-giant': 'qualifications.type.little-giant',
  'tech-sme': 'qualifications.type.tech-sme',
  listed: 'qualifications.type.listed',
  quoted: 'qualifications.type.quoted',
};

export const LEVEL_LABELS: Readonly<Record<QualificationLevel, MessageKey>> = {
  national: 'qualifications.level.national',
  provincial: 'qualifications.level.provincial',
  municipal: 'qualifications.level.municipal',
};

export const STATE_LABELS: Readonly<Record<Qualification['state'], MessageKey>> = {
  valid: 'qualifications.state.valid',
  expiring: 'qualifications.state.expiring',
  expired: 'qualifications.state.expired',
};

const LIBRARY_LABELS: Readonly<Record<string, MessageKey>> = {
  'above-scale': 'plan.library.above-scale',
  'high-tech': 'plan.library.high-tech',
  listed: 'plan.library.listed',
  'revenue-100m': 'plan.library.revenue-100m',
};

const PROBLEM_KEYS: Readonly<Record<QualificationProblem['code'], MessageKey>> = {
  'unknown-type': 'qualifications.error.type',
  'unknown-level': 'qualifications.error.level',
  'level-not-applicable': 'qualifications.error.levelNotApplicable',
  'level-not-allowed': 'qualifications.error.levelNotAllowed',
  'level-required': 'qualifications.error.levelRequired',
  'number-required': 'qualifications.error.numberRequired',
  'expiry-required': 'qualifications.error.expiryRequired',
  'expiry-not-applicable': 'qualifications.error.expiryNotApplicable',
  'expiry-not-after-issue': 'qualifications.error.expiryNotAfterIssue',
};

export interface QualificationForm {
  readonly type: QualificationType | '';
  readonly level: QualificationLevel | '';
  readonly certificateNo: string;
  readonly issuedOn: string;
  readonly expiresOn: string;
  readonly note: string;
}

export const EMPTY_QUALIFICATION_FORM: QualificationForm = {
  type: '',
  level: '',
  certificateNo: '',
  issuedOn: '',
  expiresOn: '',
  note: '',
};

export const QUALIFICATION_FIELDS = ['type', 'level', 'certificateNo', 'issuedOn', 'expiresOn', 'note'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const NOTE_MAX = 1000;

export function qualificationFormOf(q: Qualification): QualificationForm {
  return {
    type: q.type,
    level: q.level ?? '',
    certificateNo: q.certificateNo,
    issuedOn: q.issuedOn,
    expiresOn: q.expiresOn ?? '',
    note: q.note ?? '',
  };
}

/** The levels the form offers for a type (none for a listing). */
export function levelsOf(type: QualificationType | ''): readonly QualificationLevel[] {
  return type === '' ? [] : QUALIFICATION_RULES[type].levels;
}

/** Whether the type has an expiry date (a listing has none). */
export function expires(type: QualificationType | ''): boolean {
  return type === '' ? true : QUALIFICATION_RULES[type].expires;
}

/** The form checked as the API checks it, or each field's problem. */
export function checkQualificationForm(form: QualificationForm): Checked<NewQualification> {
  const errors: Record<string, { key: MessageKey; params?: Record<string, string | number> }> = {};
  if (form.type === '') errors.type = { key: 'qualifications.error.chooseType' };
  if (!DATE.test(form.issuedOn)) errors.issuedOn = { key: 'qualifications.error.date' };
  if (form.expiresOn !== '' && !DATE.test(form.expiresOn))
    errors.expiresOn = { key: 'qualifications.error.date' };
  if (form.note.length > NOTE_MAX)
    errors.note = { key: 'qualifications.error.note', params: { max: NOTE_MAX } };
  if (form.certificateNo.trim().length > 64)
    errors.certificateNo = { key: 'qualifications.error.numberLength' };
  if (Object.keys(errors).length > 0 || form.type === '') return { ok: false, errors };
  const result = checkQualification({
    type: form.type,
    level: form.level === '' ? null : form.level,
    certificateNo: form.certificateNo,
    issuedOn: form.issuedOn,
    expiresOn: form.expiresOn === '' ? null : form.expiresOn,
  });
  if (!result.ok)
    return { ok: false, errors: { [result.problem.field]: { key: PROBLEM_KEYS[result.problem.code] } } };
  const v = result.value;
  return {
    ok: true,
    body: {
      type: v.type,
      level: v.level,
      certificateNo: v.certificateNo,
      issuedOn: v.issuedOn,
      expiresOn: v.expiresOn,
      note: form.note.trim() === '' ? null : form.note.trim(),
    },
  };
}

/** 2026年12月7日 in Chinese, 2026-12-07 in English: a calendar date, never a time. */
export function formatCalendarDate(date: string, language: Language): string {
  if (language === 'en') return date;
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** What a certificate does for the libraries, as a message and its parameters. */
export function libraryEffect(q: Qualification): { key: MessageKey; params: Record<string, string> } {
  const rule = QUALIFICATION_RULES[q.type];
  const library = LIBRARY_LABELS[rule.library];
  if (q.state === 'expired') return { key: 'qualifications.effect.lapsed', params: { library } };
  return {
    key: rule.reaches ? 'qualifications.effect.reaches' : 'qualifications.effect.cultivates',
    params: { library },
  };
}

/** Why an enterprise is in a library, one line per reason. */
export function basisLines(
  basis: readonly CultivationBasis[],
  language: Language,
): { key: MessageKey; params: Record<string, string> }[] {
  return basis.map((b) => {
    if (b.kind === 'flag') return { key: 'qualifications.basis.flag', params: {} };
    if (b.kind === 'cultivation') return { key: 'qualifications.basis.cultivation', params: {} };
    const params = {
      type: TYPE_LABELS[b.type],
      number: b.certificateNo,
      until: b.expiresOn === null ? '' : formatCalendarDate(b.expiresOn, language),
    };
    if (!b.counts) return { key: 'qualifications.basis.expired', params };
    return {
      key:
        b.expiresOn === null
          ? 'qualifications.basis.certificateNoExpiry'
          : 'qualifications.basis.certificate',
      params,
    };
  });
}

export type { FieldErrors };

/**
 * 资质认定, pure: what a certificate must satisfy to be recorded, its state on a given day, and the park's calendar
 * day. No I/O. The API checks every write with `checkQualification`, and the web app's form runs the same function,
 * translating the problem's `code` (the `reason` is the API's Chinese wording).
 */
import {
  QUALIFICATION_LEVELS,
  QUALIFICATION_RULES,
  QUALIFICATION_TYPES,
  type QualificationLevel,
  type QualificationState,
  type QualificationType,
} from './qualification-views';

const DAY_MS = 86_400_000;
/** The park keeps Beijing time (UTC+8, no daylight saving). */
const PARK_OFFSET_MS = 8 * 3_600_000;

/** The park's calendar day (`YYYY-MM-DD`) at an instant. */
export function parkDate(nowMs: number): string {
  return new Date(nowMs + PARK_OFFSET_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` plus some days. */
export function addCalendarDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** valid / expiring (within `withinDays`, the expiry day included) / expired (the day after expiry on). */
export function qualificationState(
  expiresOn: string | null,
  today: string,
  withinDays: number,
): { state: QualificationState; daysToExpiry: number | null } {
  if (expiresOn === null) return { state: 'valid', daysToExpiry: null };
  const days = calendarDaysBetween(today, expiresOn);
  return { state: days < 0 ? 'expired' : days <= withinDays ? 'expiring' : 'valid', daysToExpiry: days };
}

/**
 * The days before expiry at which a certificate's reminder (资质到期提醒) is sent: 90, 30, 7, and the expiry day
 * itself (0). Each is sent once per certificate and expiry date, so a renewed certificate starts over.
 */
export const EXPIRY_REMINDER_STEPS = [90, 30, 7, 0] as const;
export type ExpiryReminderStep = (typeof EXPIRY_REMINDER_STEPS)[number];

/** How many days after expiry the expiry-day reminder still goes out (the platform was down on the day). */
export const EXPIRY_REMINDER_LATE_DAYS = 7;

/**
 * The reminder step a certificate has reached on `today`: the nearest step at or above its days to expiry (25 days
 * left: the 30-day step; a step passed while the platform was down is not sent again once a nearer one is due).
 * Null when it expires in more than 90 days, never expires, or expired more than EXPIRY_REMINDER_LATE_DAYS ago.
 */
export function reminderStep(
  expiresOn: string | null,
  today: string,
): { step: ExpiryReminderStep; daysToExpiry: number } | null {
  if (expiresOn === null) return null;
  const days = calendarDaysBetween(today, expiresOn);
  if (days > EXPIRY_REMINDER_STEPS[0] || days < -EXPIRY_REMINDER_LATE_DAYS) return null;
  const step = [...EXPIRY_REMINDER_STEPS].reverse().find((s) => days <= s) ?? 0;
  return { step, daysToExpiry: days };
}

/** A certificate counts (towards a library) on a day from its issue date through its expiry date. */
export function countsOn(q: { issuedOn: string; expiresOn: string | null }, today: string): boolean {
  return q.issuedOn <= today && (q.expiresOn === null || q.expiresOn >= today);
}

export interface QualificationInput {
  readonly type: QualificationType;
  readonly level: QualificationLevel | null;
  readonly certificateNo: string;
  readonly issuedOn: string;
  readonly expiresOn: string | null;
}

/** A rule a certificate breaks: the field it concerns and why, worded for the user. */
export interface QualificationProblem {
  readonly field: keyof QualificationInput;
  readonly code:
    | 'unknown-type'
    | 'unknown-level'
    | 'level-not-applicable'
    | 'level-not-allowed'
    | 'level-required'
    | 'number-required'
    | 'expiry-required'
    | 'expiry-not-applicable'
    | 'expiry-not-after-issue';
  readonly reason: string;
}

export const QUALIFICATION_TYPE_NAMES: Readonly<Record<QualificationType, string>> = {
  'high-tech-enterprise': '高新技术企业',
  'specialized-sme': '专精特新中小企业',
  'little-giant': '专精特新“小巨人”企业',
  'tech-sme': '科技型中小企业',
  listed: '上市',
  quoted: '挂牌',
};
export const QUALIFICATION_LEVEL_NAMES: Readonly<Record<QualificationLevel, string>> = {
  national: '国家级',
  provincial: '省级',
  municipal: '市级',
};

/**
 * The certificate as it will be stored (a type with a single level gets it when none is given), or the first rule
 * it breaks: a known type, a level that type can have, a certificate number, an expiry date after the issue date
 * for a type that expires and none for one that does not (上市, 挂牌).
 */
export function checkQualification(
  input: QualificationInput,
): { ok: true; value: QualificationInput } | { ok: false; problem: QualificationProblem } {
  const refuse = (field: QualificationProblem['field'], code: QualificationProblem['code'], reason: string) =>
    ({ ok: false, problem: { field, code, reason } }) as const;
  if (!(QUALIFICATION_TYPES as readonly string[]).includes(input.type))
    return refuse(
      'type',
      'unknown-type',
      `未知的资质类型“${String(input.type)}”（应为 ${QUALIFICATION_TYPES.join(', ')}）`,
    );
  const rule = QUALIFICATION_RULES[input.type];
  const name = QUALIFICATION_TYPE_NAMES[input.type];
  const allowed = rule.levels.map((l) => QUALIFICATION_LEVEL_NAMES[l]).join('或');
  let level = input.level;
  if (level !== null && !(QUALIFICATION_LEVELS as readonly string[]).includes(level))
    return refuse('level', 'unknown-level', `未知的级别“${String(level)}”`);
  if (level === null && rule.levels.length === 1) level = rule.levels[0];
  if (level !== null && rule.levels.length === 0)
    return refuse('level', 'level-not-applicable', `${name}不分级别，请留空`);
  if (level !== null && !rule.levels.includes(level))
    return refuse(
      'level',
      'level-not-allowed',
      `${name}的级别应为${allowed}，不是${QUALIFICATION_LEVEL_NAMES[level]}`,
    );
  if (level === null && rule.levels.length > 1)
    return refuse('level', 'level-required', `${name}须注明级别（${allowed}）`);
  const certificateNo = input.certificateNo.trim();
  if (certificateNo === '')
    return refuse('certificateNo', 'number-required', rule.expires ? '须填写证书编号' : '须填写证券代码');
  if (rule.expires && input.expiresOn === null)
    return refuse('expiresOn', 'expiry-required', `${name}证书须填写有效期至`);
  if (!rule.expires && input.expiresOn !== null)
    return refuse('expiresOn', 'expiry-not-applicable', `${name}没有有效期，请留空`);
  if (input.expiresOn !== null && input.expiresOn <= input.issuedOn)
    return refuse(
      'expiresOn',
      'expiry-not-after-issue',
      `有效期至（${input.expiresOn}）须晚于发证日期（${input.issuedOn}）`,
    );
  return { ok: true, value: { ...input, level, certificateNo } };
}

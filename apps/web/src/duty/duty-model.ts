/**
 * The 值班与升级 page's rules, without the DOM: the week the roster table shows (Monday to Sunday in park time), the
 * shifts of each day, the times a shift form reads and writes (park time, whatever the browser's zone), and the
 * checks a shift, a chain step and a safety contact pass before they are sent. Pure module.
 */
import type { MessageKey } from '../i18n/messages';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Park time is UTC+8 all year (China has no daylight saving time since 1991). */
const PARK_OFFSET_MS = 8 * 60 * MINUTE;
/** The roster's longest shift (the API's limit too). */
export const MAX_SHIFT_MS = 7 * DAY;
/** A mainland mobile number or an E.164 number (the API's PHONE_PATTERN). */
export const PHONE_PATTERN = /^(\+?[1-9]\d{6,14}|1\d{10})$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface RosterDay {
  /** `YYYY-MM-DD`, park time. */
  readonly day: string;
  /** 0 Monday … 6 Sunday. */
  readonly weekday: number;
  readonly from: number;
  readonly to: number;
}

export interface ShiftLike {
  readonly id: string;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly duty: string;
  readonly name: string;
}

/** The park-time Monday 00:00 of the week holding `at`, shifted by `weeks`. */
export function weekStart(at: number, weeks = 0): number {
  const local = at + PARK_OFFSET_MS;
  const midnight = local - (((local % DAY) + DAY) % DAY);
  // 1970-01-01 was a Thursday: day 0 of the epoch is weekday 3 counted from Monday.
  const weekday = (Math.floor(midnight / DAY) + 3) % 7;
  return midnight - weekday * DAY - PARK_OFFSET_MS + weeks * 7 * DAY;
}

export function weekDays(start: number): RosterDay[] {
  return Array.from({ length: 7 }, (_, i) => {
    const from = start + i * DAY;
    return { day: parkDay(from), weekday: i, from, to: from + DAY };
  });
}

/** The park-time calendar day of an instant, `YYYY-MM-DD`. */
export function parkDay(at: number): string {
  return new Date(at + PARK_OFFSET_MS).toISOString().slice(0, 10);
}

/** The shifts overlapping the day, officers first, then by start and name. */
export function shiftsOnDay<S extends ShiftLike>(shifts: readonly S[], day: RosterDay): S[] {
  return shifts
    .filter((s) => s.startsAt < day.to && s.endsAt > day.from)
    .sort(
      (a, b) =>
        (a.duty === b.duty ? 0 : a.duty === 'officer' ? -1 : 1) ||
        a.startsAt - b.startsAt ||
        a.name.localeCompare(b.name, 'zh-CN'),
    );
}

/** `HH:mm` park time, with `+1` style day markers left to the caller. */
export function clockOf(at: number): string {
  return new Date(at + PARK_OFFSET_MS).toISOString().slice(11, 16);
}

/** An instant as a `datetime-local` input's value in park time (`2026-12-07T08:00`). */
export function toParkInput(at: number): string {
  return new Date(at + PARK_OFFSET_MS).toISOString().slice(0, 16);
}

/** A `datetime-local` value read as park time; null when it is not one. */
export function fromParkInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}:00Z`);
  return Number.isFinite(ms) ? ms - PARK_OFFSET_MS : null;
}

export interface ShiftForm {
  readonly duty: 'officer' | 'leader';
  readonly name: string;
  readonly phone: string;
  readonly email: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly note: string;
}

export type FormCheck<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: Partial<Record<string, MessageKey>> };

export interface ShiftBody {
  readonly duty: 'officer' | 'leader';
  readonly name: string;
  readonly phone: string | null;
  readonly email: string | null;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly note: string | null;
}

const orNull = (text: string): string | null => (text.trim() ? text.trim() : null);

export function checkShift(form: ShiftForm): FormCheck<ShiftBody> {
  const errors: Partial<Record<string, MessageKey>> = {};
  const name = form.name.trim();
  if (!name || name.length > 64) errors.name = 'duty.error.name';
  const phone = orNull(form.phone);
  const email = orNull(form.email);
  if (phone && !PHONE_PATTERN.test(phone)) errors.phone = 'duty.error.phone';
  if (email && !EMAIL_PATTERN.test(email)) errors.email = 'duty.error.email';
  if (!phone && !email) errors.phone = 'duty.error.reachable';
  const startsAt = fromParkInput(form.startsAt);
  const endsAt = fromParkInput(form.endsAt);
  if (startsAt === null) errors.startsAt = 'duty.error.time';
  if (endsAt === null) errors.endsAt = 'duty.error.time';
  else if (startsAt !== null && endsAt <= startsAt) errors.endsAt = 'duty.error.order';
  else if (startsAt !== null && endsAt - startsAt > MAX_SHIFT_MS) errors.endsAt = 'duty.error.tooLong';
  if (form.note.trim().length > 500) errors.note = 'duty.error.note';
  if (Object.keys(errors).length > 0 || startsAt === null || endsAt === null) return { ok: false, errors };
  return {
    ok: true,
    value: { duty: form.duty, name, phone, email, startsAt, endsAt, note: orNull(form.note) },
  };
}

export interface StepForm {
  readonly position: string;
  readonly afterMinutes: string;
  readonly target: 'duty-officer' | 'duty-leader' | 'enterprise-contact' | 'people';
  readonly peopleName: string;
  readonly peoplePhone: string;
  readonly peopleEmail: string;
  readonly channelIds: readonly string[];
  readonly severities: readonly string[];
  /** Routing filters (empty: any): the rule kinds, the enterprises, the carriers (areas) whose alerts the step takes. */
  readonly ruleKinds: readonly string[];
  readonly enterpriseIds: readonly string[];
  readonly carrierIds: readonly string[];
  readonly enabled: boolean;
}

export interface StepBody {
  readonly position: number;
  readonly afterMinutes: number;
  readonly target: StepForm['target'];
  readonly people: { name: string; phone: string | null; email: string | null }[];
  /** At least one (the API refuses a step without a channel). */
  readonly channelIds: [string, ...string[]];
  readonly severities: string[];
  readonly ruleKinds: string[];
  readonly enterpriseIds: string[];
  readonly carrierIds: string[];
  readonly enabled: boolean;
}

const wholeIn = (text: string, min: number, max: number): number | null => {
  if (!/^\d+$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : null;
};

export function checkStep(form: StepForm): FormCheck<StepBody> {
  const errors: Partial<Record<string, MessageKey>> = {};
  const position = wholeIn(form.position, 1, 20);
  const afterMinutes = wholeIn(form.afterMinutes, 0, 24 * 60);
  if (position === null) errors.position = 'duty.error.position';
  if (afterMinutes === null) errors.afterMinutes = 'duty.error.afterMinutes';
  if (form.channelIds.length === 0) errors.channelIds = 'duty.error.channels';
  const people: StepBody['people'] = [];
  if (form.target === 'people') {
    const name = form.peopleName.trim();
    const phone = orNull(form.peoplePhone);
    const email = orNull(form.peopleEmail);
    if (!name) errors.peopleName = 'duty.error.name';
    if (phone && !PHONE_PATTERN.test(phone)) errors.peoplePhone = 'duty.error.phone';
    if (email && !EMAIL_PATTERN.test(email)) errors.peopleEmail = 'duty.error.email';
    if (!phone && !email) errors.peoplePhone = 'duty.error.reachable';
    people.push({ name, phone, email });
  }
  const [firstChannel, ...moreChannels] = form.channelIds;
  if (
    Object.keys(errors).length > 0 ||
    position === null ||
    afterMinutes === null ||
    firstChannel === undefined
  )
    return { ok: false, errors };
  return {
    ok: true,
    value: {
      position,
      afterMinutes,
      target: form.target,
      people,
      channelIds: [firstChannel, ...moreChannels],
      severities: [...form.severities],
      ruleKinds: [...form.ruleKinds],
      enterpriseIds: [...form.enterpriseIds],
      carrierIds: [...form.carrierIds],
      enabled: form.enabled,
    },
  };
}

/** The next free chain position after the steps there are. */
export function nextPosition(steps: readonly { position: number }[]): number {
  return steps.reduce((max, s) => Math.max(max, s.position), 0) + 1;
}

/**
 * Who gets what, and when: the duty roster (值班表), the escalation chain (升级链), the routing filters and the
 * digest rule. Pure module — no clock, no database: the rules service asks it with the records it read and the
 * instant its injected clock gave, and the tests ask it the same way.
 *
 * - On duty at an instant: every shift with `startsAt ≤ at < endsAt` (overlapping shifts: all of them).
 * - A chain step is due for an alert when the alert is still `open` (nobody acknowledged it), the step is enabled,
 *   its filters let the alert through, `openedAt + afterMinutes ≤ now`, and it has not fired for the alert yet.
 * - Info alerts are held for the daily digest (08:00 Beijing time); warning and critical ones never wait for it.
 */
import type { AlertSeverity, DutyRole, EscalationTarget } from '@park/contracts';
import type { ChannelKind, Recipient } from './channel';

const MINUTE = 60_000;
/** China has kept UTC+8 all year since 1991: Beijing time is a fixed offset. */
const BEIJING_OFFSET_MS = 8 * 60 * MINUTE;
const DAY = 24 * 60 * MINUTE;

export interface DutyPerson {
  readonly name: string;
  readonly phone: string | null;
  readonly email: string | null;
}

export interface DutyShift extends DutyPerson {
  readonly duty: DutyRole;
  readonly startsAt: number;
  readonly endsAt: number;
}

/** What a step's filters look at. Empty lists let everything through. */
export interface RouteFilter {
  readonly severities: readonly string[];
  readonly ruleKinds: readonly string[];
  readonly enterpriseIds: readonly string[];
  /** The area: the carrier (产业载体) the alert's enterprise is located in. */
  readonly carrierIds: readonly string[];
}

export interface EscalationStep extends RouteFilter {
  readonly position: number;
  readonly afterMinutes: number;
  readonly target: EscalationTarget;
  readonly people: readonly DutyPerson[];
  readonly channelIds: readonly string[];
  readonly enabled: boolean;
}

/** The facts of an alert the routing needs. */
export interface RoutedAlert {
  readonly status: string;
  readonly severity: AlertSeverity;
  readonly ruleKind: string | null;
  readonly enterpriseId: string;
  /** The carrier its enterprise is located in, or null (an enterprise on its own parcel). */
  readonly carrierId: string | null;
  readonly openedAt: number;
}

/** The shifts covering `at` (start included, end not), of one duty or of both. */
export function onDutyAt<S extends DutyShift>(shifts: readonly S[], at: number, duty?: DutyRole): S[] {
  return shifts.filter((s) => s.startsAt <= at && at < s.endsAt && (duty === undefined || s.duty === duty));
}

/**
 * Info alerts wait for the daily digest; warning and critical ones are sent as they happen. A critical alert is
 * never held back — not by the digest, not by a filter's default.
 */
export function heldForDigest(severity: AlertSeverity): boolean {
  return severity === 'info';
}

/** Whether the filter lets the alert through: each non-empty list must hold the alert's value. */
export function routeMatches(filter: RouteFilter, alert: RoutedAlert): boolean {
  const lets = (list: readonly string[], value: string | null) =>
    list.length === 0 || (value !== null && list.includes(value));
  return (
    lets(filter.severities, alert.severity) &&
    lets(filter.ruleKinds, alert.ruleKind) &&
    lets(filter.enterpriseIds, alert.enterpriseId) &&
    lets(filter.carrierIds, alert.carrierId)
  );
}

/** When the step falls due for the alert (epoch ms). */
export function stepDueAt(
  step: Pick<EscalationStep, 'afterMinutes'>,
  alert: Pick<RoutedAlert, 'openedAt'>,
): number {
  return alert.openedAt + step.afterMinutes * MINUTE;
}

/**
 * The chain steps due for the alert at `now`, in chain order: the alert still open (unacknowledged, not resolved,
 * not held back by maintenance), not held for the digest, the step enabled, its filters passed, its time come, and
 * its position not among `fired`. A step whose time passed while the service was down fires on the next check.
 */
export function dueSteps<S extends EscalationStep>(
  steps: readonly S[],
  alert: RoutedAlert,
  fired: ReadonlySet<number>,
  now: number,
): S[] {
  if (alert.status !== 'open' || heldForDigest(alert.severity)) return [];
  return steps
    .filter(
      (s) => s.enabled && !fired.has(s.position) && stepDueAt(s, alert) <= now && routeMatches(s, alert),
    )
    .sort((a, b) => a.position - b.position);
}

/** What a step's recipients are drawn from at the instant it fires. */
export interface StepContext {
  /** The shifts covering the instant (both duties). */
  readonly onDuty: readonly DutyShift[];
  /** The alert's own enterprise's safety contact (安全负责人), or null if it has none. */
  readonly enterpriseContact: DutyPerson | null;
}

/**
 * The people a step notifies. The enterprise contact is always the alert's own enterprise's — the caller looks it up
 * from the alert, so no step can send one enterprise's alert to another's contact. A duty with nobody on it yields
 * nobody (the step still counts as fired: the next step, the leader, follows at its own time).
 */
export function stepRecipients(
  step: Pick<EscalationStep, 'target' | 'people'>,
  context: StepContext,
): DutyPerson[] {
  const people = ((): readonly DutyPerson[] => {
    switch (step.target) {
      case 'duty-officer':
        return context.onDuty.filter((s) => s.duty === 'officer');
      case 'duty-leader':
        return context.onDuty.filter((s) => s.duty === 'leader');
      case 'enterprise-contact':
        return context.enterpriseContact ? [context.enterpriseContact] : [];
      case 'people':
        return step.people;
    }
  })();
  // One person on two overlapping shifts is told once.
  const seen = new Set<string>();
  return people
    .map((p) => ({ name: p.name, phone: p.phone, email: p.email }))
    .filter((p) => {
      const key = `${p.name}\u0000${p.phone ?? ''}\u0000${p.email ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/**
 * Which channel kinds can @mention a person by mobile number in a group: 钉钉's custom robot (`at.atMobiles`, with
 * `@<mobile>` in the markdown text) and 企业微信's group robot (`mentioned_mobile_list`, documented for its `text`
 * message type). 飞书's bot mentions by user id only, not by phone.
 */
export const MENTION_BY_PHONE_KINDS: readonly ChannelKind[] = ['dingtalk', 'wecom'];

/**
 * The person's address on a channel kind: e-mail → their e-mail address, SMS → their mobile phone, a group robot →
 * the group, with their mobile as the address to @mention where the robot supports it (`MENTION_BY_PHONE_KINDS`;
 * the address '' is the group itself). Null when the person has no address of that kind (no e-mail, no phone).
 */
export function addressOn(kind: ChannelKind, person: DutyPerson): Recipient | null {
  const phone = person.phone?.trim() || null;
  const email = person.email?.trim() || null;
  switch (kind) {
    case 'email':
      return email ? { name: person.name, address: email } : null;
    case 'aliyun-sms':
    case 'tencent-sms':
      return phone ? { name: person.name, address: phone } : null;
    case 'dingtalk':
    case 'wecom':
      return { name: person.name, address: phone ?? '' };
    case 'feishu':
      return { name: person.name, address: '' };
  }
}

/** The park-time (Beijing) calendar day of an instant, `YYYY-MM-DD`. */
export function parkDayOf(at: number): string {
  return new Date(at + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant of `HH:MM` Beijing time on the park day `day` (`YYYY-MM-DD`). */
export function parkTimeOn(day: string, minuteOfDay: number): number {
  return Date.parse(`${day}T00:00:00Z`) - BEIJING_OFFSET_MS + minuteOfDay * MINUTE;
}

/** The daily digest's default time: 08:00 Beijing time, as minutes after midnight. */
export const DIGEST_MINUTE_OF_DAY = 8 * 60;

/**
 * The park day whose digest is due at `now`, or null: today's once its time (`minuteOfDay`, Beijing) has come and
 * no digest was sent for today yet (`lastDay`, the day of the last one sent, or null for never). A day missed while
 * the service was down is not sent late: the next digest covers the alerts since the last one sent.
 */
export function digestDayDue(
  lastDay: string | null,
  now: number,
  minuteOfDay = DIGEST_MINUTE_OF_DAY,
): string | null {
  const today = parkDayOf(now);
  if (now < parkTimeOn(today, minuteOfDay)) return null;
  return lastDay !== null && lastDay >= today ? null : today;
}

/**
 * The period a digest covers: from the last digest sent (or a day back, for a channel's first) up to `now`. Alerts
 * opened at or after `from` and before `to` are in it.
 */
export function digestPeriod(lastSentAt: number | null, now: number): { from: number; to: number } {
  return { from: lastSentAt ?? now - DAY, to: now };
}

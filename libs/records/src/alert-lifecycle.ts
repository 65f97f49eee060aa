import type {
  AlertEventType,
  AlertSeverity,
  AlertStatus,
  AlertSubjectType,
  Bilingual,
} from '@park/contracts';

/**
 * The alert lifecycle as one pure function: given the unresolved alert of a (rule, subject) — or none — and what
 * happened (a verdict of the engine, an officer's action, the clock passing), `nextAlertState` says what the alert
 * becomes and which audit events to write. No database, no clock: every time comes in through the verdict. The
 * repository (alert-repository.ts) locks and loads the row, calls this, and saves what it returns.
 */

/** Which rule, about what, measuring what: the alert's key and what a trigger says of it. */
export interface AlertAbout {
  readonly ruleId: string;
  readonly subjectType: AlertSubjectType;
  /** Device id, or line id (unique within the enterprise). */
  readonly subjectId: string;
  /** The device: the subject, or for a line alert the meter whose reading (last) confirmed it; null when none. */
  readonly deviceId: string | null;
  readonly enterpriseId: string;
  readonly metric: string;
  readonly unit: string;
}

/** An alert as its lifecycle reads and writes it; times are epoch ms. */
export interface AlertState extends AlertAbout {
  /** The value furthest past the limit seen while the alert was unresolved. */
  readonly value: number;
  readonly limit: number;
  readonly level: number;
  readonly severity: AlertSeverity;
  readonly status: AlertStatus;
  readonly count: number;
  readonly openedAt: number;
  readonly lastSeenAt: number;
  /** Device time of the last reading applied. */
  readonly lastReadingTs: number;
  readonly acknowledgedAt: number | null;
  readonly acknowledgedBy: string | null;
  readonly resolvedAt: number | null;
  readonly resolvedBy: string | null;
  readonly resolutionNote: string | null;
  readonly assignedTo: string | null;
  readonly assignedAt: number | null;
  /** Set when the alert went unacknowledged past its severity's time (escalation by time). */
  readonly escalatedAt: number | null;
  readonly lastRemindedAt: number | null;
  /** When a `repeated` event was last written (repeats are throttled). */
  readonly lastRepeatEventAt: number | null;
  /** The maintenance window that held it back; kept after it goes live. */
  readonly maintenanceId: string | null;
  readonly suppressedAt: number | null;
  readonly explanation: Bilingual;
}

/** The engine says the rule's condition holds for a subject (opened, escalated, de-escalated or continuing). */
export interface AlertTrigger extends AlertAbout {
  readonly level: 1 | 2;
  readonly severity: AlertSeverity;
  /**
   * What the engine says this trigger is. The lifecycle decides from the stored alert, not from this: a replayed or
   * reordered verdict still lands on the right transition.
   */
  readonly change: 'opened' | 'escalated' | 'de-escalated' | 'continuing';
  readonly value: number;
  readonly limit: number;
  /** The time the verdict is about (device time). */
  readonly readingTs: number;
  readonly at: number;
  readonly explanation: Bilingual;
}

/** The engine says the rule's clear condition holds for a subject. */
export interface AlertClear {
  readonly readingTs: number;
  readonly at: number;
  readonly explanation: Bilingual;
  /** Resolve only a `suppressed` alert (a rule that does not auto-resolve: its held-back alert never went live). */
  readonly suppressedOnly?: boolean;
}

export type AlertVerdict =
  | ({ readonly kind: 'trigger' } & AlertTrigger)
  | ({ readonly kind: 'clear' } & AlertClear)
  | { readonly kind: 'acknowledge'; readonly actor: string; readonly at: number }
  | { readonly kind: 'resolve'; readonly actor: string; readonly note: string; readonly at: number }
  | { readonly kind: 'assign'; readonly actor: string; readonly assignee: string; readonly at: number }
  /** The escalation tick: is this alert overdue, or due a reminder? */
  | { readonly kind: 'overdue-check'; readonly at: number }
  /** The maintenance tick: does a window still hold this suppressed alert back? */
  | { readonly kind: 'maintenance-check'; readonly at: number };

/** How long an alert of each severity may stay unacknowledged before it is escalated (overdue). */
export type OverduePolicy = Readonly<Record<AlertSeverity, number>>;

/** The park's alerting policy, and the maintenance window in force; each verdict reads only what it needs. */
export interface AlertPolicy {
  /** A `repeated` event is written at most once per this many ms per alert; 0 or absent: never. */
  readonly repeatEventEveryMs?: number;
  /** Read by `overdue-check`: the time each severity may go unacknowledged, and the reminder period after it. */
  readonly overdue?: { readonly afterMs: OverduePolicy; readonly remindEveryMs: number };
  /**
   * The maintenance window holding the subject back now, or null. Read by a `trigger` that opens a new alert (which
   * is then stored `suppressed`) and by `maintenance-check`; the repository asks only in those cases.
   */
  readonly maintenanceWindow?: string | null;
}

/** One audit event to write after the alert is saved (the event row snapshots the saved alert). */
export interface AlertAuditEvent {
  readonly type: AlertEventType;
  readonly at: number;
  /** Who did it; null for the rules service. */
  readonly actor: string | null;
}

export interface AlertTransition {
  /** The alert after the verdict: `existing` itself when nothing changes, null when there is still none. */
  readonly next: AlertState | null;
  /** True when `next` is a new alert to insert rather than `existing` updated. */
  readonly opensNew: boolean;
  /** The audit events to write, in order. */
  readonly events: readonly AlertAuditEvent[];
}

export class AlertTransitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AlertTransitionError';
  }
}

const unchanged = (existing: AlertState | null): AlertTransition => ({
  next: existing,
  opensNew: false,
  events: [],
});

const changed = (next: AlertState, ...events: AlertAuditEvent[]): AlertTransition => ({
  next,
  opensNew: false,
  events,
});

const byRules = (type: AlertEventType, at: number): AlertAuditEvent => ({ type, at, actor: null });

/**
 * What `verdict` does to `existing` (the unresolved alert of the verdict's rule and subject, or null) under
 * `policy`. A resolved `existing` counts as none for the engine's verdicts (a trigger after a resolve opens a new
 * alert) and refuses the officers' actions. Throws AlertTransitionError for an action the alert's status forbids.
 */
export function nextAlertState(
  existing: AlertState | null,
  verdict: AlertVerdict,
  policy: AlertPolicy = {},
): AlertTransition {
  const unresolved = existing && existing.status !== 'resolved' ? existing : null;
  switch (verdict.kind) {
    case 'trigger':
      return unresolved ? raise(unresolved, verdict, policy) : open(verdict, policy);
    case 'clear': {
      if (!unresolved || (verdict.suppressedOnly && unresolved.status !== 'suppressed'))
        return unchanged(existing);
      return changed(
        {
          ...unresolved,
          status: 'resolved',
          resolvedAt: verdict.at,
          resolvedBy: null,
          resolutionNote: `${verdict.explanation.zh} / ${verdict.explanation.en}`,
          lastReadingTs: Math.max(unresolved.lastReadingTs, verdict.readingTs),
          lastSeenAt: verdict.at,
        },
        byRules('resolved', verdict.at),
      );
    }
    case 'acknowledge': {
      const alert = operatedOn(existing, 'acknowledge');
      if (alert.status !== 'open')
        throw new AlertTransitionError(`alert is ${alert.status}, only an open alert can be acknowledged`);
      return changed(
        { ...alert, status: 'acknowledged', acknowledgedAt: verdict.at, acknowledgedBy: verdict.actor },
        { type: 'acknowledged', at: verdict.at, actor: verdict.actor },
      );
    }
    case 'resolve': {
      const alert = operatedOn(existing, 'resolve');
      if (alert.status === 'resolved') throw new AlertTransitionError('alert is already resolved');
      return changed(
        {
          ...alert,
          status: 'resolved',
          resolvedAt: verdict.at,
          resolvedBy: verdict.actor,
          resolutionNote: verdict.note,
        },
        { type: 'resolved', at: verdict.at, actor: verdict.actor },
      );
    }
    case 'assign': {
      const alert = operatedOn(existing, 'assign');
      if (alert.status === 'resolved') throw new AlertTransitionError('a resolved alert cannot be assigned');
      return changed(
        { ...alert, assignedTo: verdict.assignee, assignedAt: verdict.at },
        { type: 'assigned', at: verdict.at, actor: verdict.actor },
      );
    }
    case 'overdue-check':
      return unresolved ? overdue(unresolved, verdict.at, policy) : unchanged(existing);
    case 'maintenance-check': {
      if (!unresolved || unresolved.status !== 'suppressed') return unchanged(existing);
      const window = policy.maintenanceWindow ?? null;
      if (window !== null)
        return window === unresolved.maintenanceId
          ? unchanged(existing)
          : changed({ ...unresolved, maintenanceId: window });
      // Opened now: its overdue clock starts when officers can see it.
      return changed(
        { ...unresolved, status: 'open', openedAt: verdict.at, lastSeenAt: verdict.at },
        byRules('opened', verdict.at),
      );
    }
  }
}

/** A new alert: `open`, or `suppressed` (and silent but for its `suppressed` event) inside a maintenance window. */
function open(t: AlertTrigger, policy: AlertPolicy): AlertTransition {
  const heldBy = policy.maintenanceWindow ?? null;
  return {
    next: {
      ruleId: t.ruleId,
      subjectType: t.subjectType,
      subjectId: t.subjectId,
      deviceId: t.deviceId,
      enterpriseId: t.enterpriseId,
      metric: t.metric,
      unit: t.unit,
      value: t.value,
      limit: t.limit,
      level: t.level,
      severity: t.severity,
      status: heldBy ? 'suppressed' : 'open',
      count: 1,
      openedAt: t.at,
      lastSeenAt: t.at,
      lastReadingTs: t.readingTs,
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
      resolvedBy: null,
      resolutionNote: null,
      assignedTo: null,
      assignedAt: null,
      escalatedAt: null,
      lastRemindedAt: null,
      lastRepeatEventAt: null,
      maintenanceId: heldBy,
      suppressedAt: heldBy ? t.at : null,
      explanation: t.explanation,
    },
    opensNew: true,
    events: [byRules(heldBy ? 'suppressed' : 'opened', t.at)],
  };
}

/**
 * The condition holds again for an unresolved alert: count + 1, the value furthest past the limit, the new level
 * (with its severity, limit and explanation) on escalation or de-escalation, a throttled `repeated` event otherwise.
 * Acknowledged alerts count and change level too. A suppressed one keeps counting silently: its `opened` event,
 * when its window ends, carries it all.
 */
function raise(existing: AlertState, t: AlertTrigger, policy: AlertPolicy): AlertTransition {
  const levelChanged = t.level !== existing.level;
  const worse = levelChanged || Math.abs(t.value - t.limit) > Math.abs(existing.value - existing.limit);
  const repeatEveryMs = policy.repeatEventEveryMs ?? 0;
  const repeatDue =
    !levelChanged &&
    repeatEveryMs > 0 &&
    (existing.lastRepeatEventAt === null || t.at - existing.lastRepeatEventAt >= repeatEveryMs);
  const next: AlertState = {
    ...existing,
    count: existing.count + 1,
    lastSeenAt: t.at,
    lastReadingTs: Math.max(existing.lastReadingTs, t.readingTs),
    ...(t.deviceId ? { deviceId: t.deviceId } : {}),
    ...(levelChanged
      ? { level: t.level, severity: t.severity, limit: t.limit, explanation: t.explanation }
      : {}),
    ...(worse ? { value: t.value } : {}),
    ...(repeatDue ? { lastRepeatEventAt: t.at } : {}),
  };
  if (existing.status === 'suppressed') return changed(next);
  if (levelChanged)
    return changed(next, byRules(t.level > existing.level ? 'escalated' : 'de-escalated', t.at));
  return repeatDue ? changed(next, byRules('repeated', t.at)) : changed(next);
}

/**
 * Escalation by time, for an `open` (unacknowledged, live) alert: `overdue` once it has waited its severity's time
 * since it opened, then a `reminder` every `remindEveryMs` since the last one.
 */
function overdue(existing: AlertState, at: number, policy: AlertPolicy): AlertTransition {
  if (!policy.overdue) throw new Error('an overdue check needs the overdue policy');
  if (existing.status !== 'open') return unchanged(existing);
  const { afterMs, remindEveryMs } = policy.overdue;
  if (existing.escalatedAt === null) {
    return existing.openedAt <= at - afterMs[existing.severity]
      ? changed({ ...existing, escalatedAt: at }, byRules('overdue', at))
      : unchanged(existing);
  }
  return (existing.lastRemindedAt ?? existing.escalatedAt) <= at - remindEveryMs
    ? changed({ ...existing, lastRemindedAt: at }, byRules('reminder', at))
    : unchanged(existing);
}

function operatedOn(existing: AlertState | null, action: string): AlertState {
  if (!existing) throw new AlertTransitionError(`there is no alert to ${action}`);
  return existing;
}

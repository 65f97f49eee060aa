import type { AlertSubjectType } from '@park/contracts';
import type { MaintenanceSubject, MaintenanceWindowView } from '@park/records';

/** What an alert is about, with the line its device sits on (a line's window covers its devices too). */
export interface HeldSubject {
  readonly enterpriseId: string;
  readonly subjectType: AlertSubjectType;
  readonly subjectId: string;
  /** The device's production line, when the subject is a device on one. */
  readonly line: string | null;
}

/**
 * Whether a window is in force at `at`: from its start (inclusive) to its planned end or its early end, whichever
 * comes first (exclusive) — so a window ended at t holds nothing raised at t or later.
 */
export function isActive(window: MaintenanceWindowView, at: number): boolean {
  const end = window.endedAt === null ? window.endsAt : Math.min(window.endsAt, window.endedAt);
  return window.startsAt <= at && at < end;
}

/** The subjects whose windows cover this one: itself, and for a device on a line, that line. */
export function coveringSubjects(subject: HeldSubject): MaintenanceSubject[] {
  const own = {
    enterpriseId: subject.enterpriseId,
    subjectType: subject.subjectType,
    subjectId: subject.subjectId,
  };
  if (subject.subjectType !== 'device' || !subject.line) return [own];
  return [own, { enterpriseId: subject.enterpriseId, subjectType: 'line', subjectId: subject.line }];
}

/**
 * The window that holds back an alert about `subject` raised at `at`, or null. Of several, the one that lasts
 * longest is named, since it is the one that decides when the alert goes live.
 */
export function holdingWindow(
  windows: readonly MaintenanceWindowView[],
  subject: HeldSubject,
  at: number,
): MaintenanceWindowView | null {
  const covering = coveringSubjects(subject);
  let best: MaintenanceWindowView | null = null;
  for (const w of windows) {
    if (!isActive(w, at)) continue;
    if (
      !covering.some(
        (s) =>
          s.enterpriseId === w.enterpriseId && s.subjectType === w.subjectType && s.subjectId === w.subjectId,
      )
    )
      continue;
    if (!best || effectiveEnd(w) > effectiveEnd(best)) best = w;
  }
  return best;
}

function effectiveEnd(w: MaintenanceWindowView): number {
  return w.endedAt === null ? w.endsAt : Math.min(w.endsAt, w.endedAt);
}

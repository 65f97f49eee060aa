/**
 * The duty roster (值班表) and the escalation chain (升级链) as the API shows them (/api/on-duty, /api/duty-shifts, /api/escalation-steps, /api/safety-contacts). Epoch ms.
 * Who is on duty and which chain step is due are decided by @park/notifications duty-routing.ts.
 */

/** `officer`: 值班员, the first to be told; `leader`: 带班领导, the park's duty leader, the chain's end. */
export const DUTY_ROLES = ['officer', 'leader'] as const;
export type DutyRole = (typeof DUTY_ROLES)[number];

/**
 * Whom a chain step notifies: the officer(s) on duty at the time, the duty leader(s) on duty, the alert's own
 * enterprise's safety contact (安全负责人), or the people named on the step.
 */
export const ESCALATION_TARGETS = ['duty-officer', 'duty-leader', 'enterprise-contact', 'people'] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];

/** A person as a chain step or a shift names them, with the addresses the channels write to. */
export interface DutyPersonView {
  readonly name: string;
  /** Mobile phone (SMS, and the @mention of a 钉钉 robot), or null. */
  readonly phone: string | null;
  /** E-mail address, or null. */
  readonly email: string | null;
}

/** One shift of the roster: one person on duty from `startsAt` until (not including) `endsAt`. */
export interface DutyShiftView extends DutyPersonView {
  readonly id: string;
  readonly duty: DutyRole;
  /** The platform account of the person, if they have one (null: someone without a login). */
  readonly userId: string | null;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly note: string | null;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** Who is on duty now (GET /api/on-duty): every shift that covers the instant, officers and leaders apart. */
export interface OnDutyView {
  readonly at: number;
  readonly officers: readonly DutyShiftView[];
  readonly leaders: readonly DutyShiftView[];
}

/**
 * One step of the escalation chain: "未确认 `afterMinutes` 分钟后 → 通知 `target` 经 `channelIds`", for the alerts its
 * filters let through (an empty filter lets every alert through). Steps fire in `position` order, each at most once
 * per alert, while the alert is still open (unacknowledged).
 */
export interface EscalationStepView {
  readonly id: string;
  /** 1, 2, 3 …: the chain's order (unique). */
  readonly position: number;
  /** Minutes after the alert opened; 0: at once. */
  readonly afterMinutes: number;
  readonly target: EscalationTarget;
  /** The people notified when `target` is `people`; empty otherwise. */
  readonly people: readonly DutyPersonView[];
  /** The notification channels (how) the step's people are reached through. */
  readonly channelIds: readonly string[];
  /** Those channels' names and kinds (for the officers, who cannot list the channels); a deleted one is left out. */
  readonly channels: readonly { readonly id: string; readonly name: string; readonly kind: string }[];
  /** Alert severities the step acts on; empty: warning and critical (info waits for the daily digest). */
  readonly severities: readonly string[];
  /** Rule kinds (threshold, device-offline …) the step acts on; empty: all. */
  readonly ruleKinds: readonly string[];
  /** Enterprises whose alerts the step acts on; empty: every enterprise. */
  readonly enterpriseIds: readonly string[];
  /** Areas, as the carriers (产业载体) the alert's enterprise is located in; empty: the whole park. */
  readonly carrierIds: readonly string[];
  readonly enabled: boolean;
  readonly createdBy: string;
  readonly updatedBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** An enterprise's safety contact (安全负责人), who receives that enterprise's alerts and no other's. */
export interface EnterpriseSafetyContactView {
  readonly enterpriseId: string;
  readonly enterpriseName: string;
  readonly name: string | null;
  readonly phone: string | null;
  readonly email: string | null;
}

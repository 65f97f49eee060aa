/**
 * 惠企政策 as the REST API sends them: the policy library, a policy's matching lists and the result of a notice
 * (docs/policies.md). Calendar dates are `YYYY-MM-DD`, instants epoch ms.
 */
import type { ConditionOutcome, PolicyCondition, PolicyVerdict } from './policy-criteria';

/** The notices' event type: a channel whose event types include it carries 惠企政策 notices (robots and e-mail). */
export const POLICY_NOTICE_EVENT_TYPE = 'policy';

/** Whether a policy is open on a day: before its validFrom, within, or after its validTo. */
export type PolicyState = 'upcoming' | 'open' | 'closed';

export interface PolicyView {
  readonly id: string;
  readonly name: string;
  /** 发文机关. */
  readonly issuer: string;
  /** 文号. */
  readonly documentNo: string | null;
  readonly summary: string | null;
  /** 支持内容 / 金额, in words. */
  readonly benefit: string | null;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly url: string | null;
  readonly criteria: readonly PolicyCondition[];
  /** % of a threshold within which a numeric shortfall counts as nearly qualifying. */
  readonly nearMarginPercent: number;
  readonly state: PolicyState;
  /** Loaded by the demo seed (示例数据). */
  readonly demo: boolean;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly updatedBy: string;
  readonly updatedAt: number;
}

/** A policy in the list, with how many enterprises qualify and nearly do today (null for an energy manager). */
export interface PolicyListItem extends PolicyView {
  readonly qualifiedCount: number | null;
  readonly nearlyCount: number | null;
}

/** One enterprise on a policy's matching list. */
export interface PolicyMatchView {
  readonly enterpriseId: string;
  readonly name: string;
  readonly verdict: PolicyVerdict;
  /** Every condition's outcome, in the policy's order (the "why"). */
  readonly outcomes: readonly ConditionOutcome[];
  /** When the policy's notice was last sent for it; null: never. */
  readonly notifiedAt: number | null;
  readonly notifiedBy: string | null;
}

/** GET /api/policies/:id/matches. */
export interface PolicyMatchesView {
  readonly policyId: string;
  /** The year conditions without a year of their own read (the latest with indicators); null: none has. */
  readonly latestYear: number | null;
  /** The day qualifications and libraries are read on. */
  readonly asOf: string;
  readonly qualified: readonly PolicyMatchView[];
  readonly nearly: readonly PolicyMatchView[];
  readonly counts: { readonly assessed: number; readonly qualified: number; readonly nearly: number };
  /** Channels that would carry a notice (enabled, `policy` among their event types). */
  readonly noticeChannels: number;
}

/** GET /api/enterprises/:id/policies: the policies one enterprise qualifies or nearly qualifies for. */
export interface EnterprisePoliciesView {
  readonly enterpriseId: string;
  readonly latestYear: number | null;
  readonly policies: readonly {
    readonly policy: PolicyView;
    readonly verdict: Exclude<PolicyVerdict, 'not'>;
    readonly outcomes: readonly ConditionOutcome[];
  }[];
}

/** How the notice went for one enterprise. */
export interface PolicyNoticeOutcome {
  readonly enterpriseId: string;
  readonly name: string;
  /** Sends made (one per channel and recipient; a robot's group counts one). */
  readonly sends: number;
  readonly status: 'delivered' | 'failed';
  readonly answer: string | null;
}

/** POST /api/policies/:id/notify. */
export interface PolicyNoticeResult {
  readonly policyId: string;
  /** Channels that carry notices; 0: nothing was sent (the platform has none), and nothing recorded. */
  readonly channels: number;
  readonly notified: readonly PolicyNoticeOutcome[];
  /** Qualifying enterprises notified before and left alone (send again with force). */
  readonly alreadyNotified: number;
}

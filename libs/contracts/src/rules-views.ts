/**
 * The rules administration as the REST API sends it (apps/api/src/rules, apps/api/src/webhooks): a rule, what a
 * dry-run of it over recorded data would have raised, and the deliveries of an outbound webhook.
 */
import type { Bilingual } from './alerts';

/** A rule as an administrator sees and edits it. */
export interface RuleView {
  readonly id: string;
  /** The built-in rule's code; null for one an administrator made. */
  readonly code: string | null;
  readonly kind: string;
  readonly name: { zh: string; en: string };
  readonly deviceKind: string;
  readonly metric: string;
  /** The kind's parameters, as the engine validated them. */
  readonly params: Record<string, unknown>;
  readonly autoResolve: boolean;
  readonly enabled: boolean;
  /** The standard or document its thresholds come from. */
  readonly source: string | null;
  /** What the rule judges: each device, or each production line; null for a kind the engine does not know. */
  readonly subject: 'device' | 'line' | null;
}

/** One verdict the rule would have given on recorded data. */
export interface DryRunFiring {
  readonly subject: string;
  readonly ts: number;
  /** opened, escalated, de-escalated, cleared (continuing confirmations are counted, not listed). */
  readonly change: string;
  readonly level: number | null;
  readonly value: number;
  readonly limit: number | null;
  readonly unit: string;
  readonly explanation: Bilingual;
}

export interface DryRunSubjectResult {
  readonly subject: string;
  readonly inputs: number;
  readonly confirmations: number;
  readonly firings: DryRunFiring[];
  /** Issue codes the engine reported (e.g. not-configured) with how often. */
  readonly issues: Readonly<Record<string, number>>;
}

/** What a rule would have raised over a window of recorded data, subject by subject. */
export interface DryRunResult {
  readonly ruleId: string;
  readonly from: number;
  readonly to: number;
  readonly subjects: DryRunSubjectResult[];
}

/** One delivery of an alert event to an outbound webhook, epoch ms. */
export interface WebhookDeliveryView {
  readonly id: string;
  readonly eventSeq: number;
  readonly attempts: number;
  readonly deliveredAt: number | null;
  readonly gaveUpAt: number | null;
  readonly nextAttemptAt: number;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
}

/** What DELETE /api/rules/:id did: a rule that never raised an alert is deleted, one that did is disabled. */
export interface RuleRemoval {
  readonly result: 'deleted' | 'disabled';
}

/** An outbound webhook as the API shows it: never the secret. Epoch ms. */
export interface WebhookView {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly severities: readonly string[];
  readonly enabled: boolean;
  readonly createdAt: number;
}

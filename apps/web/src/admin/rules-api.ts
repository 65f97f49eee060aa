/**
 * The rules routes of the API (apps/api/src/rules/rules.controller.ts): list (admin, officer), create and update
 * (admin) and the dry-run (admin, officer), optionally with params not yet saved. The shapes mirror
 * rules.service.ts (RuleView, DryRunResult) and rule-dry-run.ts. A 401 calls `onUnauthorized` and still rejects.
 */
import { sessionRequest, type SessionRequest } from '../api/http';

export interface RuleView {
  readonly id: string;
  readonly code: string | null;
  readonly kind: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly deviceKind: string;
  readonly metric: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly autoResolve: boolean;
  readonly enabled: boolean;
  readonly source: string | null;
  readonly subject: 'device' | 'line' | null;
}

/** The body of POST /api/rules and PUT /api/rules/:id (RuleDto). */
export interface RuleBody {
  readonly kind: string;
  readonly name: { readonly zh: string; readonly en: string };
  readonly deviceKind: string;
  readonly metric: string;
  readonly params: Record<string, unknown>;
  readonly autoResolve?: boolean;
  readonly enabled?: boolean;
  readonly source?: string;
}

export interface DryRunFiring {
  readonly subject: string;
  readonly ts: number;
  readonly change: string;
  readonly level: number | null;
  readonly value: number;
  readonly limit: number | null;
  readonly unit: string;
  readonly explanation: { readonly zh: string; readonly en: string };
}

export interface DryRunResult {
  readonly ruleId: string;
  readonly from: number;
  readonly to: number;
  readonly subjects: {
    readonly subject: string;
    readonly inputs: number;
    readonly confirmations: number;
    readonly firings: DryRunFiring[];
    readonly issues: Readonly<Record<string, number>>;
  }[];
}

export class RulesApi {
  private readonly call: SessionRequest;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = sessionRequest(token, onUnauthorized);
  }

  list(signal?: AbortSignal): Promise<RuleView[]> {
    return this.call('GET', '/api/rules', undefined, signal);
  }

  create(body: RuleBody): Promise<RuleView> {
    return this.call('POST', '/api/rules', body);
  }

  update(id: string, body: RuleBody): Promise<RuleView> {
    return this.call('PUT', `/api/rules/${encodeURIComponent(id)}`, body);
  }

  /** What the rule — with `params` instead of the stored ones, when given — would have raised in the last hours. */
  dryRun(id: string, hours: number, params?: Record<string, unknown>): Promise<DryRunResult> {
    return this.call(
      'POST',
      `/api/rules/${encodeURIComponent(id)}/dry-run?hours=${hours}`,
      params ? { params } : {},
    );
  }
}

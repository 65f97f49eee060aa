/**
 * The rules routes of the API (apps/api/src/rules/rules.controller.ts): list (admin, officer), create and update
 * (admin) and the dry-run (admin, officer), optionally with params not yet saved. Answers are typed by the API's
 * OpenAPI document. A 401 calls `onUnauthorized` and still rejects.
 */
import { apiClient, type ApiBody, type ApiCall, type ApiSchemas } from '../api/api-client';
import { sessionRequest } from '../api/http';

export type RuleView = ApiSchemas['RuleView'];
export type DryRunFiring = ApiSchemas['DryRunFiring'];
export type DryRunResult = ApiSchemas['DryRunResult'];

/** The body of POST /api/rules and PUT /api/rules/:id (RuleDto, as the API's document describes it). */
export type RuleBody = ApiBody<'/api/rules', 'POST'>;

export class RulesApi {
  private readonly call: ApiCall;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  list(signal?: AbortSignal): Promise<RuleView[]> {
    return this.call('GET', '/api/rules', { signal });
  }

  create(body: RuleBody): Promise<RuleView> {
    return this.call('POST', '/api/rules', { body });
  }

  update(id: string, body: RuleBody): Promise<RuleView> {
    return this.call('PUT', '/api/rules/{id}', { path: { id }, body });
  }

  /** What the rule — with `params` instead of the stored ones, when given — would have raised in the last hours. */
  dryRun(id: string, hours: number, params?: Record<string, unknown>): Promise<DryRunResult> {
    return this.call('POST', '/api/rules/{id}/dry-run', {
      path: { id },
      query: { hours },
      body: params ? { params } : {},
    });
  }
}

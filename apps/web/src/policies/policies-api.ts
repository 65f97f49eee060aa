/**
 * The 惠企政策 routes of the API on behalf of the signed-in user (apps/api/src/policies/policies.controller.ts):
 * every role reads the library — an energy manager without the park-wide counts, and only their own enterprise's
 * policies — the committee reads the matching lists, and the admin and the staff whose department edits `policies`
 * write and send notices. Answers are typed by the API's OpenAPI document.
 */
import { apiClient, type ApiCall, type ApiSchemas } from '../api/api-client';
import { ApiError, sessionRequest } from '../api/http';

export type PolicyListItem = ApiSchemas['PolicyListItem'];
export type Policy = ApiSchemas['PolicyView'];
export type PolicyMatches = ApiSchemas['PolicyMatchesView'];
export type PolicyMatch = ApiSchemas['PolicyMatchView'];
export type PolicyNoticeResult = ApiSchemas['PolicyNoticeResult'];
export type EnterprisePolicies = ApiSchemas['EnterprisePoliciesView'];
export type NewPolicy = ApiSchemas['CreatePolicyDto'];

export class PoliciesApi {
  private readonly call: ApiCall;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  list(q: string, signal?: AbortSignal): Promise<PolicyListItem[]> {
    return this.call('GET', '/api/policies', { query: { q: q.trim() || undefined }, signal });
  }

  get(id: string, signal?: AbortSignal): Promise<Policy> {
    return this.call('GET', '/api/policies/{id}', { path: { id }, signal });
  }

  /**
   * One policy out of the library list: GET /api/policies/:id is the committee's (an id route is one enterprise's
   * record for an energy manager), so an energy manager's page reads the policy here. A 404 when it is not there.
   */
  async fromList(id: string, signal?: AbortSignal): Promise<Policy> {
    const found = (await this.list('', signal)).find((p) => p.id === id);
    if (!found) throw new ApiError(404, 'RECORD_NOT_FOUND', `policy ${id} not found`);
    return found;
  }

  matches(id: string, signal?: AbortSignal): Promise<PolicyMatches> {
    return this.call('GET', '/api/policies/{id}/matches', { path: { id }, signal });
  }

  create(body: NewPolicy): Promise<Policy> {
    return this.call('POST', '/api/policies', { body });
  }

  update(id: string, body: NewPolicy): Promise<Policy> {
    return this.call('PATCH', '/api/policies/{id}', { path: { id }, body });
  }

  remove(id: string): Promise<void> {
    return this.call('DELETE', '/api/policies/{id}', { path: { id } });
  }

  notify(id: string, force: boolean): Promise<PolicyNoticeResult> {
    return this.call('POST', '/api/policies/{id}/notify', { path: { id }, body: { force } });
  }

  ofEnterprise(enterpriseId: string, signal?: AbortSignal): Promise<EnterprisePolicies> {
    return this.call('GET', '/api/enterprises/{id}/policies', { path: { id: enterpriseId }, signal });
  }
}

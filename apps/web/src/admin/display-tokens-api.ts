/**
 * The display-token routes of the API (apps/api/src/wall/display-tokens.controller.ts, admin only): create (the
 * token is in that answer only), list (never the token), revoke. Typed by the API's OpenAPI document (times in
 * epoch milliseconds). A 401 calls `onUnauthorized` and still rejects.
 */
import { apiClient, type ApiCall, type ApiSchemas } from '../api/api-client';
import { sessionRequest } from '../api/http';

export type DisplayTokenView = ApiSchemas['DisplayTokenView'];
export type CreatedDisplayToken = ApiSchemas['CreatedDisplayToken'];

export class DisplayTokensApi {
  private readonly call: ApiCall;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  list(signal?: AbortSignal): Promise<DisplayTokenView[]> {
    return this.call('GET', '/api/display-tokens', { signal });
  }

  create(name: string): Promise<CreatedDisplayToken> {
    return this.call('POST', '/api/display-tokens', { body: { name } });
  }

  revoke(id: string): Promise<DisplayTokenView> {
    return this.call('DELETE', '/api/display-tokens/{id}', { path: { id } });
  }
}

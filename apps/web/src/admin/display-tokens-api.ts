/**
 * The display-token routes of the API (apps/api/src/wall/display-tokens.controller.ts, admin only): create (the
 * token is in that answer only), list (never the token), revoke. The shapes mirror DisplayTokenView in
 * libs/records (times in epoch milliseconds). A 401 calls `onUnauthorized` and still rejects.
 */
import { sessionRequest, type SessionRequest } from '../api/http';

export interface DisplayTokenView {
  readonly id: string;
  readonly name: string;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}

export interface CreatedDisplayToken extends DisplayTokenView {
  /** Shown once: the API keeps only its SHA-256. */
  readonly token: string;
}

export class DisplayTokensApi {
  private readonly call: SessionRequest;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = sessionRequest(token, onUnauthorized);
  }

  list(signal?: AbortSignal): Promise<DisplayTokenView[]> {
    return this.call('GET', '/api/display-tokens', undefined, signal);
  }

  create(name: string): Promise<CreatedDisplayToken> {
    return this.call('POST', '/api/display-tokens', { name });
  }

  revoke(id: string): Promise<DisplayTokenView> {
    return this.call('DELETE', `/api/display-tokens/${encodeURIComponent(id)}`);
  }
}

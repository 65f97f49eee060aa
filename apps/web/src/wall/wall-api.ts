/**
 * The wall display's API calls: the display-token exchange (public) and the wall's own endpoints — the summary,
 * the latest alerts and the plan's progress — which are all a `display` session may read (GET /api/wall/*).
 * Answers are typed by the API's OpenAPI document.
 */
import { apiClient, plainApiClient, type ApiCall, type ApiSchemas } from '../api/api-client';
import { sessionRequest } from '../api/http';
import type { YearProgress } from '../plan/plan-api';

/** POST /api/display-tokens/exchange: a short `display` session for a display token. */
export type DisplaySession = ApiSchemas['DisplaySession'];
type WallSummary = ApiSchemas['WallSummary'];
type AlertView = ApiSchemas['AlertView'];

export function exchangeDisplayToken(token: string, signal?: AbortSignal): Promise<DisplaySession> {
  return plainApiClient(null)('POST', '/api/display-tokens/exchange', { body: { token }, signal });
}

export function fetchWallSummary(accessToken: string, signal?: AbortSignal): Promise<WallSummary> {
  return plainApiClient(accessToken)('GET', '/api/wall/summary', { signal });
}

/** The ticker's alerts and the plan's progress; a 401 calls `onUnauthorized` (the session ended). */
export class WallApi {
  private readonly call: ApiCall;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  latestAlerts(limit: number, signal?: AbortSignal): Promise<AlertView[]> {
    return this.call('GET', '/api/wall/alerts', { query: { limit }, signal });
  }

  progress(from: number, to: number, signal?: AbortSignal): Promise<YearProgress[]> {
    return this.call('GET', '/api/wall/progress', { query: { from, to }, signal });
  }
}

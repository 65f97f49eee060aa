/**
 * The wall display's API calls: the display-token exchange (public) and the wall's own endpoints — the summary,
 * the latest alerts and the plan's progress — which are all a `display` session may read (GET /api/wall/*).
 */
import type { AlertView } from '@park/contracts';
import { requestJson, sessionRequest, type SessionRequest } from '../api/http';
import type { YearProgress } from '../plan/plan-api';
import type { WallSummary } from './wall-model';

/** POST /api/display-tokens/exchange: a short `display` session for a display token. */
export interface DisplaySession {
  readonly accessToken: string;
  readonly expiresAt: number;
}

export function exchangeDisplayToken(token: string, signal?: AbortSignal): Promise<DisplaySession> {
  return requestJson<DisplaySession>('POST', '/api/display-tokens/exchange', { body: { token }, signal });
}

export function fetchWallSummary(accessToken: string, signal?: AbortSignal): Promise<WallSummary> {
  return requestJson<WallSummary>('GET', '/api/wall/summary', { token: accessToken, signal });
}

/** The ticker's alerts and the plan's progress; a 401 calls `onUnauthorized` (the session ended). */
export class WallApi {
  private readonly call: SessionRequest;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = sessionRequest(token, onUnauthorized);
  }

  latestAlerts(limit: number, signal?: AbortSignal): Promise<AlertView[]> {
    return this.call('GET', `/api/wall/alerts?limit=${limit}`, undefined, signal);
  }

  progress(from: number, to: number, signal?: AbortSignal): Promise<YearProgress[]> {
    return this.call('GET', `/api/wall/progress?from=${from}&to=${to}`, undefined, signal);
  }
}

/**
 * The wall display's API calls: the display-token exchange (public), the summary, and — through the existing
 * clients — the alerts list and the plan's progress.
 */
import { requestJson } from '../api/http';
import type { WallSummary } from './wall-model';

/** POST /api/display-tokens/exchange: a short `operator` session for a display token. */
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

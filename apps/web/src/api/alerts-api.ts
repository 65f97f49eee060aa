/**
 * The alert routes of the API on behalf of the signed-in user. A 401 (token expired or revoked) calls
 * `onUnauthorized` once, so the app can send the user back to the login page, and still rejects.
 */
import type { AlertEvent, AlertStatus, AlertView } from '@park/contracts';
import { sessionRequest, type SessionRequest } from './http';

export class AlertsApi {
  private readonly call: SessionRequest;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = sessionRequest(token, onUnauthorized);
  }

  list(filter: { status?: AlertStatus; limit: number }, signal?: AbortSignal): Promise<AlertView[]> {
    const query = new URLSearchParams({ limit: String(filter.limit) });
    if (filter.status) query.set('status', filter.status);
    return this.call('GET', `/api/alerts?${query.toString()}`, undefined, signal);
  }

  get(id: string, signal?: AbortSignal): Promise<AlertView> {
    return this.call('GET', `/api/alerts/${encodeURIComponent(id)}`, undefined, signal);
  }

  /** The audit trail, oldest first. */
  events(id: string, signal?: AbortSignal): Promise<AlertEvent[]> {
    return this.call('GET', `/api/alerts/${encodeURIComponent(id)}/events`, undefined, signal);
  }

  acknowledge(id: string): Promise<AlertEvent> {
    return this.call('POST', `/api/alerts/${encodeURIComponent(id)}/acknowledge`, {});
  }

  resolve(id: string, note: string): Promise<AlertEvent> {
    return this.call('POST', `/api/alerts/${encodeURIComponent(id)}/resolve`, { note });
  }
}

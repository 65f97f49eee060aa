/**
 * The alert routes of the API on behalf of the signed-in user. A 401 (token expired or revoked) calls
 * `onUnauthorized` once, so the app can send the user back to the login page, and still rejects.
 */
import type { AlertEvent, AlertStatus, AlertView } from '@park/contracts';
import { apiClient, type ApiCall } from './api-client';
import { sessionRequest } from './http';

export class AlertsApi {
  private readonly call: ApiCall;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  list(filter: { status?: AlertStatus; limit: number }, signal?: AbortSignal): Promise<AlertView[]> {
    return this.call('GET', '/api/alerts', { query: { limit: filter.limit, status: filter.status }, signal });
  }

  get(id: string, signal?: AbortSignal): Promise<AlertView> {
    return this.call('GET', '/api/alerts/{id}', { path: { id }, signal });
  }

  /** The audit trail, oldest first. */
  events(id: string, signal?: AbortSignal): Promise<AlertEvent[]> {
    return this.call('GET', '/api/alerts/{id}/events', { path: { id }, signal });
  }

  acknowledge(id: string): Promise<AlertEvent> {
    return this.call('POST', '/api/alerts/{id}/acknowledge', { path: { id } });
  }

  resolve(id: string, note: string): Promise<AlertEvent> {
    return this.call('POST', '/api/alerts/{id}/resolve', { path: { id }, body: { note } });
  }
}

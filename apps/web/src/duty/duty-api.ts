/**
 * The 值班与升级 routes of the API (apps/api/src/duty/*): who is on duty now, the roster's shifts, the escalation
 * chain's steps and the enterprises' safety contacts (admins write; officers and operators read), and — for an
 * admin choosing a step's channels — the notification channels. Typed by the API's OpenAPI document (epoch ms).
 * A 401 calls `onUnauthorized` and still rejects.
 */
import { apiClient, type ApiBody, type ApiCall, type ApiSchemas } from '../api/api-client';
import { sessionRequest } from '../api/http';

export type OnDutyView = ApiSchemas['OnDutyView'];
export type DutyShiftView = ApiSchemas['DutyShiftView'];
export type EscalationStepView = ApiSchemas['EscalationStepView'];
export type SafetyContactView = ApiSchemas['EnterpriseSafetyContactView'];
export type ChannelView = ApiSchemas['NotificationChannelView'];
export type DutyShiftBody = ApiBody<'/api/duty-shifts', 'POST'>;
export type EscalationStepBody = ApiBody<'/api/escalation-steps', 'POST'>;
export type SafetyContactBody = ApiBody<'/api/safety-contacts/{enterpriseId}', 'PUT'>;

export class DutyApi {
  private readonly call: ApiCall;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  onDuty(signal?: AbortSignal): Promise<OnDutyView> {
    return this.call('GET', '/api/on-duty', { signal });
  }

  shifts(from: number, to: number, signal?: AbortSignal): Promise<DutyShiftView[]> {
    return this.call('GET', '/api/duty-shifts', { query: { from, to }, signal });
  }

  createShift(body: DutyShiftBody): Promise<DutyShiftView> {
    return this.call('POST', '/api/duty-shifts', { body });
  }

  updateShift(id: string, body: DutyShiftBody): Promise<DutyShiftView> {
    return this.call('PUT', '/api/duty-shifts/{id}', { path: { id }, body });
  }

  removeShift(id: string): Promise<void> {
    return this.call('DELETE', '/api/duty-shifts/{id}', { path: { id } });
  }

  steps(signal?: AbortSignal): Promise<EscalationStepView[]> {
    return this.call('GET', '/api/escalation-steps', { signal });
  }

  createStep(body: EscalationStepBody): Promise<EscalationStepView> {
    return this.call('POST', '/api/escalation-steps', { body });
  }

  updateStep(id: string, body: EscalationStepBody): Promise<EscalationStepView> {
    return this.call('PUT', '/api/escalation-steps/{id}', { path: { id }, body });
  }

  removeStep(id: string): Promise<void> {
    return this.call('DELETE', '/api/escalation-steps/{id}', { path: { id } });
  }

  safetyContacts(signal?: AbortSignal): Promise<SafetyContactView[]> {
    return this.call('GET', '/api/safety-contacts', { signal });
  }

  setSafetyContact(enterpriseId: string, body: SafetyContactBody): Promise<SafetyContactView> {
    return this.call('PUT', '/api/safety-contacts/{enterpriseId}', { path: { enterpriseId }, body });
  }

  /** Admin only (the channels' settings hold secrets). */
  channels(signal?: AbortSignal): Promise<ChannelView[]> {
    return this.call('GET', '/api/notification-channels', { signal });
  }
}

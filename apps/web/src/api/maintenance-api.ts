/**
 * The maintenance-window routes (检修) on behalf of the signed-in user: the current window of a device or line,
 * starting one, ending one early. The API validates (not in the past, at most 7 days for an officer).
 */
import type { AlertSubjectType, MaintenanceWindow } from '@park/contracts';
import { apiClient, type ApiCall } from './api-client';
import { sessionRequest } from './http';

export interface MaintenanceSubjectRef {
  readonly subjectType: AlertSubjectType;
  readonly subjectId: string;
  readonly enterpriseId: string;
}

export class MaintenanceApi {
  private readonly call: ApiCall;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  /** Windows of the subject that have not ended yet (active or planned), newest start first. */
  current(subject: MaintenanceSubjectRef, signal?: AbortSignal): Promise<MaintenanceWindow[]> {
    const query = {
      subjectType: subject.subjectType,
      subjectId: subject.subjectId,
      enterprise: subject.enterpriseId,
      current: true,
      limit: 20,
    };
    return this.call('GET', '/api/maintenance-windows', { query, signal });
  }

  start(subject: MaintenanceSubjectRef, endsAt: number, reason: string): Promise<MaintenanceWindow> {
    const body = {
      subjectType: subject.subjectType,
      subjectId: subject.subjectId,
      ...(subject.subjectType === 'line' ? { enterpriseId: subject.enterpriseId } : {}),
      endsAt,
      reason,
    };
    return this.call('POST', '/api/maintenance-windows', { body });
  }

  end(id: string): Promise<MaintenanceWindow> {
    return this.call('POST', '/api/maintenance-windows/{id}/end', { path: { id } });
  }
}

/**
 * The maintenance-window routes (检修) on behalf of the signed-in user: the current window of a device or line,
 * starting one, ending one early. The API validates (not in the past, at most 7 days for an officer).
 */
import type { AlertSubjectType, MaintenanceWindow } from '@park/contracts';
import { sessionRequest, type SessionRequest } from './http';

export interface MaintenanceSubjectRef {
  readonly subjectType: AlertSubjectType;
  readonly subjectId: string;
  readonly enterpriseId: string;
}

export class MaintenanceApi {
  private readonly call: SessionRequest;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = sessionRequest(token, onUnauthorized);
  }

  /** Windows of the subject that have not ended yet (active or planned), newest start first. */
  current(subject: MaintenanceSubjectRef, signal?: AbortSignal): Promise<MaintenanceWindow[]> {
    const query = new URLSearchParams({
      subjectType: subject.subjectType,
      subjectId: subject.subjectId,
      enterprise: subject.enterpriseId,
      current: 'true',
      limit: '20',
    });
    return this.call('GET', `/api/maintenance-windows?${query.toString()}`, undefined, signal);
  }

  start(subject: MaintenanceSubjectRef, endsAt: number, reason: string): Promise<MaintenanceWindow> {
    return this.call('POST', '/api/maintenance-windows', {
      subjectType: subject.subjectType,
      subjectId: subject.subjectId,
      ...(subject.subjectType === 'line' ? { enterpriseId: subject.enterpriseId } : {}),
      endsAt,
      reason,
    });
  }

  end(id: string): Promise<MaintenanceWindow> {
    return this.call('POST', `/api/maintenance-windows/${encodeURIComponent(id)}/end`, {});
  }
}

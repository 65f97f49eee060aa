/**
 * GET /api/device-states (apps/api/src/devices/device-states.controller.ts): each device's state, last reading
 * and newest values, for the signed-in user (an energy manager's own enterprise only). Typed by the API document.
 */
import type { DeviceKind } from '@park/contracts';
import { apiClient, type ApiCall } from '../api/api-client';
import { sessionRequest } from '../api/http';
import { enterpriseOptions, type EnterpriseOption } from '../admin/devices-api';
import type { DeviceStateView } from './device-states';

export interface DeviceStateQuery {
  /** '' for every enterprise the user may see. */
  readonly enterpriseId: string;
  /** '' for every kind. */
  readonly kind: string;
}

export class DeviceStatesApi {
  private readonly call: ApiCall;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  list(query: DeviceStateQuery, signal?: AbortSignal): Promise<DeviceStateView[]> {
    return this.call('GET', '/api/device-states', {
      query: {
        enterpriseId: query.enterpriseId || undefined,
        kind: (query.kind || undefined) as DeviceKind | undefined,
      },
      signal,
    });
  }

  enterprises(signal?: AbortSignal): Promise<EnterpriseOption[]> {
    return enterpriseOptions(this.call, signal);
  }
}

/**
 * What the device page reads, on behalf of the signed-in user: the device's state (GET /api/device-states/:id),
 * its settings (GET /api/devices/:id), its alerts (GET /api/alerts?device=), its maintenance windows
 * (GET /api/maintenance-windows), the rules of its kind (GET /api/rules: admin and officer only) and a metric's
 * series (GET /api/telemetry/series). The API scopes every one of them: an energy manager's request for another
 * enterprise's device answers 404. A 401 calls `onUnauthorized` and still rejects.
 */
import type { AlertView, MaintenanceWindow, TelemetrySeries } from '@park/contracts';
import type { DeviceView } from '../admin/devices-api';
import { enterpriseOptions, type EnterpriseOption } from '../admin/devices-api';
import type { RuleView } from '../admin/rules-api';
import { apiClient, type ApiCall } from '../api/api-client';
import { sessionRequest } from '../api/http';
import { TelemetryApi } from '../api/telemetry-api';
import type { DeviceStateView } from './device-states';

/** How many of the device's newest alerts and maintenance windows the page lists. */
export const LIST_LIMIT = 100;

export class DevicePageApi {
  private readonly call: ApiCall;
  private readonly telemetry: TelemetryApi;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
    this.telemetry = new TelemetryApi(token, onUnauthorized);
  }

  state(id: string, signal?: AbortSignal): Promise<DeviceStateView> {
    return this.call('GET', '/api/device-states/{id}', { path: { id }, signal });
  }

  device(id: string, signal?: AbortSignal): Promise<DeviceView> {
    return this.call('GET', '/api/devices/{id}', { path: { id }, signal });
  }

  /** The device's newest alerts (any status). */
  alerts(id: string, signal?: AbortSignal): Promise<AlertView[]> {
    return this.call('GET', '/api/alerts', { query: { device: id, limit: LIST_LIMIT }, signal });
  }

  /** The device's maintenance windows, past, current and planned, newest first. */
  maintenance(id: string, enterpriseId: string, signal?: AbortSignal): Promise<MaintenanceWindow[]> {
    return this.call('GET', '/api/maintenance-windows', {
      query: { subjectType: 'device', subjectId: id, enterprise: enterpriseId, limit: LIST_LIMIT },
      signal,
    });
  }

  /** The rules (admin and officer; the caller asks only for those roles). */
  rules(signal?: AbortSignal): Promise<RuleView[]> {
    return this.call('GET', '/api/rules', { signal });
  }

  enterprises(signal?: AbortSignal): Promise<EnterpriseOption[]> {
    return enterpriseOptions(this.call, signal);
  }

  series(query: string, signal?: AbortSignal): Promise<TelemetrySeries> {
    return this.telemetry.series(query, signal);
  }
}

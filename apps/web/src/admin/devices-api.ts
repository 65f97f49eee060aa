/**
 * The device administration routes of the API (apps/api/src/devices/devices.controller.ts): listing (admin,
 * officer, operator, energy-manager) and provisioning, credential rotation, disabling and enabling (admin only), on
 * behalf of the signed-in user. Answers are typed by the API's OpenAPI document. A 401 calls `onUnauthorized` and
 * still rejects.
 */
import type { DeviceKind } from '@park/contracts';
import { apiClient, type ApiAnswer, type ApiBody, type ApiCall, type ApiSchemas } from '../api/api-client';
import { sessionRequest } from '../api/http';

export type DeviceView = ApiSchemas['DeviceView'];
/** Shown once, at provisioning or rotation: the API keeps only a hash of the password. */
export type DeviceCredentials = ApiSchemas['DeviceCredentials'];
export type DevicePage = ApiSchemas['Page_DeviceView'];

export interface DeviceQuery {
  readonly q: string;
  readonly kind: string;
  /** '' for all, else 'true' or 'false'. */
  readonly enabled: string;
  readonly page: number;
  readonly pageSize: number;
}

export interface EnterpriseOption {
  readonly id: string;
  readonly name: string;
}

/** The body of POST /api/devices (CreateDeviceDto, as the API's document describes it); absent fields are left out. */
export type ProvisionBody = ApiBody<'/api/devices', 'POST'>;

/** A provisioned or re-keyed device with its credentials (POST /api/devices, POST /api/devices/:id/credentials). */
export type Provisioned = ApiAnswer<'/api/devices', 'POST'>;

/** GET /api/devices's query: the page, sorted by id, filtered by text, kind and enabled. */
function deviceQuery(query: DeviceQuery) {
  return {
    page: query.page,
    pageSize: query.pageSize,
    sort: 'id',
    q: query.q.trim() || undefined,
    kind: (query.kind || undefined) as DeviceKind | undefined,
    enabled: query.enabled ? query.enabled === 'true' : undefined,
  };
}

/** The enterprises to pick from (id and name), for the admin forms that attach a record to one. */
export async function enterpriseOptions(call: ApiCall, signal?: AbortSignal): Promise<EnterpriseOption[]> {
  const page = await call('GET', '/api/enterprises', { query: { pageSize: 500, sort: 'name' }, signal });
  return page.items.map(({ id, name }) => ({ id, name }));
}

export class DevicesApi {
  private readonly call: ApiCall;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  list(query: DeviceQuery, signal?: AbortSignal): Promise<DevicePage> {
    return this.call('GET', '/api/devices', { query: deviceQuery(query), signal });
  }

  enterprises(signal?: AbortSignal): Promise<EnterpriseOption[]> {
    return enterpriseOptions(this.call, signal);
  }

  provision(body: ProvisionBody): Promise<Provisioned> {
    return this.call('POST', '/api/devices', { body });
  }

  rotate(id: string): Promise<Provisioned> {
    return this.call('POST', '/api/devices/{id}/credentials', { path: { id } });
  }

  setEnabled(id: string, enabled: boolean): Promise<DeviceView> {
    return enabled
      ? this.call('POST', '/api/devices/{id}/enable', { path: { id } })
      : this.call('POST', '/api/devices/{id}/disable', { path: { id } });
  }
}

/**
 * The device administration routes of the API (apps/api/src/devices/devices.controller.ts): listing (admin,
 * officer, operator, energy-manager) and provisioning, credential rotation, disabling and enabling (admin only), on
 * behalf of the signed-in user. The shapes mirror devices.service.ts (DeviceView, DeviceCredentials): the web app
 * cannot import them, as they sit beside TypeORM entities. A 401 calls `onUnauthorized` and still rejects.
 */
import { sessionRequest, type SessionRequest } from '../api/http';

export interface DeviceView {
  readonly id: string;
  readonly enterpriseId: string;
  readonly name: string;
  readonly kind: string;
  readonly role: string | null;
  readonly line: string | null;
  readonly location: string | null;
  readonly enabled: boolean;
  readonly expectedIntervalS: number;
  readonly permitLimits: Readonly<Record<string, number>> | null;
  readonly permitO2Reference: number | null;
  readonly normalKw: number | null;
  readonly credentialIssuedAt: string | null;
  readonly hasCredential: boolean;
}

/** Shown once, at provisioning or rotation: the API keeps only a hash of the password. */
export interface DeviceCredentials {
  readonly username: string;
  readonly password: string;
  readonly telemetryTopic: string;
  readonly statusTopic: string;
}

export interface DevicePage {
  readonly items: DeviceView[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

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

/** The body of POST /api/devices (CreateDeviceDto); absent fields are left out. */
export interface ProvisionBody {
  readonly id: string;
  readonly enterpriseId: string;
  readonly name: string;
  readonly kind: string;
  readonly role?: string;
  readonly line?: string;
  readonly location?: string;
  readonly expectedIntervalS?: number;
  readonly permitLimits?: Record<string, number>;
  readonly permitO2Reference?: number;
  readonly normalKw?: number;
  /** Temperature, pressure and liquid-level devices: metric → H/HH/L/LL, hysteresis, delayMs. */
  readonly processLimits?: Record<string, Record<string, number>>;
}

export interface Provisioned {
  readonly device: DeviceView;
  readonly credentials: DeviceCredentials;
}

export function deviceQuery(query: DeviceQuery): string {
  const params = new URLSearchParams({
    page: String(query.page),
    pageSize: String(query.pageSize),
    sort: 'id',
  });
  if (query.q.trim()) params.set('q', query.q.trim());
  if (query.kind) params.set('kind', query.kind);
  if (query.enabled) params.set('enabled', query.enabled);
  return params.toString();
}

/** The enterprises to pick from (id and name), for the admin forms that attach a record to one. */
export async function enterpriseOptions(
  request: SessionRequest,
  signal?: AbortSignal,
): Promise<EnterpriseOption[]> {
  const page = await request<{ items: EnterpriseOption[] }>(
    'GET',
    '/api/enterprises?pageSize=500&sort=name',
    undefined,
    signal,
  );
  return page.items.map(({ id, name }) => ({ id, name }));
}

export class DevicesApi {
  private readonly call: SessionRequest;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = sessionRequest(token, onUnauthorized);
  }

  list(query: DeviceQuery, signal?: AbortSignal): Promise<DevicePage> {
    return this.call('GET', `/api/devices?${deviceQuery(query)}`, undefined, signal);
  }

  enterprises(signal?: AbortSignal): Promise<EnterpriseOption[]> {
    return enterpriseOptions(this.call, signal);
  }

  provision(body: ProvisionBody): Promise<Provisioned> {
    return this.call('POST', '/api/devices', body);
  }

  rotate(id: string): Promise<Provisioned> {
    return this.call('POST', `/api/devices/${encodeURIComponent(id)}/credentials`, {});
  }

  setEnabled(id: string, enabled: boolean): Promise<DeviceView> {
    return this.call('POST', `/api/devices/${encodeURIComponent(id)}/${enabled ? 'enable' : 'disable'}`, {});
  }
}

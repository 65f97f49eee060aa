/**
 * GET /api/energy/summary and /summary.csv (admin, officer, operator, energy-manager), GET /api/energy/ranking
 * (park roles) and the enterprise list for the picker, on behalf of the signed-in user. The answers are typed by
 * the API's OpenAPI document (docs/energy.md). A 401 calls `onUnauthorized` and still rejects.
 */
import { enterpriseOptions, type EnterpriseOption } from '../admin/devices-api';
import { apiClient, type ApiCall, type ApiSchemas } from '../api/api-client';
import { ApiError, sessionRequest } from '../api/http';

export type { EnterpriseOption } from '../admin/devices-api';
/** kWh in the 峰/平/谷 periods. */
export type TouSplit = ApiSchemas['TouSplit'];
export type EnergySummary = ApiSchemas['EnergySummary'];
export type EnergyRanking = ApiSchemas['EnergyRanking'];

export interface EnergyWindow {
  readonly enterpriseId: string | null;
  readonly from: number;
  readonly to: number;
}

export function energyQuery(window: EnergyWindow): string {
  const params = new URLSearchParams({ from: String(window.from), to: String(window.to) });
  if (window.enterpriseId) params.set('enterpriseId', window.enterpriseId);
  return params.toString();
}

export class EnergyApi {
  private readonly call: ApiCall;

  constructor(
    private readonly token: string,
    private readonly onUnauthorized: () => void,
  ) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  summary(window: EnergyWindow, signal?: AbortSignal): Promise<EnergySummary> {
    const { from, to } = window;
    return this.call('GET', '/api/energy/summary', {
      query: { from, to, enterpriseId: window.enterpriseId ?? undefined },
      signal,
    });
  }

  /** The park-wide ranking (admin, officer, operator; the API refuses an energy manager). */
  ranking(window: { from: number; to: number }, signal?: AbortSignal): Promise<EnergyRanking> {
    return this.call('GET', '/api/energy/ranking', { query: { from: window.from, to: window.to }, signal });
  }

  enterprises(signal?: AbortSignal): Promise<EnterpriseOption[]> {
    return enterpriseOptions(this.call, signal);
  }

  /** The CSV as a file (the token travels in a header, so a plain link cannot fetch it). */
  async csv(window: EnergyWindow): Promise<{ blob: Blob; filename: string }> {
    const response = await fetch(`/api/energy/summary.csv?${energyQuery(window)}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (response.status === 401) this.onUnauthorized();
    if (!response.ok) throw new ApiError(response.status, null, `HTTP ${response.status}`);
    const disposition = response.headers.get('content-disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'energy.csv';
    return { blob: await response.blob(), filename };
  }
}

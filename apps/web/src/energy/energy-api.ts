/**
 * GET /api/energy/summary and /summary.csv (admin, officer, operator, energy-manager) and the enterprise list for
 * the picker, on behalf of the signed-in user. The response shape mirrors apps/api/src/energy/energy.service.ts
 * (EnergySummary; docs/energy.md): the web app cannot import it, as it sits beside TypeORM entities. A 401 calls
 * `onUnauthorized` and still rejects.
 */
import { ApiError, requestJson } from '../api/http';

export interface TouSplit {
  readonly peak: number;
  readonly flat: number;
  readonly valley: number;
}

export interface EnergySummary {
  readonly enterpriseId: string;
  readonly enterpriseName: string;
  readonly from: number;
  readonly to: number;
  /** kWh. */
  readonly totalKwh: number;
  /** kW, and the start of the 15-minute interval. */
  readonly peakDemand: { readonly kw: number; readonly at: number } | null;
  readonly tou: TouSplit & { readonly peakHours: string; readonly valleyHours: string };
  readonly daily: readonly (TouSplit & { readonly date: string; readonly kwh: number })[];
  readonly monthly: readonly { readonly month: string; readonly kwh: number }[];
  readonly meters: readonly {
    readonly deviceId: string;
    readonly name: string;
    readonly line: string | null;
    readonly role: string | null;
    readonly kwh: number;
    readonly tou: TouSplit;
    readonly peakKw: number | null;
  }[];
  readonly lines: readonly { readonly line: string | null; readonly kwh: number; readonly meters: number }[];
  readonly load: readonly { readonly ts: number; readonly kw: number }[];
  readonly loadIntervalMs: number;
  readonly yoy: {
    readonly from: number;
    readonly to: number;
    readonly kwh: number | null;
    readonly changePct: number | null;
  };
  readonly carbon: { readonly factorKgPerKwh: number; readonly tCo2e: number };
  readonly intensity: {
    readonly outputWan: number | null;
    readonly years: readonly number[];
    readonly kwhPer10kYuan: number | null;
  };
}

export interface EnterpriseOption {
  readonly id: string;
  readonly name: string;
}

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
  constructor(
    private readonly token: string,
    private readonly onUnauthorized: () => void,
  ) {}

  summary(window: EnergyWindow, signal?: AbortSignal): Promise<EnergySummary> {
    return this.guard(() =>
      requestJson<EnergySummary>('GET', `/api/energy/summary?${energyQuery(window)}`, {
        token: this.token,
        signal,
      }),
    );
  }

  async enterprises(signal?: AbortSignal): Promise<EnterpriseOption[]> {
    const page = await this.guard(() =>
      requestJson<{ items: EnterpriseOption[] }>('GET', '/api/enterprises?pageSize=500&sort=name', {
        token: this.token,
        signal,
      }),
    );
    return page.items.map(({ id, name }) => ({ id, name }));
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

  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.onUnauthorized();
      throw error;
    }
  }
}

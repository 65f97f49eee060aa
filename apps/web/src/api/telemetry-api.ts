/**
 * The telemetry routes of the API on behalf of the signed-in user; a 401 calls `onUnauthorized` once, as the
 * alerts API does.
 */
import type { TelemetrySeries } from '@park/contracts';
import { ApiError, requestJson } from './http';

export class TelemetryApi {
  constructor(
    private readonly token: string,
    private readonly onUnauthorized: () => void,
  ) {}

  /** GET /api/telemetry/series with a prepared query string (see alerts/metric-chart.ts). */
  async series(query: string, signal?: AbortSignal): Promise<TelemetrySeries> {
    try {
      return await requestJson<TelemetrySeries>('GET', `/api/telemetry/series?${query}`, {
        token: this.token,
        signal,
      });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this.onUnauthorized();
      throw error;
    }
  }
}

/**
 * The effective indicators on behalf of the signed-in user (docs/analytics.md "有效指标", docs/energy.md "电量核对"):
 * an enterprise's periodic figures, the electricity reconciliation, the precedence and energy-factor settings and
 * the plan's year to date. Typed by the API's OpenAPI document; a 401 calls `onUnauthorized` and still rejects.
 */
import { apiClient, type ApiCall, type ApiSchemas } from '../api/api-client';
import { sessionRequest } from '../api/http';

export type EnterpriseFigures = ApiSchemas['EnterpriseFiguresView'];
export type MetricFigures = ApiSchemas['MetricFiguresView'];
export type Reconciliation = ApiSchemas['ReconciliationView'];
export type ReconciliationRow = ApiSchemas['ReconciliationRow'];
export type IndicatorSettings = ApiSchemas['IndicatorSettingsView'];
export type PlanYearToDate = ApiSchemas['PlanYearToDate'];

export class IndicatorsApi {
  private readonly call: ApiCall;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  figures(id: string, year: number, signal?: AbortSignal): Promise<EnterpriseFigures> {
    return this.call('GET', '/api/enterprises/{id}/figures', { path: { id }, query: { year }, signal });
  }

  reconciliation(year: number, signal?: AbortSignal): Promise<Reconciliation> {
    return this.call('GET', '/api/energy/reconciliation', { query: { year }, signal });
  }

  settings(signal?: AbortSignal): Promise<IndicatorSettings> {
    return this.call('GET', '/api/exchange/precedence', { signal });
  }

  putSettings(body: {
    precedence?: IndicatorSettings['precedence'];
    energyFactor?: IndicatorSettings['energyFactor'];
  }): Promise<IndicatorSettings> {
    return this.call('PUT', '/api/exchange/precedence', { body });
  }

  yearToDate(year: number, signal?: AbortSignal): Promise<PlanYearToDate> {
    return this.call('GET', '/api/analytics/progress/year-to-date', { query: { year }, signal });
  }
}

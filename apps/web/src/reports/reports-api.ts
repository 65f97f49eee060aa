/**
 * GET/POST /api/reports and the report files (docs/reports.md), on behalf of the signed-in user; the outlets and
 * enterprises the generate form offers. Typed by the API's OpenAPI document. A 401 calls `onUnauthorized`.
 */
import { enterpriseOptions, type EnterpriseOption } from '../admin/devices-api';
import { apiClient, type ApiBody, type ApiCall, type ApiSchemas } from '../api/api-client';
import { ApiError, sessionRequest } from '../api/http';

export type { EnterpriseOption } from '../admin/devices-api';
export type ReportView = ApiSchemas['ReportView'];
export type GenerateReportBody = ApiBody<'/api/reports', 'POST'>;

/** A CEMS or wastewater outlet the emission report can cover. */
export interface OutletOption {
  readonly id: string;
  readonly name: string;
  readonly kind: 'stack-gas' | 'wastewater';
}

export class ReportsApi {
  private readonly call: ApiCall;

  constructor(
    private readonly token: string,
    private readonly onUnauthorized: () => void,
  ) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  /** The newest 200 reports, or those of one period (`YYYY-MM` or `YYYY-MM-DD`). */
  list(period: string | null, signal?: AbortSignal): Promise<ReportView[]> {
    return this.call('GET', '/api/reports', { query: { limit: 200, ...(period ? { period } : {}) }, signal });
  }

  generate(body: GenerateReportBody): Promise<ReportView> {
    return this.call('POST', '/api/reports', { body });
  }

  enterprises(signal?: AbortSignal): Promise<EnterpriseOption[]> {
    return enterpriseOptions(this.call, signal);
  }

  /** The park's CEMS and wastewater outlets, by name. */
  async outlets(signal?: AbortSignal): Promise<OutletOption[]> {
    const outlets: OutletOption[] = [];
    for (const kind of ['stack-gas', 'wastewater'] as const) {
      const page = await this.call('GET', '/api/devices', { query: { kind, pageSize: 500 }, signal });
      outlets.push(...page.items.map((d) => ({ id: d.id, name: d.name, kind })));
    }
    return outlets.sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
  }

  /** A report's file as a Blob (the token travels in a header, so a plain link cannot fetch it). */
  async file(report: ReportView, format: 'xlsx' | 'pdf'): Promise<{ blob: Blob; filename: string }> {
    const response = await fetch(`/api/reports/${encodeURIComponent(report.id)}/file.${format}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (response.status === 401) this.onUnauthorized();
    if (!response.ok) throw new ApiError(response.status, null, `HTTP ${response.status}`);
    return {
      blob: await response.blob(),
      filename: `${report.kind}-${report.period}-${report.scope}.${format}`,
    };
  }
}

/**
 * GET /api/alerts/statistics, /history and /export.xlsx (admin, officer, operator, energy-manager) and the
 * enterprise list for the picker, on behalf of the signed-in user; typed by the API's OpenAPI document
 * (docs/alerts.md "Statistics"). A 401 calls `onUnauthorized` and still rejects.
 */
import { enterpriseOptions, type EnterpriseOption } from '../admin/devices-api';
import { apiClient, type ApiCall, type ApiSchemas } from '../api/api-client';
import type { paths } from '../api/api-schema';
import { ApiError, sessionRequest } from '../api/http';

export type { EnterpriseOption } from '../admin/devices-api';
export type AlertStatistics = ApiSchemas['AlertStatistics'];
export type AlertPage = ApiSchemas['Page_AlertView'];
export type RepeatOffender = ApiSchemas['RepeatOffender'];

type StatisticsQuery = NonNullable<paths['/api/alerts/statistics']['get']['parameters']['query']>;
/** The search the three routes share (alert-stats-model.ts searchQuery builds it). */
export type SearchQuery = Omit<StatisticsQuery, 'repeatThreshold'> & { from: number; to: number };
/** A rule kind as the routes accept it. */
export type RuleKindName = NonNullable<SearchQuery['kind']>;

export class AlertStatsApi {
  private readonly call: ApiCall;

  constructor(
    private readonly token: string,
    private readonly onUnauthorized: () => void,
  ) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  statistics(search: SearchQuery, signal?: AbortSignal): Promise<AlertStatistics> {
    return this.call('GET', '/api/alerts/statistics', { query: search, signal });
  }

  history(search: SearchQuery, page: number, pageSize: number, signal?: AbortSignal): Promise<AlertPage> {
    return this.call('GET', '/api/alerts/history', { query: { ...search, page, pageSize }, signal });
  }

  enterprises(signal?: AbortSignal): Promise<EnterpriseOption[]> {
    return enterpriseOptions(this.call, signal);
  }

  /** The XLSX as a file (the token travels in a header, so a plain link cannot fetch it). */
  async exportXlsx(search: SearchQuery): Promise<{ blob: Blob; filename: string }> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(search)) if (value !== undefined) query.set(key, String(value));
    const response = await fetch(`/api/alerts/export.xlsx?${query.toString()}`, {
      headers: { authorization: `Bearer ${this.token}` },
    });
    if (response.status === 401) this.onUnauthorized();
    if (!response.ok) throw new ApiError(response.status, null, `HTTP ${response.status}`);
    const disposition = response.headers.get('content-disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'alerts.xlsx';
    return { blob: await response.blob(), filename };
  }
}

/**
 * The enterprise-records routes of the API (GET /api/enterprises…, readers: admin, officer, operator and an
 * energy manager scoped to their own enterprise), its writes and audit trail (admin only), the alerts of one enterprise, and the 亩均 grades (PARK_READERS
 * only; an enterprise's grades by year also to its own energy manager). Answers are typed by the API's OpenAPI document (docs/records.md). A 401 calls `onUnauthorized` and still
 * rejects.
 */
import type { AlertView, CultivationLibrary, Grade, Page } from '@park/contracts';
import { apiClient, type ApiCall, type ApiSchemas } from '../api/api-client';
import { sessionRequest } from '../api/http';
import type { EvaluationRow } from '../plan/plan-api';

export type { Page } from '@park/contracts';
export type Enterprise = ApiSchemas['EnterpriseView'];
/** One year's indicators: money in 万元, energy in 吨标准煤; null is "not reported". */
export type EnterpriseIndicators = ApiSchemas['EnterpriseIndicatorsView'];
export type RecordEventType = ApiSchemas['RecordEventType'];
export type RecordEvent = ApiSchemas['RecordEventView'];
/** PATCH /api/enterprises/{id}: only the fields that change. */
export type EnterpriseUpdate = ApiSchemas['UpdateEnterpriseDto'];
/** PUT /api/enterprises/{id}/indicators/{year}: fields left out stay as they are; null is "not reported". */
export type IndicatorsUpdate = ApiSchemas['IndicatorsDto'];
export type NewRecordEvent = ApiSchemas['CreateEventDto'];
export type AuditEntry = ApiSchemas['AuditEntryView'];
export type AuditPage = ApiSchemas['Page_AuditEntryView'];
/** The enterprise's 亩均 evaluation year by year, each year's grade move with its reasons. */
export type EvaluationHistory = ApiSchemas['EvaluationHistory'];

export interface EnterpriseQuery {
  readonly q: string;
  readonly page: number;
  readonly pageSize: number;
  readonly filters?: EnterpriseFilters;
}

/** The list's filters (GET /api/enterprises): a GB/T 4754 prefix, a carrier, a cultivation library, a 亩均 grade. */
export interface EnterpriseFilters {
  readonly industry?: string;
  readonly carrierId?: string;
  readonly library?: CultivationLibrary;
  readonly grade?: Grade;
  readonly gradeYear?: number;
}

export class RecordsApi {
  private readonly call: ApiCall;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  list(query: EnterpriseQuery, signal?: AbortSignal): Promise<Page<Enterprise>> {
    const q = query.q.trim() || undefined;
    return this.call('GET', '/api/enterprises', {
      query: { page: query.page, pageSize: query.pageSize, sort: 'name', q, ...query.filters },
      signal,
    });
  }

  enterprise(id: string, signal?: AbortSignal): Promise<Enterprise> {
    return this.call('GET', '/api/enterprises/{id}', { path: { id }, signal });
  }

  indicators(id: string, signal?: AbortSignal): Promise<EnterpriseIndicators[]> {
    return this.call('GET', '/api/enterprises/{id}/indicators', { path: { id }, signal });
  }

  events(id: string, signal?: AbortSignal): Promise<RecordEvent[]> {
    return this.call('GET', '/api/enterprises/{id}/events', { path: { id }, signal });
  }

  /** Writes (admin only, audited by the API field by field). */
  update(id: string, body: EnterpriseUpdate): Promise<Enterprise> {
    return this.call('PATCH', '/api/enterprises/{id}', { path: { id }, body });
  }

  putIndicators(id: string, year: number, body: IndicatorsUpdate): Promise<EnterpriseIndicators> {
    return this.call('PUT', '/api/enterprises/{id}/indicators/{year}', { path: { id, year }, body });
  }

  addEvent(id: string, body: NewRecordEvent): Promise<RecordEvent> {
    return this.call('POST', '/api/enterprises/{id}/events', { path: { id }, body });
  }

  /** The enterprise's audit trail, newest first (admin only). */
  audit(id: string, pageSize: number, signal?: AbortSignal): Promise<AuditPage> {
    return this.call('GET', '/api/enterprises/{id}/audit', { path: { id }, query: { pageSize }, signal });
  }

  /** The enterprise's most recent alerts (ListAlertsQuery `enterprise`). */
  alerts(id: string, limit: number, signal?: AbortSignal): Promise<AlertView[]> {
    return this.call('GET', '/api/alerts', { query: { enterprise: id, limit }, signal });
  }

  evaluation(year: number, signal?: AbortSignal): Promise<EvaluationRow[]> {
    return this.call('GET', '/api/analytics/evaluation/enterprises', { query: { year }, signal });
  }

  /** Park roles any enterprise's; an energy manager only their own (the API answers 404 for another's). */
  gradeHistory(id: string, signal?: AbortSignal): Promise<EvaluationHistory> {
    return this.call('GET', '/api/analytics/evaluation/enterprises/{id}/history', { path: { id }, signal });
  }
}

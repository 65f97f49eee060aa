/**
 * The enterprise-records routes of the API (GET /api/enterprises…, readers: admin, officer, operator and an
 * energy manager scoped to their own enterprise), the alerts of one enterprise, and the 亩均 grades (PARK_READERS
 * only). Shapes mirror libs/records (EnterpriseEntity, EnterpriseIndicatorEntity, RecordEventEntity as JSON) and
 * docs/records.md: the web app cannot import them, because they are TypeORM entities. A 401 calls
 * `onUnauthorized` and still rejects.
 */
import type { AlertView } from '@park/contracts';
import { sessionRequest, type SessionRequest } from '../api/http';
import type { EvaluationRow } from '../plan/plan-api';

export interface Enterprise {
  readonly id: string;
  readonly name: string;
  readonly creditCode: string;
  readonly industryCode: string | null;
  readonly carrierId: string | null;
  readonly contactName: string | null;
  readonly contactPhone: string | null;
  readonly address: string | null;
  readonly aboveScale: boolean;
  readonly highTech: boolean;
  readonly listed: boolean;
  readonly revenueOver100m: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deletedAt: string | null;
}

/** One year's indicators: money in 万元, energy in 吨标准煤; null is "not reported". */
export interface EnterpriseIndicators {
  readonly year: number;
  readonly revenue: number | null;
  readonly taxableSales: number | null;
  readonly tax: number | null;
  readonly rdExpense: number | null;
  readonly inventionPatents: number | null;
  readonly output: number | null;
  readonly highTechOutput: number | null;
  readonly highTechInvestment: number | null;
  readonly energyTce: number | null;
  readonly employees: number | null;
}

export type RecordEventType = 'equity-change' | 'land-use-change' | 'lease' | 'industry-agreement';

export interface RecordEvent {
  readonly id: string;
  readonly type: RecordEventType;
  /** A calendar date, `YYYY-MM-DD`. */
  readonly occurredOn: string;
  readonly summary: string;
  readonly createdAt: string;
}

export interface Page<T> {
  readonly items: T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface EnterpriseQuery {
  readonly q: string;
  readonly page: number;
  readonly pageSize: number;
}

export class RecordsApi {
  private readonly request: SessionRequest;

  constructor(token: string, onUnauthorized: () => void) {
    this.request = sessionRequest(token, onUnauthorized);
  }

  private get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, undefined, signal);
  }

  list(query: EnterpriseQuery, signal?: AbortSignal): Promise<Page<Enterprise>> {
    const params = new URLSearchParams({
      page: String(query.page),
      pageSize: String(query.pageSize),
      sort: 'name',
    });
    if (query.q.trim()) params.set('q', query.q.trim());
    return this.get(`/api/enterprises?${params.toString()}`, signal);
  }

  enterprise(id: string, signal?: AbortSignal): Promise<Enterprise> {
    return this.get(`/api/enterprises/${encodeURIComponent(id)}`, signal);
  }

  indicators(id: string, signal?: AbortSignal): Promise<EnterpriseIndicators[]> {
    return this.get(`/api/enterprises/${encodeURIComponent(id)}/indicators`, signal);
  }

  events(id: string, signal?: AbortSignal): Promise<RecordEvent[]> {
    return this.get(`/api/enterprises/${encodeURIComponent(id)}/events`, signal);
  }

  /** The enterprise's most recent alerts (ListAlertsQuery `enterprise`). */
  alerts(id: string, limit: number, signal?: AbortSignal): Promise<AlertView[]> {
    return this.get(`/api/alerts?enterprise=${encodeURIComponent(id)}&limit=${limit}`, signal);
  }

  evaluation(year: number, signal?: AbortSignal): Promise<EvaluationRow[]> {
    return this.get(`/api/analytics/evaluation/enterprises?year=${year}`, signal);
  }
}

/**
 * GET /api/audit (enterprises.controller.ts AuditController, admin only): the whole audit log, newest first,
 * filtered by record type, action, who and Beijing days, paged. A 401 calls `onUnauthorized` and still rejects.
 */
import { apiClient, type ApiCall, type ApiSchemas } from '../api/api-client';
import { sessionRequest } from '../api/http';

export type AuditEntry = ApiSchemas['AuditEntryView'];
export type AuditPage = ApiSchemas['Page_AuditEntryView'];

export interface AuditQuery {
  /** '' for every type. */
  readonly entityType: string;
  readonly action: string;
  readonly actor: string;
  /** YYYY-MM-DD (Beijing), '' for open. */
  readonly from: string;
  readonly to: string;
  readonly page: number;
  readonly pageSize: number;
}

export const EMPTY_AUDIT_QUERY: AuditQuery = {
  entityType: '',
  action: '',
  actor: '',
  from: '',
  to: '',
  page: 1,
  pageSize: 20,
};

/** The query string: blank filters are left out. */
export function auditQueryParams(q: AuditQuery) {
  return {
    page: q.page,
    pageSize: q.pageSize,
    entityType: q.entityType || undefined,
    action: (q.action || undefined) as 'create' | 'update' | 'delete' | 'restore' | 'import' | undefined,
    actor: q.actor.trim() || undefined,
    from: q.from || undefined,
    to: q.to || undefined,
  };
}

export class AuditApi {
  private readonly call: ApiCall;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  list(query: AuditQuery, signal?: AbortSignal): Promise<AuditPage> {
    return this.call('GET', '/api/audit', { query: auditQueryParams(query), signal });
  }
}

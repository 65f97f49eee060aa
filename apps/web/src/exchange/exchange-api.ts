/**
 * The exchange's administration routes (apps/api/src/exchange/exchange.controller.ts; docs/data-exchange.md):
 * source systems (list for admin and staff; add, issue a new key and revoke for those who edit `exchange` — the key
 * is in that answer only) and the uploads' history. Views as libs/contracts/src/exchange-views.ts declares them.
 * A 401 calls `onUnauthorized` and still rejects.
 */
import type { ExchangeBatchView, ExchangeSourceView, IssuedSourceKey, Page } from '@park/contracts';
import { sessionRequest, type SessionRequest } from '../api/http';
import type { SourceBody } from './exchange-model';

export const BATCH_PAGE_SIZE = 20;

export class ExchangeApi {
  private readonly request: SessionRequest;

  constructor(token: string, onUnauthorized: () => void) {
    this.request = sessionRequest(token, onUnauthorized);
  }

  sources(signal?: AbortSignal): Promise<ExchangeSourceView[]> {
    return this.request('GET', '/api/exchange/sources', undefined, signal);
  }

  create(body: SourceBody): Promise<IssuedSourceKey> {
    return this.request('POST', '/api/exchange/sources', body);
  }

  rotate(id: string): Promise<IssuedSourceKey> {
    return this.request('POST', `/api/exchange/sources/${encodeURIComponent(id)}/key`);
  }

  revoke(id: string): Promise<ExchangeSourceView> {
    return this.request('POST', `/api/exchange/sources/${encodeURIComponent(id)}/revoke`);
  }

  batches(
    query: { readonly sourceId: string | null; readonly page: number },
    signal?: AbortSignal,
  ): Promise<Page<ExchangeBatchView>> {
    const params = new URLSearchParams({ page: String(query.page), pageSize: String(BATCH_PAGE_SIZE) });
    if (query.sourceId) params.set('sourceId', query.sourceId);
    return this.request('GET', `/api/exchange/batches?${params.toString()}`, undefined, signal);
  }

  batch(id: string, signal?: AbortSignal): Promise<ExchangeBatchView> {
    return this.request('GET', `/api/exchange/batches/${encodeURIComponent(id)}`, undefined, signal);
  }
}

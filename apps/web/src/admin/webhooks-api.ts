/**
 * The webhook routes of the API (apps/api/src/webhooks/*, admin only): list, create, replace (the secret may be
 * left out to keep it), delete, and each webhook's latest deliveries. Typed by the API's OpenAPI document.
 */
import { apiClient, type ApiBody, type ApiCall, type ApiSchemas } from '../api/api-client';
import { sessionRequest } from '../api/http';

export type WebhookView = ApiSchemas['WebhookView'];
export type WebhookDeliveryView = ApiSchemas['WebhookDeliveryView'];
export type WebhookBody = ApiBody<'/api/webhooks', 'POST'>;
export type WebhookUpdateBody = ApiBody<'/api/webhooks/{id}', 'PUT'>;

export class WebhooksApi {
  private readonly call: ApiCall;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  list(signal?: AbortSignal): Promise<WebhookView[]> {
    return this.call('GET', '/api/webhooks', { signal });
  }

  create(body: WebhookBody): Promise<WebhookView> {
    return this.call('POST', '/api/webhooks', { body });
  }

  update(id: string, body: WebhookUpdateBody): Promise<WebhookView> {
    return this.call('PUT', '/api/webhooks/{id}', { path: { id }, body });
  }

  remove(id: string): Promise<void> {
    return this.call('DELETE', '/api/webhooks/{id}', { path: { id } });
  }

  deliveries(id: string, signal?: AbortSignal): Promise<WebhookDeliveryView[]> {
    return this.call('GET', '/api/webhooks/{id}/deliveries', { path: { id }, signal });
  }
}

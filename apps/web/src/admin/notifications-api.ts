/**
 * The notification routes of the API (apps/api/src/notifications/*, admin only; deliveries also officers):
 * channels (list, create, replace, delete, 发送测试消息) and the delivery records. Typed by the API's OpenAPI
 * document (times in epoch milliseconds). A 401 calls `onUnauthorized` and still rejects.
 */
import { apiClient, type ApiBody, type ApiCall, type ApiSchemas } from '../api/api-client';
import { sessionRequest } from '../api/http';
import { enterpriseOptions, type EnterpriseOption } from './devices-api';

export type NotificationChannelView = ApiSchemas['NotificationChannelView'];
export type NotificationDeliveryView = ApiSchemas['NotificationDeliveryView'];
export type NotificationTestResult = ApiSchemas['NotificationTestResult'];
export type NotificationChannelBody = ApiBody<'/api/notification-channels', 'POST'>;
export type NotificationDeliveryPage = ApiSchemas['Page_NotificationDeliveryView'];

export class NotificationsApi {
  private readonly call: ApiCall;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  channels(signal?: AbortSignal): Promise<NotificationChannelView[]> {
    return this.call('GET', '/api/notification-channels', { signal });
  }

  create(body: NotificationChannelBody): Promise<NotificationChannelView> {
    return this.call('POST', '/api/notification-channels', { body });
  }

  update(id: string, body: NotificationChannelBody): Promise<NotificationChannelView> {
    return this.call('PUT', '/api/notification-channels/{id}', { path: { id }, body });
  }

  remove(id: string): Promise<void> {
    return this.call('DELETE', '/api/notification-channels/{id}', { path: { id } });
  }

  test(id: string): Promise<NotificationTestResult> {
    return this.call('POST', '/api/notification-channels/{id}/test', { path: { id } });
  }

  deliveries(
    query: { channel?: string; page?: number; pageSize?: number },
    signal?: AbortSignal,
  ): Promise<NotificationDeliveryPage> {
    return this.call('GET', '/api/notification-deliveries', { query, signal });
  }

  enterprises(signal?: AbortSignal): Promise<EnterpriseOption[]> {
    return enterpriseOptions(this.call, signal);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { WebhookDeliveryView, WebhookView } from '@park/contracts';
import { RecordsError, WebhookRepository } from '@park/records';
import { resolveWebhookTarget, WebhookTargetError } from '@park/notifications';
import { API_CONFIG, type ApiConfig } from '../api.config';
import type { UpdateWebhookDto, WebhookDto } from './webhooks.dto';

@Injectable()
export class WebhooksService {
  constructor(
    private readonly webhooks: WebhookRepository,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  list(): Promise<WebhookView[]> {
    return this.webhooks.list();
  }

  async create(dto: WebhookDto): Promise<WebhookView> {
    await this.checkTarget(dto.url);
    return this.webhooks.create({ ...dto, enabled: dto.enabled ?? true });
  }

  async update(id: string, dto: UpdateWebhookDto): Promise<WebhookView> {
    await this.checkTarget(dto.url);
    const { secret, ...rest } = dto;
    return this.webhooks.update(id, { ...rest, ...(secret ? { secret } : {}), enabled: dto.enabled ?? true });
  }

  /**
   * Refuses a URL the platform must not call (docs/alerts.md, "Where a webhook may point"): other schemes,
   * credentials in the URL, a host that resolves to a loopback, private, link-local or other non-public address
   * not in WEBHOOK_ALLOWED_TARGETS. The rules service checks again on every delivery (DNS can change).
   */
  private async checkTarget(url: string): Promise<void> {
    try {
      await resolveWebhookTarget(url, this.config.WEBHOOK_ALLOWED_TARGETS);
    } catch (error) {
      if (error instanceof WebhookTargetError)
        throw new RecordsError('INVALID_RECORD', `url: ${error.message}`, { field: 'url' });
      throw error;
    }
  }

  remove(id: string): Promise<void> {
    return this.webhooks.remove(id);
  }

  async deliveries(id: string): Promise<WebhookDeliveryView[]> {
    const rows = await this.webhooks.deliveries(id);
    return rows.map((d) => ({
      id: d.id,
      eventSeq: Number(d.eventSeq),
      attempts: d.attempts,
      deliveredAt: d.deliveredAt?.getTime() ?? null,
      gaveUpAt: d.gaveUpAt?.getTime() ?? null,
      nextAttemptAt: d.nextAttemptAt.getTime(),
      lastStatus: d.lastStatus,
      lastError: d.lastError,
    }));
  }
}

import { Injectable } from '@nestjs/common';
import { WebhookRepository, type WebhookView } from '@park/records';
import type { WebhookDto } from './webhooks.dto';

export interface DeliveryView {
  readonly id: string;
  readonly eventSeq: number;
  readonly attempts: number;
  readonly deliveredAt: number | null;
  readonly gaveUpAt: number | null;
  readonly nextAttemptAt: number;
  readonly lastStatus: number | null;
  readonly lastError: string | null;
}

@Injectable()
export class WebhooksService {
  constructor(private readonly webhooks: WebhookRepository) {}

  list(): Promise<WebhookView[]> {
    return this.webhooks.list();
  }

  create(dto: WebhookDto): Promise<WebhookView> {
    return this.webhooks.create({ ...dto, enabled: dto.enabled ?? true });
  }

  update(id: string, dto: WebhookDto): Promise<WebhookView> {
    return this.webhooks.update(id, { ...dto, enabled: dto.enabled ?? true });
  }

  remove(id: string): Promise<void> {
    return this.webhooks.remove(id);
  }

  async deliveries(id: string): Promise<DeliveryView[]> {
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

import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CLOCK, type Clock, PeriodicTask } from '@park/clock';
import { WebhookRepository, type DueDelivery } from '@park/records';
import { RULES_CONFIG, type RulesConfig } from './rules.config';
import { backoffMs, signWebhook } from './webhook-signature';
import { WEBHOOK_SENDER, type WebhookSender } from './webhook-sender';

/**
 * Delivers queued alert events to the park's webhooks (WeCom / DingTalk / SMS gateways): signed with HMAC,
 * retried with exponential backoff, at least once. It runs in the rules service, next to the outbox relay, because
 * the deliveries are queued in the same transaction as the alert change; several instances share the queue
 * through SKIP LOCKED leases.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private readonly task = new PeriodicTask(
    () => this.dispatchDue(),
    (error) => this.logger.warn(`webhook dispatch failed: ${String(error)}`),
  );

  constructor(
    @Inject(RULES_CONFIG) private readonly config: RulesConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(WEBHOOK_SENDER) private readonly sender: WebhookSender,
    private readonly webhooks: WebhookRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.WEBHOOK_POLL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** Sends every due delivery once; returns how many were attempted. */
  async dispatchDue(): Promise<number> {
    const lease = this.config.WEBHOOK_TIMEOUT_MS * 2 + 1_000;
    const due = await this.webhooks.claimDue(20, this.clock.now(), lease);
    await Promise.all(due.map((d) => this.deliver(d)));
    return due.length;
  }

  private async deliver(delivery: DueDelivery): Promise<void> {
    const body = JSON.stringify(delivery.payload);
    const timestamp = this.clock.now();
    const event = delivery.payload as { type?: string; seq?: number };
    const headers = {
      'x-park-event': String(event.type ?? ''),
      'x-park-delivery': delivery.id,
      'x-park-timestamp': String(timestamp),
      'x-park-signature': signWebhook(delivery.secret, timestamp, body),
    };
    const attempt = delivery.attempts + 1;
    let status: number | null = null;
    let error: string;
    try {
      status = await this.sender.post(delivery.url, body, headers, this.config.WEBHOOK_TIMEOUT_MS);
      if (status >= 200 && status < 300) {
        await this.webhooks.markDelivered(delivery.id, status, this.clock.now());
        return;
      }
      error = `HTTP ${status}`;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    const now = this.clock.now();
    const retryAt =
      attempt >= this.config.WEBHOOK_MAX_ATTEMPTS
        ? null
        : now + backoffMs(attempt, this.config.WEBHOOK_BACKOFF_MS, this.config.WEBHOOK_BACKOFF_MAX_MS);
    this.logger.warn(
      `webhook delivery ${delivery.id} (event ${event.seq}) attempt ${attempt} failed: ${error}` +
        (retryAt === null ? '; giving up' : `; retrying in ${retryAt - now} ms`),
    );
    await this.webhooks.markFailed(delivery.id, status, error, retryAt, now);
  }
}

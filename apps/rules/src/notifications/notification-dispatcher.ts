import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { alertLinkFor, alertLinkSettingsOf, type AlertLinkChannel, type AlertLinkSettings } from '@park/auth';
import { CLOCK, type Clock, PeriodicTask } from '@park/clock';
import {
  adapterFor,
  alertMessage,
  sendWithTimeout,
  type ChannelAdapters,
  type ProviderAnswer,
} from '@park/notifications';
import { NotificationRepository, type DueNotification } from '@park/records';
import { RULES_CONFIG, type RulesConfig } from '../rules.config';
import { backoffMs } from '../webhook-signature';
import { CHANNEL_ADAPTERS } from './channel-adapters';

/** Which channel a signed link names in the alert's audit trail when someone acts through it. */
const LINK_CHANNEL: Readonly<Record<string, AlertLinkChannel>> = {
  wecom: 'wecom',
  dingtalk: 'dingtalk',
  feishu: 'feishu',
  email: 'email',
  'aliyun-sms': 'sms',
  'tencent-sms': 'sms',
};

/**
 * Sends queued alert notifications (企业微信, 钉钉, 飞书, e-mail, SMS) through their channel's adapter: each send
 * bounded by NOTIFY_TIMEOUT_MS, retried with exponential backoff up to NOTIFY_MAX_ATTEMPTS, every attempt's
 * provider answer recorded on the delivery.
 *
 * Never in the alert's way, nor in each other's: the deliveries are queued in the alert change's transaction and
 * this sends them afterwards; each send runs on its own (a poll claims what is due and starts every send without
 * waiting for any), so a provider that hangs holds one delivery until its timeout, not the next poll, and not the
 * other channels. A claim is a lease longer than the timeout (SKIP LOCKED): several rules instances share the
 * queue, and a delivery whose instance died is sent again once its lease runs out.
 */
@Injectable()
export class NotificationDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NotificationDispatcher.name);
  private readonly inFlight = new Set<Promise<void>>();
  private readonly links: AlertLinkSettings | null;
  private readonly task = new PeriodicTask(
    () => this.dispatchDue(),
    (error) => this.logger.warn(`notification dispatch failed: ${String(error)}`),
  );

  constructor(
    @Inject(RULES_CONFIG) private readonly config: RulesConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CHANNEL_ADAPTERS) private readonly adapters: ChannelAdapters,
    private readonly notifications: NotificationRepository,
  ) {
    this.links = alertLinkSettingsOf(config);
  }

  onApplicationBootstrap(): void {
    this.task.start(this.config.NOTIFY_POLL_MS);
  }

  /** No new claims, then the sends under way finish (each within its timeout). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
    await this.settled();
  }

  /** Claims what is due (up to the free room of NOTIFY_CONCURRENCY) and starts each send; returns how many. */
  async dispatchDue(): Promise<number> {
    const room = this.config.NOTIFY_CONCURRENCY - this.inFlight.size;
    if (room <= 0) return 0;
    // Longer than a send may take, so a lease never runs out under a send still going.
    const lease = this.config.NOTIFY_TIMEOUT_MS * 2 + 1_000;
    const due = await this.notifications.claimDue(room, this.clock.now(), lease);
    for (const delivery of due) {
      const sending: Promise<void> = this.deliver(delivery)
        .catch((error: unknown) =>
          // Recording the outcome failed (database away): the lease runs out and the delivery is sent again.
          this.logger.warn(`notification delivery ${delivery.id}: ${String(error)}`),
        )
        .finally(() => this.inFlight.delete(sending));
      this.inFlight.add(sending);
    }
    return due.length;
  }

  /** Resolves once every send started so far has finished and been recorded. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async deliver(delivery: DueNotification): Promise<void> {
    const { channel, recipient, event } = delivery;
    const adapter = adapterFor(this.adapters, channel.kind);
    const attempt = delivery.attempts + 1;
    const answer: ProviderAnswer = adapter
      ? await sendWithTimeout(
          adapter,
          channel.config,
          alertMessage(event, this.linkFor(delivery)),
          recipient,
          this.config.NOTIFY_TIMEOUT_MS,
        )
      : { ok: false, status: null, answer: `no adapter for channel kind ${channel.kind}` };
    const now = this.clock.now();
    if (answer.ok) {
      await this.notifications.markDelivered(delivery.id, answer, now);
      return;
    }
    const retryAt =
      !adapter || attempt >= this.config.NOTIFY_MAX_ATTEMPTS
        ? null
        : now + backoffMs(attempt, this.config.NOTIFY_BACKOFF_MS, this.config.NOTIFY_BACKOFF_MAX_MS);
    this.logger.warn(
      `notification ${delivery.id} (${channel.kind} "${channel.name}", event ${event.seq}) attempt ${attempt} ` +
        `failed: ${answer.status ?? 'no answer'} ${answer.answer.slice(0, 200)}` +
        (retryAt === null ? '; giving up' : `; retrying in ${retryAt - now} ms`),
    );
    await this.notifications.markFailed(delivery.id, answer, retryAt, now);
  }

  /** The alert's signed phone link for this recipient (or the group), or null without a public address. */
  private linkFor(delivery: DueNotification): string | null {
    const label = (delivery.recipient?.name || delivery.channel.name).trim().slice(0, 64);
    try {
      return alertLinkFor(
        this.links,
        {
          alertId: delivery.event.alert.id,
          recipient: { label },
          channel: LINK_CHANNEL[delivery.channel.kind] ?? null,
        },
        this.clock.now(),
      );
    } catch (error) {
      // A link that cannot be signed must not cost the message: it goes out without one.
      this.logger.warn(`notification ${delivery.id}: no link: ${String(error)}`);
      return null;
    }
  }
}

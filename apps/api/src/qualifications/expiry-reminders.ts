import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@park/clock';
import { reminderStep } from '@park/contracts';
import {
  adapterFor,
  expiryReminderMessage,
  sendWithTimeout,
  type ChannelAdapters,
  type ProviderAnswer,
} from '@park/notifications';
import {
  ExpiryReminderRepository,
  type ExpiringCertificate,
  type ExpiryReminderChannel,
  type ExpiryReminderStatus,
  type NotificationRecipient,
} from '@park/records';
import { API_CONFIG, type ApiConfig } from '../api.config';
import { NOTIFICATION_ADAPTERS } from '../notifications/notification-adapters';

/** How one certificate's reminder went. */
export interface ExpiryReminderOutcome {
  readonly qualificationId: string;
  readonly step: number;
  readonly status: ExpiryReminderStatus | 'claimed-elsewhere';
  /** Sends made (one per channel and recipient; a robot's group counts one). */
  readonly sends: number;
}

/** Retries of a send; the defaults are a real deployment's, tests shorten them. */
export interface ExpiryReminderTiming {
  readonly attempts: number;
  readonly firstRetryMs: number;
}

export const EXPIRY_REMINDER_TIMING = Symbol('ExpiryReminderTiming');

export const DEFAULT_EXPIRY_REMINDER_TIMING: ExpiryReminderTiming = { attempts: 3, firstRetryMs: 5_000 };

/**
 * The certificates' expiry reminders (资质到期提醒, docs/notifications.md): each day, every certificate that has
 * reached a reminder step (90, 30, 7 days before expiry, the day itself; `reminderStep`) is sent one reminder — to
 * every channel receiving `expiry` that may carry its enterprise (park-wide, or scoped to that enterprise), and to
 * the enterprise's own safety contact by e-mail, as escalation reaches it. Each certificate's step is claimed
 * first (per expiry date, so a renewed certificate starts over), so of several API instances exactly one sends it;
 * every send is recorded as a delivery of event type `expiry` on the channel's delivery records.
 */
@Injectable()
export class ExpiryReminders {
  private readonly logger = new Logger('ExpiryReminders');

  constructor(
    private readonly reminders: ExpiryReminderRepository,
    @Inject(NOTIFICATION_ADAPTERS) private readonly adapters: ChannelAdapters,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EXPIRY_REMINDER_TIMING) private readonly timing: ExpiryReminderTiming,
  ) {}

  /**
   * Sends park day `today`'s (`YYYY-MM-DD`) reminders not sent yet. With no channel receiving `expiry` nothing is
   * claimed, so a channel added later that day still gets them. `stop` (the API shutting down) ends the retries;
   * a certificate not reached by then is claimed and recorded as it went.
   */
  async send(today: string, stop: AbortSignal = NEVER): Promise<ExpiryReminderOutcome[]> {
    const channels = await this.reminders.channels();
    if (channels.length === 0) return [];
    const outcomes: ExpiryReminderOutcome[] = [];
    for (const certificate of await this.reminders.expiring(today)) {
      if (stop.aborted) break;
      const due = reminderStep(certificate.expiresOn, today);
      if (!due) continue;
      const id = certificate.qualificationId;
      if (!(await this.reminders.claim(id, certificate.expiresOn, due.step, this.clock.now()))) {
        outcomes.push({ qualificationId: id, step: due.step, status: 'claimed-elsewhere', sends: 0 });
        continue;
      }
      outcomes.push(await this.sendOne(certificate, due, channels, stop));
    }
    return outcomes;
  }

  private async sendOne(
    certificate: ExpiringCertificate,
    due: { step: number; daysToExpiry: number },
    all: readonly ExpiryReminderChannel[],
    stop: AbortSignal,
  ): Promise<ExpiryReminderOutcome> {
    const { qualificationId, expiresOn } = certificate;
    const mine = all
      .filter((c) => c.enterpriseId === null || c.enterpriseId === certificate.enterpriseId)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const message = expiryReminderMessage(
      { ...certificate, daysToExpiry: due.daysToExpiry },
      this.link(certificate),
    );
    let sends = 0;
    let worst: ProviderAnswer | null = null;
    for (const [channel, recipients] of addressed(mine, certificate.contact)) {
      const adapter = adapterFor(this.adapters, channel.kind);
      for (const recipient of recipients) {
        const { answer, attempts } = await this.sendWithRetries(stop, async () =>
          adapter
            ? sendWithTimeout(adapter, channel.config, message, recipient, this.config.NOTIFY_TEST_TIMEOUT_MS)
            : { ok: false, status: null, answer: `no adapter for channel kind ${channel.kind}` },
        );
        await this.reminders.recordSend({
          channelId: channel.id,
          recipient,
          ...answer,
          attempts,
          at: this.clock.now(),
        });
        sends += 1;
        if (!worst || (worst.ok && !answer.ok)) worst = answer;
      }
    }
    const status: ExpiryReminderStatus = !worst ? 'empty' : worst.ok ? 'delivered' : 'failed';
    await this.reminders.recordOutcome(
      qualificationId,
      expiresOn,
      due.step,
      sends,
      status,
      worst?.answer ?? null,
    );
    if (status === 'failed')
      this.logger.warn(
        `expiry reminder of certificate ${certificate.certificateNo} (${due.step} days) failed: ${worst?.answer ?? ''}`,
      );
    return { qualificationId, step: due.step, status, sends };
  }

  private async sendWithRetries(
    stop: AbortSignal,
    send: () => Promise<ProviderAnswer>,
  ): Promise<{ answer: ProviderAnswer; attempts: number }> {
    let wait = this.timing.firstRetryMs;
    for (let attempt = 1; ; attempt += 1) {
      const answer = await send().catch((error: unknown): ProviderAnswer => ({
        ok: false,
        status: null,
        answer: error instanceof Error ? error.message : String(error),
      }));
      if (answer.ok || attempt >= this.timing.attempts || stop.aborted) return { answer, attempts: attempt };
      await pause(wait, stop);
      wait *= 2;
    }
  }

  /** The enterprise's page (its 资质认定 section), when PUBLIC_BASE_URL is set. */
  private link(certificate: ExpiringCertificate): string | null {
    const base = this.config.PUBLIC_BASE_URL.replace(/\/+$/, '');
    return base ? `${base}/enterprises/${encodeURIComponent(certificate.enterpriseId)}` : null;
  }
}

/**
 * Who each channel writes to: its own recipients (a robot: its group), and the enterprise's contact — once, on the
 * first e-mail channel, unless an e-mail channel already writes to that address. The expiry reminders and the
 * 惠企政策 notices (policies/policy-notices.ts) address an enterprise this way.
 */
export function addressed<C extends ExpiryReminderChannel>(
  channels: readonly C[],
  contact: NotificationRecipient | null,
): [C, (NotificationRecipient | null)[]][] {
  const emails = channels.filter((c) => c.kind === 'email');
  const known = (address: string) =>
    emails.some((c) => c.recipients.some((r) => r.address.toLowerCase() === address.toLowerCase()));
  const withContact = contact && emails.length > 0 && !known(contact.address) ? emails[0] : null;
  return channels.map((c) => [
    c,
    [...(c.recipients.length > 0 ? c.recipients : [null]), ...(c === withContact ? [contact] : [])],
  ]);
}

const NEVER = new AbortController().signal;

/** Waits `ms`, or less if `stop` fires first. */
function pause(ms: number, stop: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    stop.addEventListener('abort', done, { once: true });
  });
}

import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CLOCK, type Clock, PeriodicTask } from '@park/clock';
import {
  CHANNEL_KINDS,
  digestDayDue,
  digestMessage,
  digestPeriod,
  sendWithTimeout,
  type ChannelAdapters,
  type ChannelKind,
  type ProviderAnswer,
} from '@park/notifications';
import { DigestRepository, type DigestChannel } from '@park/records';
import { RULES_CONFIG, type RulesConfig } from '../rules.config';

/** Injection token of the channel adapters the digest sends through (@park/notifications createChannelAdapters). */
export const DIGEST_ADAPTERS = Symbol('DigestAdapters');

/** What one channel's digest came to. */
export interface DigestOutcome {
  readonly channelId: string;
  readonly day: string;
  readonly alerts: number;
  readonly status: 'delivered' | 'failed' | 'empty';
}

/**
 * The daily digest (每日摘要) of info alerts, which are never sent one by one: from 08:00 Beijing time, once a day,
 * each channel that takes info alerts (and carries a list: the group robots and e-mail) gets one message listing
 * the info alerts opened since its last digest. A quiet day sends nothing. Warning and critical alerts never wait
 * for it. The day is claimed per channel before sending (digest-repository.ts), so several rules instances send it
 * once; a send that fails is recorded with the provider's answer and not repeated — the next day's digest covers
 * the alerts since the last one sent.
 */
@Injectable()
export class DigestService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DigestService.name);
  private readonly task = new PeriodicTask(
    () => this.check(),
    (error) => this.logger.warn(`digest check failed: ${String(error)}`),
  );

  constructor(
    @Inject(RULES_CONFIG) private readonly config: RulesConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DIGEST_ADAPTERS) private readonly adapters: ChannelAdapters,
    private readonly digests: DigestRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.task.start(this.config.ESCALATION_CHECK_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  /** Sends the digests due now; returns what each came to. */
  async check(): Promise<DigestOutcome[]> {
    const now = this.clock.now();
    const outcomes: DigestOutcome[] = [];
    for (const channel of await this.digests.channels()) {
      const last = await this.digests.last(channel.id);
      const day = digestDayDue(last && last.lastDay !== '' ? last.lastDay : null, now);
      if (day === null) continue;
      const claim = await this.digests.claim(channel.id, day, now);
      if (claim === null) continue;
      outcomes.push(await this.send(channel, day, claim.previousSentAt, now));
    }
    return outcomes;
  }

  private async send(
    channel: DigestChannel,
    day: string,
    previousSentAt: number | null,
    now: number,
  ): Promise<DigestOutcome> {
    const { from, to } = digestPeriod(previousSentAt, now);
    const events = await this.digests.infoEvents(from, to, channel.enterpriseId);
    const message = digestMessage(day, events, this.historyLink());
    if (message === null) {
      await this.digests.recordOutcome(channel.id, 0, 'empty', null);
      return { channelId: channel.id, day, alerts: 0, status: 'empty' };
    }
    const adapter = (CHANNEL_KINDS as readonly string[]).includes(channel.kind)
      ? this.adapters[channel.kind as ChannelKind]
      : undefined;
    const targets = channel.recipients.length > 0 ? channel.recipients : [null];
    const answers: ProviderAnswer[] = adapter
      ? await Promise.all(
          targets.map((r) =>
            sendWithTimeout(adapter, channel.config, message, r, this.config.NOTIFY_TIMEOUT_MS),
          ),
        )
      : [{ ok: false, status: null, answer: `no adapter for channel kind ${channel.kind}` }];
    const failed = answers.find((a) => !a.ok);
    const status = failed ? 'failed' : 'delivered';
    if (failed)
      this.logger.warn(
        `digest ${day} to channel "${channel.name}" failed: ${failed.status ?? 'no answer'} ${failed.answer}`,
      );
    await this.digests.recordOutcome(channel.id, events.length, status, (failed ?? answers[0]).answer);
    return { channelId: channel.id, day, alerts: events.length, status };
  }

  /** The web app's alert history, when the park has a public address. */
  private historyLink(): string | null {
    const base = this.config.PUBLIC_BASE_URL.replace(/\/+$/, '');
    return base ? `${base}/alert-statistics` : null;
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@park/clock';
import type { ReportView } from '@park/contracts';
import {
  adapterFor,
  reportNoticeMessage,
  sendWithTimeout,
  type ChannelAdapters,
  type MessageAttachment,
  type ProviderAnswer,
} from '@park/notifications';
import {
  ReportNoticeRepository,
  ReportRepository,
  type ReportNoticeChannel,
  type ReportNoticeStatus,
} from '@park/records';
import { API_CONFIG, type ApiConfig } from '../api.config';
import { NOTIFICATION_ADAPTERS } from '../notifications/notification-adapters';

/** How the notice to one channel went. */
export interface ReportNoticeOutcome {
  readonly channelId: string;
  readonly status: ReportNoticeStatus | 'claimed-elsewhere';
  readonly reports: number;
}

/** Timing of the notice's sends; the defaults are a real deployment's, tests shorten them. */
export interface ReportNoticeTiming {
  /** How long to wait for the month's reports still being generated (here or by another instance). */
  readonly waitForReportsMs: number;
  readonly pollMs: number;
  /** Attempts per recipient, and the pause before the second (doubled before each further one). */
  readonly attempts: number;
  readonly firstRetryMs: number;
}

export const REPORT_NOTICE_TIMING = Symbol('ReportNoticeTiming');

export const DEFAULT_REPORT_NOTICE_TIMING: ReportNoticeTiming = {
  waitForReportsMs: 15 * 60_000,
  pollMs: 5_000,
  attempts: 3,
  firstRetryMs: 5_000,
};

/** Most mail servers refuse a message over 20–25 MB: the PDFs attached to one notice stay under this. */
export const MAX_ATTACHED_BYTES = 15 * 1024 * 1024;

/**
 * The monthly reports' notice (docs/reports.md, 报表通知): once the schedule has generated a month's reports, every
 * channel that receives `report` is sent the list of the ones it may see (a channel scoped to an enterprise: that
 * enterprise's; otherwise all), a link to the reports page when PUBLIC_BASE_URL is set and, by e-mail, their PDFs.
 * Each channel's notice is claimed first, so of several API instances exactly one sends it; every send is recorded
 * as a delivery of event type `report` on the channel's delivery records.
 */
@Injectable()
export class ReportNotices {
  private readonly logger = new Logger('ReportNotices');

  constructor(
    private readonly reports: ReportRepository,
    private readonly notices: ReportNoticeRepository,
    @Inject(NOTIFICATION_ADAPTERS) private readonly adapters: ChannelAdapters,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REPORT_NOTICE_TIMING) private readonly timing: ReportNoticeTiming,
  ) {}

  /**
   * Sends month `period`'s (`YYYY-MM`) notice to every channel that receives it and has not been sent it. `stop`
   * (the API shutting down) ends the waits at once; a channel not reached by then keeps its notice for the next run.
   */
  async send(period: string, stop: AbortSignal = NEVER): Promise<ReportNoticeOutcome[]> {
    const channels = await this.notices.channels();
    if (channels.length === 0) return [];
    const reports = await this.settled(period, stop);
    const outcomes: ReportNoticeOutcome[] = [];
    for (const channel of channels) {
      if (stop.aborted) break;
      if (!(await this.notices.claim(channel.id, period, this.clock.now()))) {
        outcomes.push({ channelId: channel.id, status: 'claimed-elsewhere', reports: 0 });
        continue;
      }
      outcomes.push(await this.sendTo(channel, period, reports, stop));
    }
    return outcomes;
  }

  /** The month's reports once none is still being generated, or what there is when the wait runs out. */
  private async settled(period: string, stop: AbortSignal): Promise<ReportView[]> {
    const deadline = this.clock.now() + this.timing.waitForReportsMs;
    for (;;) {
      const reports = await this.reports.list({ period, limit: 10_000 });
      const waiting = reports.some((r) => r.status === 'generating');
      if (!waiting || stop.aborted || this.clock.now() >= deadline) return reports;
      await pause(this.timing.pollMs, stop);
    }
  }

  private async sendTo(
    channel: ReportNoticeChannel,
    period: string,
    all: readonly ReportView[],
    stop: AbortSignal,
  ): Promise<ReportNoticeOutcome> {
    const mine = all.filter((r) => channel.enterpriseId === null || r.enterpriseId === channel.enterpriseId);
    const ready = mine.filter((r) => r.status === 'ready');
    const failed = mine.filter((r) => r.status === 'failed').length;
    const attachments = channel.kind === 'email' ? await this.attachments(ready) : [];
    const message = reportNoticeMessage(period, ready, failed, this.link(period), attachments);
    if (!message) {
      await this.notices.recordOutcome(channel.id, period, 0, 'empty', null);
      return { channelId: channel.id, status: 'empty', reports: 0 };
    }
    const adapter = adapterFor(this.adapters, channel.kind);
    const recipients = channel.recipients.length > 0 ? channel.recipients : [null];
    let worst: ProviderAnswer | null = null;
    for (const recipient of recipients) {
      const { answer, attempts } = await this.sendWithRetries(stop, async () =>
        adapter
          ? sendWithTimeout(adapter, channel.config, message, recipient, this.config.NOTIFY_TEST_TIMEOUT_MS)
          : { ok: false, status: null, answer: `no adapter for channel kind ${channel.kind}` },
      );
      await this.notices.recordSend({
        channelId: channel.id,
        recipient,
        ...answer,
        attempts,
        at: this.clock.now(),
      });
      if (!worst || (worst.ok && !answer.ok)) worst = answer;
    }
    const status = worst?.ok ? 'delivered' : 'failed';
    await this.notices.recordOutcome(channel.id, period, ready.length, status, worst?.answer ?? null);
    if (status === 'failed')
      this.logger.warn(`reports notice ${period} to channel ${channel.name} failed: ${worst?.answer ?? ''}`);
    return { channelId: channel.id, status, reports: ready.length };
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

  /** The ready reports' PDFs, in the message's order, as many as stay under MAX_ATTACHED_BYTES together. */
  private async attachments(ready: readonly ReportView[]): Promise<MessageAttachment[]> {
    const files: MessageAttachment[] = [];
    let total = 0;
    for (const report of [...ready].sort((a, b) => a.title.localeCompare(b.title, 'zh-CN'))) {
      if (report.pdfBytes === null || total + report.pdfBytes > MAX_ATTACHED_BYTES) continue;
      const content = await this.reports.file(report.id, 'pdf');
      if (!content) continue;
      total += content.length;
      files.push({ filename: `${report.title}.pdf`, contentType: 'application/pdf', content });
    }
    return files;
  }

  private link(period: string): string | null {
    const base = this.config.PUBLIC_BASE_URL.replace(/\/+$/, '');
    return base ? `${base}/reports?period=${period}` : null;
  }
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

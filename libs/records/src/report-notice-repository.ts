import { REPORT_NOTICE_EVENT_TYPE } from '@park/contracts';
import type { DataSource } from 'typeorm';
import { rowLockOption } from './dialect';
import { listChannels, type DigestChannel } from './digest-repository';
import type { NotificationRecipient } from './entities/notification-channel.entity';
import { NotificationDeliveryEntity } from './entities/notification-delivery.entity';
import { NotificationReportNoticeEntity } from './entities/notification-report-notice.entity';
import { MAX_ANSWER_CHARS } from './notification-repository';

/**
 * A channel that receives the monthly reports' notice, with its settings (for sending, never for a view); its
 * `enterpriseId` limits it to that enterprise's reports (null: every report of the month).
 */
export type ReportNoticeChannel = DigestChannel;

export type ReportNoticeStatus = 'delivered' | 'failed' | 'empty';

/** One send of the notice, as it went: recorded as a delivery of event type `report`. */
export interface ReportNoticeSend {
  readonly channelId: string;
  /** Null: the channel's group (robot kinds). */
  readonly recipient: NotificationRecipient | null;
  readonly ok: boolean;
  readonly status: number | null;
  readonly answer: string;
  readonly attempts: number;
  readonly at: number;
}

/**
 * The monthly reports' notice (月度报表): which channels get one (enabled, `report` among their event types, a kind
 * that carries a list: the robots and e-mail), the claim of a month's notice for a channel — an insert, then a
 * conditional write under the row's lock, so of several API instances exactly one sends it — and how it went.
 */
export class ReportNoticeRepository {
  constructor(private readonly dataSource: DataSource) {}

  channels(): Promise<ReportNoticeChannel[]> {
    return listChannels(this.dataSource, (c) => c.eventTypes.includes(REPORT_NOTICE_EVENT_TYPE));
  }

  /** Claims month `period`'s notice for the channel: false when it was claimed already (here or elsewhere). */
  async claim(channelId: string, period: string, now: number): Promise<boolean> {
    return this.dataSource.transaction('READ COMMITTED', async (em) => {
      await em
        .createQueryBuilder()
        .insert()
        .into(NotificationReportNoticeEntity)
        .values({
          channelId,
          period,
          claimedAt: new Date(now),
          status: 'new',
          reportCount: 0,
          lastAnswer: null,
        })
        .orIgnore()
        .execute();
      const repo = em.getRepository(NotificationReportNoticeEntity);
      const row = await repo.findOneOrFail({ where: { channelId, period }, ...rowLockOption(em) });
      if (row.status !== 'new') return false;
      await repo.update({ channelId, period }, { status: 'sending', claimedAt: new Date(now) });
      return true;
    });
  }

  /** Records one send of the notice as a delivery of the channel (event type `report`). */
  async recordSend(send: ReportNoticeSend): Promise<void> {
    const at = new Date(send.at);
    await this.dataSource.getRepository(NotificationDeliveryEntity).insert({
      channelId: send.channelId,
      alertId: null,
      eventSeq: null,
      eventType: REPORT_NOTICE_EVENT_TYPE,
      recipientName: send.recipient?.name ?? '',
      recipientAddress: send.recipient?.address ?? '',
      status: send.ok ? 'delivered' : 'failed',
      attempts: send.attempts,
      nextAttemptAt: at,
      lastAttemptAt: at,
      lastStatus: send.status,
      lastAnswer: send.answer.slice(0, MAX_ANSWER_CHARS),
      deliveredAt: send.ok ? at : null,
    });
  }

  /** How the claimed notice went: how many reports it listed, and the worst answer of its sends. */
  async recordOutcome(
    channelId: string,
    period: string,
    reportCount: number,
    status: ReportNoticeStatus,
    answer: string | null,
  ): Promise<void> {
    await this.dataSource
      .getRepository(NotificationReportNoticeEntity)
      .update(
        { channelId, period },
        { reportCount, status, lastAnswer: answer?.slice(0, MAX_ANSWER_CHARS) ?? null },
      );
  }

  async notice(channelId: string, period: string): Promise<NotificationReportNoticeEntity | null> {
    return this.dataSource.getRepository(NotificationReportNoticeEntity).findOneBy({ channelId, period });
  }
}

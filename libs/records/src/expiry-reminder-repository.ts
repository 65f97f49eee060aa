import {
  addCalendarDays,
  EXPIRY_REMINDER_EVENT_TYPE,
  EXPIRY_REMINDER_LATE_DAYS,
  EXPIRY_REMINDER_STEPS,
  type QualificationLevel,
  type QualificationType,
} from '@park/contracts';
import { Between, In, type DataSource } from 'typeorm';
import { rowLockOption } from './dialect';
import { listChannels, type DigestChannel } from './digest-repository';
import type { NotificationRecipient } from './entities/notification-channel.entity';
import { NotificationDeliveryEntity } from './entities/notification-delivery.entity';
import { NotificationExpiryReminderEntity } from './entities/notification-expiry-reminder.entity';
import { EnterpriseEntity } from './entities/enterprise.entity';
import { QualificationEntity } from './entities/qualification.entity';
import { safetyContactOf } from './escalation-repository';
import { MAX_ANSWER_CHARS } from './notification-repository';

/**
 * A channel that receives the certificates' expiry reminders, with its settings (for sending, never for a view);
 * its `enterpriseId` limits it to that enterprise's certificates (null: every enterprise's).
 */
export type ExpiryReminderChannel = DigestChannel;

export type ExpiryReminderStatus = 'delivered' | 'failed' | 'empty';

/** A certificate whose expiry is near (or just passed), with what its reminder says and whom it may reach. */
export interface ExpiringCertificate {
  readonly qualificationId: string;
  readonly enterpriseId: string;
  readonly enterpriseName: string;
  readonly type: QualificationType;
  readonly level: QualificationLevel | null;
  readonly certificateNo: string;
  readonly expiresOn: string;
  /** The enterprise's own safety contact (安全负责人) as escalation reaches it, when it has an e-mail address. */
  readonly contact: NotificationRecipient | null;
}

/** One send of a reminder, as it went: recorded as a delivery of event type `expiry`. */
export interface ExpiryReminderSend {
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
 * The certificates' expiry reminders (资质到期提醒): the certificates near expiry, which channels get a reminder
 * (enabled, `expiry` among their event types, a kind that carries a message of its own: the robots and e-mail),
 * the claim of one certificate's step — an insert, then a conditional write under the row's lock, so of several API
 * instances exactly one sends it — and how it went.
 */
export class ExpiryReminderRepository {
  constructor(private readonly dataSource: DataSource) {}

  channels(): Promise<ExpiryReminderChannel[]> {
    return listChannels(this.dataSource, (c) => c.eventTypes.includes(EXPIRY_REMINDER_EVENT_TYPE));
  }

  /**
   * The certificates (not deleted, of an enterprise not deleted) expiring between EXPIRY_REMINDER_LATE_DAYS days
   * before `today` and the first reminder step after it: those a reminder step may be due for.
   */
  async expiring(today: string): Promise<ExpiringCertificate[]> {
    const rows = await this.dataSource.getRepository(QualificationEntity).find({
      where: {
        expiresOn: Between(
          addCalendarDays(today, -EXPIRY_REMINDER_LATE_DAYS),
          addCalendarDays(today, EXPIRY_REMINDER_STEPS[0]),
        ),
      },
      order: { expiresOn: 'ASC', certificateNo: 'ASC' },
    });
    if (rows.length === 0) return [];
    const enterprises = await this.dataSource
      .getRepository(EnterpriseEntity)
      .findBy({ id: In([...new Set(rows.map((r) => r.enterpriseId))]) });
    const byId = new Map(enterprises.map((e) => [e.id, e]));
    return rows.flatMap((q) => {
      const enterprise = byId.get(q.enterpriseId);
      if (!enterprise || q.expiresOn === null) return [];
      const contact = safetyContactOf(enterprise);
      return [
        {
          qualificationId: q.id,
          enterpriseId: q.enterpriseId,
          enterpriseName: enterprise.name,
          type: q.type,
          level: q.level,
          certificateNo: q.certificateNo,
          expiresOn: q.expiresOn,
          contact: contact?.email ? { name: contact.name, address: contact.email } : null,
        },
      ];
    });
  }

  /** Claims the certificate's reminder `step` for expiry date `expiresOn`: false when it was claimed already. */
  async claim(qualificationId: string, expiresOn: string, step: number, now: number): Promise<boolean> {
    return this.dataSource.transaction('READ COMMITTED', async (em) => {
      await em
        .createQueryBuilder()
        .insert()
        .into(NotificationExpiryReminderEntity)
        .values({
          qualificationId,
          expiresOn,
          step,
          claimedAt: new Date(now),
          status: 'new',
          sendCount: 0,
          lastAnswer: null,
        })
        .orIgnore()
        .execute();
      const repo = em.getRepository(NotificationExpiryReminderEntity);
      const key = { qualificationId, expiresOn, step };
      const row = await repo.findOneOrFail({ where: key, ...rowLockOption(em) });
      if (row.status !== 'new') return false;
      await repo.update(key, { status: 'sending', claimedAt: new Date(now) });
      return true;
    });
  }

  /** Records one send of a reminder as a delivery of the channel (event type `expiry`). */
  recordSend(send: ExpiryReminderSend): Promise<void> {
    return recordChannelSend(this.dataSource, EXPIRY_REMINDER_EVENT_TYPE, send);
  }

  /** How the claimed reminder went: how many sends it made, and the worst answer of them. */
  async recordOutcome(
    qualificationId: string,
    expiresOn: string,
    step: number,
    sendCount: number,
    status: ExpiryReminderStatus,
    answer: string | null,
  ): Promise<void> {
    await this.dataSource
      .getRepository(NotificationExpiryReminderEntity)
      .update(
        { qualificationId, expiresOn, step },
        { sendCount, status, lastAnswer: answer?.slice(0, MAX_ANSWER_CHARS) ?? null },
      );
  }

  reminders(qualificationId: string): Promise<NotificationExpiryReminderEntity[]> {
    return this.dataSource
      .getRepository(NotificationExpiryReminderEntity)
      .find({ where: { qualificationId }, order: { expiresOn: 'ASC', step: 'DESC' } });
  }
}

/**
 * One send of a message about no alert (an expiry reminder, a 惠企政策 notice) recorded as a delivery of its
 * channel, with the event type it was sent for: what 通知记录 lists.
 */
export async function recordChannelSend(
  dataSource: DataSource,
  eventType: string,
  send: ExpiryReminderSend,
): Promise<void> {
  const at = new Date(send.at);
  await dataSource.getRepository(NotificationDeliveryEntity).insert({
    channelId: send.channelId,
    alertId: null,
    eventSeq: null,
    eventType,
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

import type { AlertEvent } from '@park/contracts';
import type { DataSource } from 'typeorm';
import { toAlertEvent } from './alert-repository';
import { rowLockOption } from './dialect';
import { AlertEntity } from './entities/alert.entity';
import { AlertEventEntity } from './entities/alert-event.entity';
import { NotificationChannelEntity } from './entities/notification-channel.entity';
import { NotificationDigestEntity } from './entities/notification-digest.entity';

/**
 * The channel kinds a digest goes through: the group robots and e-mail carry a list. SMS does not — an SMS is a
 * provider-approved template about one alert (sms-template.ts), not a list of them.
 */
export const DIGEST_CHANNEL_KINDS: readonly string[] = ['wecom', 'dingtalk', 'feishu', 'email'];

/** A channel that receives the daily digest, with its settings (for sending, never for a view). */
export interface DigestChannel {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly recipients: readonly { readonly name: string; readonly address: string }[];
  /** Only this enterprise's alerts in its digest; null: the whole park's. */
  readonly enterpriseId: string | null;
}

/**
 * The enabled channels of a kind that carries a list (DIGEST_CHANNEL_KINDS) that `wanted` accepts, with their
 * settings: who gets the daily digest, and who gets the monthly reports' notice (report-notice-repository.ts).
 */
export async function listChannels(
  dataSource: DataSource,
  wanted: (channel: NotificationChannelEntity) => boolean,
): Promise<DigestChannel[]> {
  const rows = await dataSource.getRepository(NotificationChannelEntity).findBy({ enabled: true });
  return rows
    .filter((c) => DIGEST_CHANNEL_KINDS.includes(c.kind) && wanted(c))
    .map((c) => ({
      id: c.id,
      name: c.name,
      kind: c.kind,
      config: c.config,
      recipients: c.recipients,
      enterpriseId: c.enterpriseId,
    }));
}

/** The last digest a channel was sent. */
export interface DigestRecord {
  readonly channelId: string;
  readonly lastDay: string;
  readonly lastSentAt: number;
  readonly alertCount: number;
  readonly status: string;
  readonly lastAnswer: string | null;
}

/**
 * The daily digest (每日摘要) of info alerts: which channels get one (enabled, `info` among their severities, a kind
 * that carries a list), the claim of a day's digest for a channel — one conditional write under a row lock, so of
 * several rules instances exactly one sends it — the info alerts of its period, and the outcome.
 */
export class DigestRepository {
  constructor(private readonly dataSource: DataSource) {}

  async channels(): Promise<DigestChannel[]> {
    return listChannels(this.dataSource, (c) => c.severities.includes('info'));
  }

  async last(channelId: string): Promise<DigestRecord | null> {
    const row = await this.dataSource.getRepository(NotificationDigestEntity).findOneBy({ channelId });
    return row ? toRecord(row) : null;
  }

  /**
   * Claims the digest of park day `day` for the channel: null when it was claimed already (by this instance or
   * another), else when the previous one was sent (null: never), where this one's period starts.
   */
  async claim(
    channelId: string,
    day: string,
    now: number,
  ): Promise<{ previousSentAt: number | null } | null> {
    return this.dataSource.transaction('READ COMMITTED', async (em) => {
      const repo = em.getRepository(NotificationDigestEntity);
      // The row exists before it is locked, so two first claims meet on one row, not on two inserts.
      await em
        .createQueryBuilder()
        .insert()
        .into(NotificationDigestEntity)
        .values({
          channelId,
          lastDay: '',
          lastSentAt: new Date(0),
          alertCount: 0,
          status: 'never',
          lastAnswer: null,
        })
        .orIgnore()
        .execute();
      const row = await repo.findOneOrFail({ where: { channelId }, ...rowLockOption(em) });
      if (row.lastDay >= day) return null;
      const previousSentAt = row.lastDay === '' ? null : row.lastSentAt.getTime();
      await repo.update(
        { channelId },
        { lastDay: day, lastSentAt: new Date(now), status: 'sending', alertCount: 0 },
      );
      return { previousSentAt };
    });
  }

  /**
   * The `opened` events of the info alerts opened in [from, to) — of one enterprise, or of the park — oldest
   * first. An alert held back by maintenance (`suppressed`) is not in it: officers never saw it open.
   */
  async infoEvents(from: number, to: number, enterpriseId: string | null): Promise<AlertEvent[]> {
    const q = this.dataSource
      .getRepository(AlertEventEntity)
      .createQueryBuilder('e')
      .innerJoin(AlertEntity, 'a', 'a.id = e.alert_id')
      .where(`e.type = 'opened' AND a.severity = 'info' AND a.status <> 'suppressed'`)
      .andWhere('a.opened_at >= :from AND a.opened_at < :to', { from: new Date(from), to: new Date(to) })
      .orderBy('e.seq', 'ASC');
    if (enterpriseId) q.andWhere('a.enterprise_id = :enterpriseId', { enterpriseId });
    const rows = await q.getMany();
    // An alert opened twice (held back, then live) is listed once, by its latest opening.
    const byAlert = new Map(rows.map((r) => [r.alertId, r]));
    return [...byAlert.values()].map(toAlertEvent);
  }

  /** Records how the claimed digest went: how many alerts it listed, and the worst answer of its sends. */
  async recordOutcome(
    channelId: string,
    alertCount: number,
    status: 'delivered' | 'failed' | 'empty',
    answer: string | null,
  ): Promise<void> {
    await this.dataSource
      .getRepository(NotificationDigestEntity)
      .update({ channelId }, { alertCount, status, lastAnswer: answer?.slice(0, 1_000) ?? null });
  }
}

function toRecord(row: NotificationDigestEntity): DigestRecord {
  return {
    channelId: row.channelId,
    lastDay: row.lastDay,
    lastSentAt: row.lastSentAt.getTime(),
    alertCount: row.alertCount,
    status: row.status,
    lastAnswer: row.lastAnswer,
  };
}

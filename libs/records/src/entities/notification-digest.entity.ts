import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { NotificationChannelEntity } from './notification-channel.entity';

/**
 * The last daily digest (每日摘要) of info alerts a channel was sent: the park day it was for (one a day, claimed by
 * a conditional write so two rules instances never send it twice) and when, which is where the next one's period
 * starts.
 */
@Entity({ name: 'notification_digests' })
export class NotificationDigestEntity {
  @PrimaryColumn({ name: 'channel_id', type: 'uuid' })
  channelId!: string;

  @ManyToOne(() => NotificationChannelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id' })
  channel?: NotificationChannelEntity;

  /** `YYYY-MM-DD`, Beijing time. */
  @Column({ name: 'last_day', type: 'varchar', length: 10 })
  lastDay!: string;

  @Column({ name: 'last_sent_at', type: 'timestamptz' })
  lastSentAt!: Date;

  @Column({ name: 'alert_count', type: 'integer', default: 0 })
  alertCount!: number;

  /** `delivered` or `failed` (per recipient, the worst), with the provider's answer. */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'last_answer', type: 'text', nullable: true })
  lastAnswer!: string | null;
}

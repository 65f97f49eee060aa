import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { NotificationChannelEntity } from './notification-channel.entity';

/**
 * The notice of one month's reports (月度报表) to one channel: claimed by inserting this row first, so of several API
 * instances running the monthly schedule exactly one sends it; then how it went. The sends themselves are recorded
 * as deliveries of event type `report` (notification_deliveries), as every message a channel carries is.
 */
@Entity({ name: 'notification_report_notices' })
export class NotificationReportNoticeEntity {
  @PrimaryColumn({ name: 'channel_id', type: 'uuid' })
  channelId!: string;

  @ManyToOne(() => NotificationChannelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id' })
  channel?: NotificationChannelEntity;

  /** The month the reports cover, `YYYY-MM`. */
  @PrimaryColumn({ type: 'varchar', length: 7 })
  period!: string;

  @Column({ name: 'claimed_at', type: 'timestamptz' })
  claimedAt!: Date;

  /** How many reports the notice listed. */
  @Column({ name: 'report_count', type: 'integer', default: 0 })
  reportCount!: number;

  /** `sending`, then `delivered`, `failed` (the worst of its recipients) or `empty` (nothing for this channel). */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'last_answer', type: 'text', nullable: true })
  lastAnswer!: string | null;
}

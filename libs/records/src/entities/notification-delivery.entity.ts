import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { NotificationChannelEntity } from './notification-channel.entity';

/**
 * One alert event to send through one channel to one recipient (`recipientAddress` '' for a group robot's post).
 * Written in the alert change's transaction, claimed by a dispatcher with a lease (SKIP LOCKED), retried with
 * exponential backoff until delivered or out of attempts; every attempt leaves the provider's answer here. A test
 * message (发送测试消息) is recorded too, with event type `test` and no alert.
 */
@Entity({ name: 'notification_deliveries' })
@Index('notification_deliveries_one_per_recipient', ['channelId', 'eventSeq', 'recipientAddress'], {
  unique: true,
})
@Index('notification_deliveries_due', ['nextAttemptAt'], { where: `status IN ('pending', 'sending')` })
@Index('notification_deliveries_channel', ['channelId', 'id'])
@Index('notification_deliveries_alert', ['alertId'])
export class NotificationDeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'channel_id', type: 'uuid' })
  channelId!: string;

  @ManyToOne(() => NotificationChannelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'channel_id' })
  channel?: NotificationChannelEntity;

  /** Null for a test message. */
  @Column({ name: 'alert_id', type: 'uuid', nullable: true })
  alertId!: string | null;

  /** The alert event (alert_events.seq) the message is about; null for a test message. */
  @Column({ name: 'event_seq', type: 'bigint', nullable: true })
  eventSeq!: string | null;

  /** The alert event type, or `test`. */
  @Column({ name: 'event_type', type: 'varchar', length: 16 })
  eventType!: string;

  /** '' (and no address) for a group robot's post. */
  @Column({ name: 'recipient_name', type: 'text', default: '' })
  recipientName!: string;

  @Column({ name: 'recipient_address', type: 'text', default: '' })
  recipientAddress!: string;

  /** pending, sending (leased until next_attempt_at), delivered, failed (out of attempts). */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  @Column({ name: 'last_status', type: 'integer', nullable: true })
  lastStatus!: number | null;

  /** The provider's last answer, at most 1,000 characters. */
  @Column({ name: 'last_answer', type: 'text', nullable: true })
  lastAnswer!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}

import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { WebhookEntity } from './webhook.entity';

/**
 * One alert event to deliver to one webhook. Written in the same transaction as the alert event (so none is lost),
 * claimed by a dispatcher with SKIP LOCKED, retried with exponential backoff until delivered or out of attempts.
 */
@Entity({ name: 'webhook_deliveries' })
@Index('webhook_deliveries_one_per_event', ['webhookId', 'eventSeq'], { unique: true })
@Index('webhook_deliveries_due', ['nextAttemptAt'], { where: 'delivered_at IS NULL AND gave_up_at IS NULL' })
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'webhook_id', type: 'uuid' })
  webhookId!: string;

  @ManyToOne(() => WebhookEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'webhook_id' })
  webhook?: WebhookEntity;

  @Column({ name: 'event_seq', type: 'bigint' })
  eventSeq!: string;

  /** The alert event as published on park.alerts.v1. */
  @Column({ type: 'jsonb' })
  payload!: unknown;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'gave_up_at', type: 'timestamptz', nullable: true })
  gaveUpAt!: Date | null;

  @Column({ name: 'last_status', type: 'integer', nullable: true })
  lastStatus!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AlertEntity } from './alert.entity';
import type { AlertView } from '@park/contracts';

/**
 * The audit trail of every alert transition, and the outbox it is published from: an event row is written in
 * the same transaction as the alert change and published to `park.alerts.v1` afterwards (`published_at`).
 * `seq` orders all events and is what a reconnecting socket.io client resumes from.
 */
@Entity({ name: 'alert_events' })
@Index('alert_events_unpublished', ['seq'], { where: 'published_at IS NULL' })
export class AlertEventEntity {
  /** bigint: node-postgres returns it as a string; the repository converts it to a number. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  @Index()
  @Column({ name: 'alert_id', type: 'uuid' })
  alertId!: string;

  @ManyToOne(() => AlertEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alert_id' })
  alert?: AlertEntity;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ type: 'varchar', length: 16 })
  type!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text', nullable: true })
  actor!: string | null;

  @Column({ type: 'jsonb' })
  snapshot!: AlertView;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}

import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { QualificationEntity } from './qualification.entity';

/**
 * One expiry reminder (资质到期提醒) of one certificate: its step (90, 30, 7 or 0 days before expiry) for the expiry
 * date it had then — a renewed certificate (a new expiry date) starts its steps over. Claimed by inserting this row
 * first, so of several API instances running the daily job exactly one sends it; then how it went. The sends
 * themselves are recorded as deliveries of event type `expiry` (notification_deliveries), as every message a
 * channel carries is.
 */
@Entity({ name: 'notification_expiry_reminders' })
export class NotificationExpiryReminderEntity {
  @PrimaryColumn({ name: 'qualification_id', type: 'uuid' })
  qualificationId!: string;

  @ManyToOne(() => QualificationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'qualification_id' })
  qualification?: QualificationEntity;

  @PrimaryColumn({ name: 'expires_on', type: 'date' })
  expiresOn!: string;

  /** Days before expiry: 90, 30, 7 or 0 (EXPIRY_REMINDER_STEPS). */
  @PrimaryColumn({ type: 'integer' })
  step!: number;

  @Column({ name: 'claimed_at', type: 'timestamptz' })
  claimedAt!: Date;

  /** How many sends (channel and recipient) the reminder made. */
  @Column({ name: 'send_count', type: 'integer', default: 0 })
  sendCount!: number;

  /** `sending`, then `delivered`, `failed` (the worst of its sends) or `empty` (no channel receives it). */
  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'last_answer', type: 'text', nullable: true })
  lastAnswer!: string | null;
}

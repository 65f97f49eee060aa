import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AlertEntity } from './alert.entity';

/**
 * A chain step that fired for an alert. The primary key (alert, step position) is the guard against firing a step
 * twice: the row is inserted with ON CONFLICT DO NOTHING in the transaction that queues the step's deliveries, so
 * of two rules instances checking at once only the one whose insert took queues anything.
 */
@Entity({ name: 'alert_escalations' })
export class AlertEscalationEntity {
  @PrimaryColumn({ name: 'alert_id', type: 'uuid' })
  alertId!: string;

  @ManyToOne(() => AlertEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'alert_id' })
  alert?: AlertEntity;

  @PrimaryColumn({ type: 'integer' })
  position!: number;

  @Column({ name: 'fired_at', type: 'timestamptz' })
  firedAt!: Date;

  /** How many deliveries the step queued (0: nobody on duty, or nobody reachable on its channels). */
  @Column({ type: 'integer', default: 0 })
  deliveries!: number;
}

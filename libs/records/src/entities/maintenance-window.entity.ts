import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { EnterpriseEntity } from './enterprise.entity';

/**
 * A maintenance window (检修): a device, or a production line of an enterprise, is being worked on from `startsAt`
 * to `endsAt` (or until someone ends it early, `endedAt`). While it is active the alerts its rules would open are
 * recorded as `suppressed` instead of `open`; when it ends, those whose condition still holds go live
 * (docs/alerts.md, "Maintenance windows"). Never deleted: the row is its own record of who planned what, and the
 * audit log holds each change.
 */
@Entity({ name: 'maintenance_windows' })
@Index('maintenance_windows_subject', ['enterpriseId', 'subjectType', 'subjectId', 'endsAt'])
@Index('maintenance_windows_ends', ['endsAt'])
export class MaintenanceWindowEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** `device` or `line`. */
  @Column({ name: 'subject_type', type: 'varchar', length: 8 })
  subjectType!: string;

  /** The device id, or the line id (unique within the enterprise). */
  @Column({ name: 'subject_id', type: 'varchar', length: 64 })
  subjectId!: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: EnterpriseEntity;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  /** The planned end; an early end sets `endedAt` and leaves this as planned. */
  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  /** Ended early by an officer (null: runs to `endsAt`). */
  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'ended_by', type: 'text', nullable: true })
  endedBy!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DeviceEntity } from './device.entity';
import { EnterpriseEntity } from './enterprise.entity';
import { MaintenanceWindowEntity } from './maintenance-window.entity';
import { RuleEntity } from './rule.entity';

/**
 * An alert about a subject: a device, or a production line of an enterprise (分表计电). At most one unresolved
 * alert per (rule, subject): the partial unique index makes the database, not the service's memory, the guard
 * against duplicates after a crash or a replay.
 */
@Entity({ name: 'alerts' })
@Index('alerts_one_unresolved_per_rule_subject', ['ruleId', 'subjectType', 'enterpriseId', 'subjectId'], {
  unique: true,
  where: `status <> 'resolved'`,
})
@Index('alerts_enterprise_opened', ['enterpriseId', 'openedAt'])
@Index('alerts_opened', ['openedAt'])
@Index('alerts_unacknowledged', ['openedAt'], { where: `status = 'open'` })
@Index('alerts_suppressed', ['maintenanceId'], { where: `status = 'suppressed'` })
export class AlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'rule_id', type: 'uuid' })
  ruleId!: string;

  @ManyToOne(() => RuleEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rule_id' })
  rule?: RuleEntity;

  /** `device` or `line`. */
  @Column({ name: 'subject_type', type: 'varchar', length: 8, default: 'device' })
  subjectType!: string;

  /** The device id, or the line id (unique within the enterprise) for a line alert. */
  @Column({ name: 'subject_id', type: 'varchar', length: 64 })
  subjectId!: string;

  /** The device: the subject, or for a line alert the meter whose reading last confirmed it. */
  @Column({ name: 'device_id', type: 'varchar', length: 64, nullable: true })
  deviceId!: string | null;

  @ManyToOne(() => DeviceEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'device_id' })
  device?: DeviceEntity;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: EnterpriseEntity;

  @Column({ type: 'varchar', length: 32 })
  metric!: string;

  @Column({ type: 'varchar', length: 16 })
  unit!: string;

  /** The worst value seen while the alert was open. */
  @Column({ type: 'double precision' })
  value!: number;

  @Column({ name: 'limit_value', type: 'double precision' })
  limitValue!: number;

  @Column({ type: 'smallint' })
  level!: number;

  @Column({ type: 'varchar', length: 16 })
  severity!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ type: 'integer', default: 1 })
  count!: number;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;

  /** Device timestamp of the last reading applied: a replayed reading at or before it is ignored. */
  @Column({
    name: 'last_reading_ts',
    type: 'bigint',
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  lastReadingTs!: number;

  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ name: 'acknowledged_by', type: 'text', nullable: true })
  acknowledgedBy!: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt!: Date | null;

  @Column({ name: 'resolved_by', type: 'text', nullable: true })
  resolvedBy!: string | null;

  @Column({ name: 'resolution_note', type: 'text', nullable: true })
  resolutionNote!: string | null;

  @Column({ name: 'assigned_to', type: 'text', nullable: true })
  assignedTo!: string | null;

  @Column({ name: 'assigned_at', type: 'timestamptz', nullable: true })
  assignedAt!: Date | null;

  /** Set when the alert went unacknowledged past its severity's time (escalation by time). */
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  @Column({ name: 'last_reminded_at', type: 'timestamptz', nullable: true })
  lastRemindedAt!: Date | null;

  /** When a `repeated` event was last published (repeats are throttled). */
  @Column({ name: 'last_repeat_event_at', type: 'timestamptz', nullable: true })
  lastRepeatEventAt!: Date | null;

  /**
   * The maintenance window that held this alert back (status `suppressed` while it is active), kept after the alert
   * goes live so the console can say it was opened at the end of a window.
   */
  @Column({ name: 'maintenance_id', type: 'uuid', nullable: true })
  maintenanceId!: string | null;

  @ManyToOne(() => MaintenanceWindowEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'maintenance_id' })
  maintenance?: MaintenanceWindowEntity | null;

  /** When the rule first raised it inside a window (null: never held back). */
  @Column({ name: 'suppressed_at', type: 'timestamptz', nullable: true })
  suppressedAt!: Date | null;

  /** Plain-language reason in Chinese and English, from the rules engine, updated as the alert escalates. */
  @Column({ type: 'jsonb' })
  explanation!: { zh: string; en: string };
}

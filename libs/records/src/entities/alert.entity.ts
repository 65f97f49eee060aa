import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DeviceEntity } from './device.entity';
import { EnterpriseEntity } from './enterprise.entity';
import { RuleEntity } from './rule.entity';

/**
 * An alert. At most one unresolved alert per (rule, device): the partial unique index makes the database,
 * not the service's memory, the guard against duplicates after a crash or a replay.
 */
@Entity({ name: 'alerts' })
@Index('alerts_one_unresolved_per_rule_device', ['ruleId', 'deviceId'], {
  unique: true,
  where: `status <> 'resolved'`,
})
@Index('alerts_enterprise_opened', ['enterpriseId', 'openedAt'])
@Index('alerts_rule_device_reading', ['ruleId', 'deviceId', 'lastReadingTs'])
export class AlertEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'rule_id', type: 'uuid' })
  ruleId!: string;

  @ManyToOne(() => RuleEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rule_id' })
  rule?: RuleEntity;

  @Column({ name: 'device_id', type: 'varchar', length: 64 })
  deviceId!: string;

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

  /** Plain-language reason in Chinese and English, from the rules engine, updated as the alert escalates. */
  @Column({ type: 'jsonb' })
  explanation!: { zh: string; en: string };
}

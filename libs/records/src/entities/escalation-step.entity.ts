import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A person named on a chain step (target `people`). */
export interface EscalationPerson {
  readonly name: string;
  readonly phone: string | null;
  readonly email: string | null;
}

/**
 * One step of the escalation chain (升级链): "未确认 `afterMinutes` 分钟后 → 通知 `target` 经 `channelIds`", for the
 * alerts its filters (severities, rule kinds, enterprises, carriers as areas; empty: all) let through. Decided by
 * duty-routing.ts (@park/notifications); each step fires at most once per alert (alert_escalations).
 */
@Entity({ name: 'escalation_steps' })
@Index('escalation_steps_position', ['position'], { unique: true })
export class EscalationStepEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'integer' })
  position!: number;

  @Column({ name: 'after_minutes', type: 'integer' })
  afterMinutes!: number;

  /** ESCALATION_TARGETS (@park/contracts): duty-officer, duty-leader, enterprise-contact, people. */
  @Column({ type: 'varchar', length: 24 })
  target!: string;

  @Column({ type: 'jsonb' })
  people!: EscalationPerson[];

  /** notification_channels ids: how the step's people are reached. */
  @Column({ name: 'channel_ids', type: 'jsonb' })
  channelIds!: string[];

  @Column({ type: 'jsonb' })
  severities!: string[];

  @Column({ name: 'rule_kinds', type: 'jsonb' })
  ruleKinds!: string[];

  @Column({ name: 'enterprise_ids', type: 'jsonb' })
  enterpriseIds!: string[];

  /** The area filter: carriers (产业载体) the alert's enterprise is located in. */
  @Column({ name: 'carrier_ids', type: 'jsonb' })
  carrierIds!: string[];

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { RuleEntity } from './rule.entity';

/**
 * The rules engine's state per (rule, subject): windows, duration timers, the open level, the last input applied.
 * Written in the same transaction as the alert changes it led to, so a restart or a replay of the topic resumes
 * exactly where the committed work ended. `version` guards against two consumers writing the same subject.
 */
@Entity({ name: 'rule_states' })
export class RuleStateEntity {
  @PrimaryColumn({ name: 'rule_id', type: 'uuid' })
  ruleId!: string;

  @ManyToOne(() => RuleEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'rule_id' })
  rule?: RuleEntity;

  /** `device:<device id>` or `line:<enterprise id>:<line id>`, as `subjectKey` of @park/rules-engine builds it. */
  @PrimaryColumn({ name: 'subject_key', type: 'varchar', length: 160 })
  subjectKey!: string;

  @Column({ type: 'jsonb' })
  state!: unknown;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

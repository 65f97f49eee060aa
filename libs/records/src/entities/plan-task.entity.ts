import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

import type { PlanIndicator, PlanPeriodKind, PlanTaskStatus } from '@park/contracts';

export {
  PLAN_PERIOD_KINDS,
  PLAN_TASK_STATUSES,
  type PlanPeriodKind,
  type PlanTaskStatus,
} from '@park/contracts';

/**
 * 计划任务: one task of the plan for a year, a quarter or a month (年度、季度、月度计划), with its 责任人 and 责任部门 and
 * a status; optionally carrying part of a plan indicator's annual target and split from a yearly or quarterly task.
 * Soft-deleted and audited (entity type `plan-task`).
 */
@Entity({ name: 'plan_tasks' })
@Index('plan_tasks_period', ['year', 'periodKind', 'periodNumber'])
@Index('plan_tasks_open', ['status', 'dueOn'])
export class PlanTaskEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'smallint' })
  year!: number;

  /** 年度 / 季度 / 月度. */
  @Column({ name: 'period_kind', type: 'varchar', length: 8 })
  periodKind!: PlanPeriodKind;

  /** Quarter 1–4 or month 1–12; null for a yearly task. */
  @Column({ name: 'period_number', type: 'smallint', nullable: true })
  periodNumber!: number | null;

  /** The plan indicator (plan_targets) the task carries part of. */
  @Index()
  @Column({ type: 'varchar', length: 48, nullable: true })
  indicator!: PlanIndicator | null;

  /** The task this one was split from. */
  @Index()
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** 责任人. */
  @Column({ name: 'owner_name', type: 'text' })
  ownerName!: string;

  /** 责任部门. */
  @Column({ type: 'text' })
  department!: string;

  /** The part of the indicator's annual target this task carries, in the indicator's unit. */
  @Column({ type: 'double precision', nullable: true })
  contribution!: number | null;

  @Column({ type: 'varchar', length: 16 })
  status!: PlanTaskStatus;

  /** 期限, `YYYY-MM-DD`. */
  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn!: string | null;

  /** 进展情况. */
  @Column({ name: 'progress_note', type: 'text', nullable: true })
  progressNote!: string | null;

  /** Loaded by the demo seed. */
  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}

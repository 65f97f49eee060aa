import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

import type { PlanIndicator } from '@park/contracts';

export { PLAN_INDICATORS, type PlanIndicator } from '@park/contracts';

/** A target for one indicator in one year; admins edit them per year. */
@Entity({ name: 'plan_targets' })
@Index('plan_targets_indicator_year', ['indicator', 'year'], { unique: true })
export class PlanTargetEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 48 })
  indicator!: PlanIndicator;

  @Column({ type: 'smallint' })
  year!: number;

  @Column({ type: 'double precision' })
  target!: number;

  /** `gt`: must exceed the target (the plan's "超"); `gte`: must reach it (the plan's "达"). */
  @Column({ type: 'varchar', length: 4 })
  comparator!: 'gt' | 'gte';

  @Column({ name: 'updated_by', type: 'text', nullable: true })
  updatedBy!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

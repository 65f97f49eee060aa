import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

import type { AdmissionLevel } from '@park/contracts';

export { ADMISSION_LEVELS, type AdmissionLevel } from '@park/contracts';

/**
 * One line of the carriers' industry admission list (产业载体准入清单: 鼓励 / 限制 / 禁止) by GB/T 4754-2017 code.
 * A code of 2–4 digits covers every class under it; the longest matching code decides.
 */
@Entity({ name: 'industry_admission' })
export class AdmissionEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'industry_code', type: 'varchar', length: 8, unique: true })
  industryCode!: string;

  @Column({ type: 'varchar', length: 16 })
  level!: AdmissionLevel;

  /** Why, shown to whoever is refused or warned (e.g. the policy it comes from). */
  @Column({ type: 'text' })
  reason!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

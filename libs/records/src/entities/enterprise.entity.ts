import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

import type { CultivationLibrary } from '@park/contracts';

export { CULTIVATION_LIBRARIES, type CultivationLibrary } from '@park/contracts';

/**
 * 一企一档: one enterprise's record. Soft-deleted (`deleted_at`) because its history — indicators, events, audit —
 * outlives it. The natural key is the 统一社会信用代码.
 */
@Entity({ name: 'enterprises' })
export class EnterpriseEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** 统一社会信用代码 (GB 32100-2015), 18 characters, check character verified on every write. */
  @Column({ name: 'credit_code', type: 'varchar', length: 18, unique: true })
  creditCode!: string;

  /** GB/T 4754-2017 industry class, 2–4 digits (e.g. 2614). */
  @Index()
  @Column({ name: 'industry_code', type: 'varchar', length: 8, nullable: true })
  industryCode!: string | null;

  /** The carrier (产业载体) the enterprise is located in, if any. */
  @Index()
  @Column({ name: 'carrier_id', type: 'uuid', nullable: true })
  carrierId!: string | null;

  @Column({ name: 'contact_name', type: 'text', nullable: true })
  contactName!: string | null;

  @Column({ name: 'contact_phone', type: 'varchar', length: 32, nullable: true })
  contactPhone!: string | null;

  /**
   * The enterprise's safety contact (安全负责人): the escalation chain's `enterprise-contact` target, who receives this
   * enterprise's alerts and no other's (docs/notifications.md, 升级链). Set on the 值班与升级 page.
   */
  @Column({ name: 'safety_contact_name', type: 'text', nullable: true })
  safetyContactName!: string | null;

  @Column({ name: 'safety_contact_phone', type: 'varchar', length: 32, nullable: true })
  safetyContactPhone!: string | null;

  @Column({ name: 'safety_contact_email', type: 'text', nullable: true })
  safetyContactEmail!: string | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  /** 规模以上工业企业 (main-business revenue ≥ 20 million yuan). */
  @Column({ name: 'above_scale', type: 'boolean', default: false })
  aboveScale!: boolean;

  /** 高新技术企业 (certified). */
  @Column({ name: 'high_tech', type: 'boolean', default: false })
  highTech!: boolean;

  /** 上市企业. */
  @Column({ type: 'boolean', default: false })
  listed!: boolean;

  /** 营收亿元以上 / 销售过亿. */
  @Column({ name: 'revenue_over_100m', type: 'boolean', default: false })
  revenueOver100m!: boolean;

  /** A manufacturer (制造业): the denominator of the plan's "一主两优" share. */
  @Column({ type: 'boolean', default: true })
  manufacturer!: boolean;

  /** In the park's "一主两优" leading industries. */
  @Column({ name: 'core_industry', type: 'boolean', default: false })
  coreIndustry!: boolean;

  /** A science & technology project in incubation (在孵科创类项目). */
  @Column({ type: 'boolean', default: false })
  incubating!: boolean;

  /** Cultivation libraries the enterprise is being cultivated in (besides those it has already reached). */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  cultivation!: CultivationLibrary[];

  /**
   * The enterprise's discharge permit (排污许可证) limits, metric → limit in the metric's unit: the fallback for its
   * emission devices that state none of their own (rules: device → enterprise → park default).
   */
  @Column({ name: 'permit_limits', type: 'jsonb', nullable: true })
  permitLimits!: Record<string, number> | null;

  /** The permit's reference O₂, %VOL, for its stack-gas devices that state none (GB 13271-2014). */
  @Column({ name: 'permit_o2_reference', type: 'double precision', nullable: true })
  permitO2Reference!: number | null;

  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}

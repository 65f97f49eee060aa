import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

import type { ParcelGeometry } from '@park/contracts';

export type { ParcelGeometry } from '@park/contracts';

/** 一地一档: one land parcel. Natural key: the parcel code (地块编号). Soft-deleted, its history stays. */
@Entity({ name: 'land_parcels' })
export class LandParcelEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32, unique: true })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  /** Area in 亩 (1 亩 = 666.67 m²). */
  @Column({ name: 'area_mu', type: 'double precision' })
  areaMu!: number;

  /** 用地性质, e.g. 工业用地. */
  @Column({ name: 'land_use', type: 'varchar', length: 32 })
  landUse!: string;

  /** 权属人 (the holder of the land-use right) as written on the certificate. */
  @Column({ type: 'text', nullable: true })
  owner!: string | null;

  /** The enterprise using the parcel (for 亩均 evaluation), if any. */
  @Index()
  @Column({ name: 'enterprise_id', type: 'uuid', nullable: true })
  enterpriseId!: string | null;

  /** The carrier built on the parcel, if any. */
  @Index()
  @Column({ name: 'carrier_id', type: 'uuid', nullable: true })
  carrierId!: string | null;

  /** 低效用地. */
  @Column({ type: 'boolean', default: false })
  inefficient!: boolean;

  /** The year an inefficient parcel was revitalized (盘活), counted towards the plan's 2,000 亩. */
  @Column({ name: 'revitalized_year', type: 'smallint', nullable: true })
  revitalizedYear!: number | null;

  /** 不动产权证号 (or 国有土地使用证号) as written on the certificate. */
  @Column({ name: 'certificate_no', type: 'varchar', length: 64, nullable: true })
  certificateNo!: string | null;

  /** 出让日期 (YYYY-MM-DD): the day the land-use right was granted. */
  @Column({ name: 'transfer_date', type: 'date', nullable: true })
  transferDate!: string | null;

  /** 出让年限 in years (1–70; 工业用地 50 at most by law, 居住用地 70). Its end is computed, never stored. */
  @Column({ name: 'transfer_term_years', type: 'smallint', nullable: true })
  transferTermYears!: number | null;

  /** 容积率: total floor area ÷ parcel area (dimensionless, e.g. 1.2). */
  @Column({ name: 'plot_ratio', type: 'double precision', nullable: true })
  plotRatio!: number | null;

  /** 投资强度 in 万元/亩 (fixed-asset investment per 亩), as agreed or as built. */
  @Column({ name: 'investment_intensity', type: 'double precision', nullable: true })
  investmentIntensity!: number | null;

  /** 出让合同 (or 产业协议) 编号. */
  @Column({ name: 'contract_no', type: 'varchar', length: 64, nullable: true })
  contractNo!: string | null;

  /** 合同约定条款, free text: 约定投资额、达产期限、亩均税收承诺… */
  @Column({ name: 'contract_terms', type: 'text', nullable: true })
  contractTerms!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  geometry!: ParcelGeometry | null;

  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}

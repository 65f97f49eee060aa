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

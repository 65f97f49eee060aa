import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

import type { QualificationLevel, QualificationType } from '@park/contracts';

export {
  QUALIFICATION_LEVELS,
  QUALIFICATION_RULES,
  QUALIFICATION_TYPES,
  type QualificationLevel,
  type QualificationType,
} from '@park/contracts';

/**
 * 资质认定: one certificate an enterprise holds (高新技术企业, 专精特新, 小巨人, 科技型中小企业, 上市, 挂牌), with its
 * number, level and validity. Soft-deleted and audited like the enterprise it belongs to; the attached documents
 * are rows of `qualification_documents`.
 */
@Entity({ name: 'qualifications' })
@Index('qualifications_expiry', ['expiresOn'])
export class QualificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ type: 'varchar', length: 32 })
  type!: QualificationType;

  @Column({ type: 'varchar', length: 16, nullable: true })
  level!: QualificationLevel | null;

  /** 证书编号; for a listing the stock code. */
  @Column({ name: 'certificate_no', type: 'varchar', length: 64 })
  certificateNo!: string;

  @Column({ name: 'issued_on', type: 'date' })
  issuedOn!: string;

  /** Null for a listing (上市/挂牌), which does not expire. */
  @Column({ name: 'expires_on', type: 'date', nullable: true })
  expiresOn!: string | null;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** Loaded by the demo seed (docs/records.md, "Demo data"). */
  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}

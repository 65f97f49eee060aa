import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { PolicyCondition } from '@park/contracts';

/**
 * 惠企政策: one policy of the park's library — who issued it (发文机关, 文号), what it gives (支持内容), when it is open,
 * and its criteria over the records (`PolicyCondition`, checked by `checkCriteria` before every write). Soft-deleted
 * and audited; docs/policies.md.
 */
@Entity({ name: 'policies' })
export class PolicyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** 发文机关. */
  @Column({ type: 'text' })
  issuer!: string;

  /** 文号; a demo policy's says 示例. */
  @Column({ name: 'document_no', type: 'text', nullable: true })
  documentNo!: string | null;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  /** 支持内容 / 金额, in words. */
  @Column({ type: 'text', nullable: true })
  benefit!: string | null;

  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom!: string | null;

  @Column({ name: 'valid_to', type: 'date', nullable: true })
  validTo!: string | null;

  @Column({ type: 'text', nullable: true })
  url!: string | null;

  @Column({ type: 'jsonb' })
  criteria!: PolicyCondition[];

  /** % of a threshold within which a numeric shortfall counts as nearly qualifying. */
  @Column({ name: 'near_margin_percent', type: 'double precision', default: 20 })
  nearMarginPercent!: number;

  /** Loaded by the demo seed (示例数据). */
  @Column({ type: 'boolean', default: false })
  demo!: boolean;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'updated_by', type: 'text' })
  updatedBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @DeleteDateColumn({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;
}

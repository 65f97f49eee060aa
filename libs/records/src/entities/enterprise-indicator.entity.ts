import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { EnterpriseEntity } from './enterprise.entity';

/**
 * An enterprise's annual indicators (one row per enterprise and year; natural key (credit code, year)).
 * Money in 万元 (10,000 yuan), energy in 吨标准煤 (tce). Null means "not reported", never zero.
 */
@Entity({ name: 'enterprise_indicators' })
@Index('enterprise_indicators_enterprise_year', ['enterpriseId', 'year'], { unique: true })
export class EnterpriseIndicatorEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: EnterpriseEntity;

  @Column({ type: 'smallint' })
  year!: number;

  /** 营业收入, 万元. */
  @Column({ type: 'double precision', nullable: true })
  revenue!: number | null;

  /** 应税销售, 万元. */
  @Column({ name: 'taxable_sales', type: 'double precision', nullable: true })
  taxableSales!: number | null;

  /** 税收 (taxes paid), 万元. */
  @Column({ type: 'double precision', nullable: true })
  tax!: number | null;

  /** 研发投入, 万元. */
  @Column({ name: 'rd_expense', type: 'double precision', nullable: true })
  rdExpense!: number | null;

  /** 有效发明专利 held at year end. */
  @Column({ name: 'invention_patents', type: 'integer', nullable: true })
  inventionPatents!: number | null;

  /** 工业总产值, 万元. */
  @Column({ type: 'double precision', nullable: true })
  output!: number | null;

  /** 高新技术产业产值, 万元. */
  @Column({ name: 'high_tech_output', type: 'double precision', nullable: true })
  highTechOutput!: number | null;

  /** 高新技术投资 in the year, 万元. */
  @Column({ name: 'high_tech_investment', type: 'double precision', nullable: true })
  highTechInvestment!: number | null;

  /** 综合能耗, 吨标准煤. */
  @Column({ name: 'energy_tce', type: 'double precision', nullable: true })
  energyTce!: number | null;

  /** 从业人员 at year end. */
  @Column({ type: 'integer', nullable: true })
  employees!: number | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

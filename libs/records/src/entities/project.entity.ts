import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

import type { ProjectStage } from '@park/contracts';

export { PROJECT_STAGES, type ProjectStage } from '@park/contracts';

/**
 * 重点项目 (重大项目 / 一企一策): an enterprise's project on the park, from 签约 through 开工 and 竣工 to 达产, with the
 * day each stage was reached and what the enterprise promised (万元). Never deleted: a project that stalls stays
 * on the supervision list until its milestones are done.
 */
@Entity({ name: 'projects' })
export class ProjectEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** The enterprise that carries the project: what tenant scoping filters on. */
  @Index()
  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  /** The parcel it is built on, if any (一地一档). */
  @Index()
  @Column({ name: 'parcel_id', type: 'uuid', nullable: true })
  parcelId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  stage!: ProjectStage;

  /** 签约日期, `YYYY-MM-DD`. */
  @Column({ name: 'signed_on', type: 'date' })
  signedOn!: string;

  /** 开工日期. */
  @Column({ name: 'started_on', type: 'date', nullable: true })
  startedOn!: string | null;

  /** 竣工日期. */
  @Column({ name: 'completed_on', type: 'date', nullable: true })
  completedOn!: string | null;

  /** 达产日期. */
  @Column({ name: 'producing_on', type: 'date', nullable: true })
  producingOn!: string | null;

  /** 协议投资总额, 万元. */
  @Column({ name: 'promised_investment', type: 'double precision', nullable: true })
  promisedInvestment!: number | null;

  /** 达产后年销售收入, 万元. */
  @Column({ name: 'promised_sales', type: 'double precision', nullable: true })
  promisedSales!: number | null;

  /** 达产后年税收, 万元. */
  @Column({ name: 'promised_tax', type: 'double precision', nullable: true })
  promisedTax!: number | null;

  /** 项目责任人. */
  @Column({ name: 'owner_name', type: 'text' })
  ownerName!: string;

  /** 责任部门. */
  @Column({ type: 'text' })
  department!: string;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

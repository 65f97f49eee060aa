import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** What a project reached in one year, 万元; a null figure is 未上报 (not reported), never zero. */
@Entity({ name: 'project_actuals' })
@Index('project_actuals_project_year', ['projectId', 'year'], { unique: true })
export class ProjectActualEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ type: 'smallint' })
  year!: number;

  /** 当年完成投资, 万元. */
  @Column({ type: 'double precision', nullable: true })
  investment!: number | null;

  /** 当年销售收入, 万元. */
  @Column({ type: 'double precision', nullable: true })
  sales!: number | null;

  /** 当年税收, 万元. */
  @Column({ type: 'double precision', nullable: true })
  tax!: number | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

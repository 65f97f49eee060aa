import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A milestone of a project (节点): due on a day, done on a day, with who answers for it. */
@Entity({ name: 'project_milestones' })
@Index('project_milestones_open', ['doneOn', 'dueOn'])
export class ProjectMilestoneEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'project_id', type: 'uuid' })
  projectId!: string;

  @Column({ type: 'text' })
  title!: string;

  /** `YYYY-MM-DD`. */
  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  /** The day it was done; null while open. */
  @Column({ name: 'done_on', type: 'date', nullable: true })
  doneOn!: string | null;

  /** 责任人. */
  @Column({ name: 'owner_name', type: 'text' })
  ownerName!: string;

  /** 责任部门. */
  @Column({ type: 'text' })
  department!: string;

  @Column({ name: 'is_demo', type: 'boolean', default: false })
  isDemo!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * One shift of the duty roster (值班表): a person on duty — 值班员 (`officer`) or 带班领导 (`leader`) — from
 * `startsAt` until (not including) `endsAt`, with the addresses the escalation chain reaches them at. Shifts may
 * overlap (a handover, two officers at night): everyone on duty at an instant is notified.
 */
@Entity({ name: 'duty_shifts' })
@Index('duty_shifts_span', ['endsAt', 'startsAt'])
export class DutyShiftEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** `officer` or `leader` (DUTY_ROLES, @park/contracts). */
  @Column({ type: 'varchar', length: 16 })
  duty!: string;

  @Column({ name: 'person_name', type: 'text' })
  personName!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** The person's platform account, if any. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity | null;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

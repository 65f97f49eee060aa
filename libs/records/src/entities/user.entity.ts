import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { EnterpriseEntity } from './enterprise.entity';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  /** scrypt, memory-hard (see @park/auth password-hasher). */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  /** admin | officer | energy-manager | operator | staff */
  @Column({ type: 'varchar', length: 32 })
  role!: string;

  /** Set for energy managers: the one enterprise they may see. */
  @Column({ name: 'enterprise_id', type: 'uuid', nullable: true })
  enterpriseId!: string | null;

  /** Set for staff (and only for them): their department, one of @park/auth DEPARTMENTS. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  department!: string | null;

  @ManyToOne(() => EnterpriseEntity, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'enterprise_id' })
  enterprise?: EnterpriseEntity | null;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

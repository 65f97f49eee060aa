import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * One signed-in session of a user: its id is the `sid` claim of the access token, and the API checks the row on
 * every request and open socket, so a session ends when `revoked_at` is set (logout, "sign out everywhere", the
 * user disabled, a new password or role) and not only when the token expires (docs/security-auth.md).
 */
@Entity({ name: 'user_sessions' })
@Index('IDX_user_sessions_user', ['userId'])
export class UserSessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When the token issued for the session expires; rows past it are pruned. */
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}

import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A display token: the credential a wall display (数据大屏) opens with instead of a login. Only a SHA-256 hash of
 * the token is kept (the token is 32 random bytes, shown once when created); revoking sets `revoked_at`.
 */
@Entity({ name: 'display_tokens' })
export class DisplayTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Where the screen hangs, e.g. 指挥中心大屏. */
  @Column({ type: 'text' })
  name!: string;

  /** Hex SHA-256 of the token. */
  @Column({ name: 'token_hash', type: 'char', length: 64, unique: true })
  tokenHash!: string;

  /** Username of the admin who created it. */
  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Last successful exchange for a session. */
  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}

import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import type { ExchangeMetric, SourceKind } from '@park/contracts';

/**
 * A system that sends the park figures (供电公司, 税务局, 人社局…) and its API key: only the key's public prefix
 * (how a request finds its source) and a hash of the whole key are kept; the key itself is shown once, when it
 * is issued. `scopes` are the metrics the source may write. A revoked source's key is refused from then on.
 */
@Entity({ name: 'exchange_sources' })
export class ExchangeSourceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: SourceKind;

  /** The metrics this source's key may write. */
  @Column({ type: 'jsonb' })
  scopes!: ExchangeMetric[];

  /** The key's public part (`pk_…`), unique; the request's key is looked up by it, then checked against the hash. */
  @Index('exchange_sources_key_prefix', { unique: true })
  @Column({ name: 'key_prefix', type: 'varchar', length: 32 })
  keyPrefix!: string;

  @Column({ name: 'key_hash', type: 'text' })
  keyHash!: string;

  /** Requests per minute this source may make (its own bucket; the drop folder is not counted). */
  @Column({ name: 'rate_limit_per_minute', type: 'integer', default: 60 })
  rateLimitPerMinute!: number;

  /** The sub-folder of the watched drop folder this source's spreadsheets are put in (null: none). */
  @Index('exchange_sources_drop_folder', { unique: true })
  @Column({ name: 'drop_folder', type: 'varchar', length: 64, nullable: true })
  dropFolder!: string | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  /** Made by the demo seed (its figures are demo data). */
  @Column({ type: 'boolean', default: false })
  demo!: boolean;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

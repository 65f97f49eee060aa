import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One upload from a source, by the API or a spreadsheet in the drop folder: how many rows came, were stored,
 * were unchanged and were refused, and the row-by-row report of what was refused and why (at most the first
 * 1,000 problems are kept). A dry run is recorded too, with nothing stored.
 */
@Entity({ name: 'exchange_batches' })
@Index('exchange_batches_source', ['sourceId', 'receivedAt'])
export class ExchangeBatchEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId!: string;

  /** `api` or `drop-folder`. */
  @Column({ type: 'varchar', length: 16 })
  via!: 'api' | 'drop-folder';

  /** The spreadsheet's file name (drop folder), or the client's own batch reference (API), when given. */
  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  @Column({ name: 'dry_run', type: 'boolean', default: false })
  dryRun!: boolean;

  @Column({ type: 'integer' })
  rows!: number;

  /** Rows stored as new or changed figures. */
  @Column({ type: 'integer' })
  stored!: number;

  /** Rows equal to what was already stored (a re-upload). */
  @Column({ type: 'integer' })
  unchanged!: number;

  @Column({ type: 'integer' })
  rejected!: number;

  /** The refused rows: `{ row, field, code, message }[]` (first 1,000). */
  @Column({ type: 'jsonb' })
  problems!: unknown[];

  @CreateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}

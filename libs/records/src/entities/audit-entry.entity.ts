import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

import type { FieldChange } from '@park/contracts';

export type { FieldChange } from '@park/contracts';

/** The audit log of the records: who changed what, when, field by field. Append-only. */
@Entity({ name: 'audit_log' })
@Index('audit_log_subject', ['entityType', 'entityId', 'at'])
export class AuditEntryEntity {
  /** bigint: node-postgres returns it as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text' })
  actor!: string;

  @Column({ type: 'varchar', length: 16 })
  action!: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 32 })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'text' })
  entityId!: string;

  @Index()
  @Column({ name: 'enterprise_id', type: 'uuid', nullable: true })
  enterpriseId!: string | null;

  @Column({ type: 'jsonb' })
  changes!: Record<string, FieldChange>;
}

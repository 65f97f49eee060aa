import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A document attached to a timeline event (股权变更 的工商变更材料, 产业协议 的协议文本, 租赁合同…). Stored as a
 * qualification's documents are (qualification-document.entity.ts): the bytes in the row (bytea; a BLOB on
 * SQLite), the metadata — never the bytes — in the audit log. Events are append-only; their documents can be added
 * and removed.
 */
@Entity({ name: 'record_event_documents' })
export class RecordEventDocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  /** The event's enterprise (the subject, or the parcel's user; none for a parcel without one): scoping and audit. */
  @Index()
  @Column({ name: 'enterprise_id', type: 'uuid', nullable: true })
  enterpriseId!: string | null;

  @Column({ type: 'text' })
  filename!: string;

  @Column({ name: 'content_type', type: 'varchar', length: 100 })
  contentType!: string;

  @Column({ type: 'integer' })
  size!: number;

  @Column({ type: 'bytea' })
  content!: Buffer;

  @Column({ name: 'uploaded_by', type: 'text' })
  uploadedBy!: string;

  @CreateDateColumn({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;
}

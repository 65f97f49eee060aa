import { Column, CreateDateColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The columns every attached-document table shares (qualification_documents, record_event_documents): the file
 * stored in the row (bytea; a BLOB on SQLite) as the reports' files are — one place in both modes, in every backup
 * of the records, readable by every API instance — with its name, type, size and who uploaded it when. Not an
 * entity: each table extends it with the record it belongs to and the enterprise it is scoped by.
 */
export abstract class StoredDocumentColumns {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

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

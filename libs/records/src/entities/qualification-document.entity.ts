import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A document attached to a qualification (证书扫描件, 认定文件). The file is stored in the row (bytea; a BLOB on
 * SQLite) as the reports' files are: one place in both modes, in every backup of the records, readable by every API
 * instance. The API limits its size and type (docs/records.md, "Qualifications"). Its metadata, never its bytes,
 * goes into the audit log.
 */
@Entity({ name: 'qualification_documents' })
export class QualificationDocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ name: 'qualification_id', type: 'uuid' })
  qualificationId!: string;

  /** The enterprise of the qualification: what tenant scoping and the audit trail go by. */
  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

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

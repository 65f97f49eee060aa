import { Column, Entity, Index } from 'typeorm';
import { StoredDocumentColumns } from './stored-document.columns';

/**
 * A document attached to a qualification (证书扫描件, 认定文件). The API limits its size and type (docs/records.md,
 * "Qualifications"). Its metadata, never its bytes, goes into the audit log.
 */
@Entity({ name: 'qualification_documents' })
export class QualificationDocumentEntity extends StoredDocumentColumns {
  @Index()
  @Column({ name: 'qualification_id', type: 'uuid' })
  qualificationId!: string;

  /** The enterprise of the qualification: what tenant scoping and the audit trail go by. */
  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;
}

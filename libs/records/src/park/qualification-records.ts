import type { DataSource } from 'typeorm';
import { EnterpriseEntity } from '../entities/enterprise.entity';
import { QualificationDocumentEntity } from '../entities/qualification-document.entity';
import { QualificationEntity, type QualificationType } from '../entities/qualification.entity';
import { AttachedDocuments, type DocumentFile } from './attached-documents';
import { AuditedStore, type Actor } from './audited-store';
import { notFound } from './records-errors';

export interface QualificationFilter {
  readonly enterpriseId?: string | null;
  readonly types?: readonly QualificationType[];
  /** `YYYY-MM-DD`: only certificates whose expiry date is on or before it (the expiring and the expired). */
  readonly expiresOnOrBefore?: string;
  /** `YYYY-MM-DD`: only certificates whose expiry date is on or after it (still valid that day). */
  readonly expiresOnOrAfter?: string;
}

/** A qualification with its enterprise's name and its documents' metadata (never their bytes). */
export interface QualificationRecord {
  readonly qualification: QualificationEntity;
  readonly enterpriseName: string;
  readonly documents: Omit<QualificationDocumentEntity, 'content'>[];
}

/** 资质认定: enterprises' certificates and their documents, every write audited under the enterprise. */
export class QualificationRecords {
  readonly store: AuditedStore<QualificationEntity>;
  private readonly documents: AttachedDocuments<QualificationDocumentEntity, 'qualificationId'>;

  constructor(private readonly dataSource: DataSource) {
    this.store = new AuditedStore(dataSource, QualificationEntity, 'qualification', (q) => q.enterpriseId);
    this.documents = new AttachedDocuments(
      dataSource,
      QualificationDocumentEntity,
      'qualificationId',
      'qualification-document',
    );
  }

  /** Live certificates of live enterprises, soonest expiry first (those that never expire last). */
  async list(filter: QualificationFilter): Promise<QualificationRecord[]> {
    const qb = this.dataSource
      .getRepository(QualificationEntity)
      .createQueryBuilder('q')
      .innerJoin(EnterpriseEntity, 'e', 'e.id = q.enterprise_id AND e.deleted_at IS NULL')
      .addSelect('e.name', 'enterprise_name');
    if (filter.enterpriseId !== undefined && filter.enterpriseId !== null)
      qb.andWhere('q.enterprise_id = :scope', { scope: filter.enterpriseId });
    if (filter.types && filter.types.length > 0)
      qb.andWhere('q.type IN (:...types)', { types: filter.types });
    if (filter.expiresOnOrBefore)
      qb.andWhere('q.expires_on <= :before', { before: filter.expiresOnOrBefore });
    if (filter.expiresOnOrAfter) qb.andWhere('q.expires_on >= :after', { after: filter.expiresOnOrAfter });
    qb.orderBy('CASE WHEN q.expires_on IS NULL THEN 1 ELSE 0 END', 'ASC')
      .addOrderBy('q.expires_on', 'ASC')
      .addOrderBy('e.name', 'ASC')
      .addOrderBy('q.id', 'ASC');
    const { entities, raw } = await qb.getRawAndEntities<{ enterprise_name: string }>();
    const documents = await this.documentsOf(entities.map((q) => q.id));
    return entities.map((qualification, i) => ({
      qualification,
      enterpriseName: raw[i].enterprise_name,
      documents: documents.filter((d) => d.qualificationId === qualification.id),
    }));
  }

  async get(id: string): Promise<QualificationRecord> {
    const qualification = await this.store.get(id);
    const enterprise = await this.dataSource
      .getRepository(EnterpriseEntity)
      .findOne({ where: { id: qualification.enterpriseId } });
    if (!enterprise) throw notFound('qualification', id);
    return { qualification, enterpriseName: enterprise.name, documents: await this.documentsOf([id]) };
  }

  /** Every live certificate that has an expiry date or not, of live enterprises (the cultivation libraries). */
  all(): Promise<QualificationEntity[]> {
    return this.dataSource
      .getRepository(QualificationEntity)
      .createQueryBuilder('q')
      .innerJoin(EnterpriseEntity, 'e', 'e.id = q.enterprise_id AND e.deleted_at IS NULL')
      .orderBy('q.issued_on', 'ASC')
      .getMany();
  }

  /** Attaches a document, audited with its metadata only. */
  addDocument(
    actor: Actor,
    qualification: QualificationEntity,
    file: DocumentFile,
  ): Promise<Omit<QualificationDocumentEntity, 'content'>> {
    return this.documents.add(actor, qualification, file);
  }

  /** A document with its bytes, if it belongs to that qualification. */
  document(qualificationId: string, documentId: string): Promise<QualificationDocumentEntity> {
    return this.documents.get(qualificationId, documentId);
  }

  removeDocument(actor: Actor, qualificationId: string, documentId: string): Promise<void> {
    return this.documents.remove(actor, qualificationId, documentId);
  }

  private documentsOf(ids: readonly string[]): Promise<Omit<QualificationDocumentEntity, 'content'>[]> {
    return this.documents.of(ids);
  }
}

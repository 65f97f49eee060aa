import { In, type DataSource, type DeepPartial, type EntityTarget, type FindOptionsWhere } from 'typeorm';
import type { StoredDocumentColumns } from '../entities/stored-document.columns';
import { recordAudit } from './audit-trail';
import type { Actor } from './audited-store';
import { notFound } from './records-errors';

/** An attached-document row: the shared columns, and the enterprise it is scoped and audited by. */
export type StoredDocument = StoredDocumentColumns & {
  /** The enterprise concerned: what tenant scoping and the audit trail go by. */
  enterpriseId: string | null;
};

/** A file to attach, already checked by the caller (type sniffed, name cleaned). */
export interface DocumentFile {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
}

const METADATA = [
  'id',
  'enterpriseId',
  'filename',
  'contentType',
  'size',
  'uploadedBy',
  'uploadedAt',
] as const satisfies readonly (keyof StoredDocument)[];

/**
 * Documents attached to a record, with their bytes in the row: attach, read back, remove, list the metadata. One
 * implementation for every kind of attachment — a certificate's scans, an event's contracts — so they are stored,
 * audited (metadata only, never the bytes) and scoped alike. `ownerKey` is the column naming the record they
 * belong to; `auditType` is the entity type of their audit entries.
 */
export class AttachedDocuments<D extends StoredDocument, K extends keyof D & string> {
  private readonly metadata: (keyof D)[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: EntityTarget<D>,
    private readonly ownerKey: K,
    private readonly auditType: string,
  ) {
    this.metadata = [...METADATA, ownerKey];
  }

  /** Attaches a file to the owner, audited with its metadata only. */
  async add(
    actor: Actor,
    owner: { readonly id: string; readonly enterpriseId: string | null },
    file: DocumentFile,
  ): Promise<Omit<D, 'content'>> {
    return this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(this.entity);
      const saved = await repo.save(
        repo.create({
          [this.ownerKey]: owner.id,
          enterpriseId: owner.enterpriseId,
          filename: file.filename,
          contentType: file.contentType,
          size: file.content.length,
          content: file.content,
          uploadedBy: actor.username,
        } as DeepPartial<D>),
      );
      const metadata = await repo.findOneOrFail({
        where: { id: saved.id } as FindOptionsWhere<D>,
        select: this.metadata,
      });
      await recordAudit(tx, {
        actor: actor.username,
        action: 'create',
        entityType: this.auditType,
        entityId: saved.id,
        enterpriseId: owner.enterpriseId,
        before: null,
        after: metadata,
      });
      return metadata;
    });
  }

  /** A document with its bytes, if it belongs to that owner (else 404, as a missing one). */
  async get(ownerId: string, documentId: string): Promise<D> {
    const found = await this.dataSource
      .getRepository(this.entity)
      .findOne({ where: this.owned(ownerId, documentId) });
    if (!found) throw notFound(this.auditType.replace('-', ' '), documentId);
    return found;
  }

  async remove(actor: Actor, ownerId: string, documentId: string): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(this.entity);
      const before = await repo.findOne({ where: this.owned(ownerId, documentId), select: this.metadata });
      if (!before) throw notFound(this.auditType.replace('-', ' '), documentId);
      await repo.delete({ id: documentId } as FindOptionsWhere<D>);
      await recordAudit(tx, {
        actor: actor.username,
        action: 'delete',
        entityType: this.auditType,
        entityId: documentId,
        enterpriseId: before.enterpriseId,
        before,
        after: null,
      });
    });
  }

  /** The metadata (never the bytes) of the documents of these owners, oldest first. */
  async of(ownerIds: readonly string[]): Promise<Omit<D, 'content'>[]> {
    if (ownerIds.length === 0) return [];
    return this.dataSource.getRepository(this.entity).find({
      where: { [this.ownerKey]: In([...ownerIds]) } as FindOptionsWhere<D>,
      select: this.metadata,
      order: { uploadedAt: 'ASC' } as never,
    });
  }

  private owned(ownerId: string, documentId: string): FindOptionsWhere<D> {
    return { id: documentId, [this.ownerKey]: ownerId } as FindOptionsWhere<D>;
  }
}

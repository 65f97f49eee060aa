import { Column, Entity, Index } from 'typeorm';
import { StoredDocumentColumns } from './stored-document.columns';

/**
 * A document attached to a timeline event (股权变更 的工商变更材料, 产业协议 的协议文本, 租赁合同…), stored as a
 * qualification's documents are. Events are append-only; their documents are added and removed, each audited with
 * its metadata, never its bytes.
 */
@Entity({ name: 'record_event_documents' })
export class RecordEventDocumentEntity extends StoredDocumentColumns {
  @Index()
  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  /** The event's enterprise (the subject, or the parcel's user; none for a parcel without one): scoping and audit. */
  @Index()
  @Column({ name: 'enterprise_id', type: 'uuid', nullable: true })
  enterpriseId!: string | null;
}

import { Injectable } from '@nestjs/common';
import type { Principal } from '@park/auth';
import { EVENT_DOCUMENT_KINDS, type AttachedDocumentView, type RecordEventSubject } from '@park/contracts';
import {
  EnterpriseRecords,
  LandRecords,
  type RecordEventDocumentEntity,
  type RecordEventEntity,
} from '@park/records';
import { assertInScope } from '../records-common/actor';
import { acceptDocument, attachedDocumentView, type UploadedDocument } from '../records-common/documents';

/**
 * The documents of a timeline event (股权变更, 用地变更, 房屋出租, 产业协议), of an enterprise or of a parcel. Read as
 * the timeline is read (an energy manager only their own enterprise's, anyone else's answered 404); written by
 * the admin, every write audited (metadata only) under the event's enterprise.
 */
@Injectable()
export class EventDocumentsService {
  constructor(
    private readonly enterprises: EnterpriseRecords,
    private readonly land: LandRecords,
  ) {}

  async add(
    principal: Principal,
    subject: RecordEventSubject,
    subjectId: string,
    eventId: string,
    file: UploadedDocument | undefined,
  ): Promise<AttachedDocumentView> {
    const event = await this.event(principal, subject, subjectId, eventId, 'write');
    const accepted = acceptDocument(file, EVENT_DOCUMENT_KINDS);
    return attachedDocumentView(await this.enterprises.eventDocuments.add(principal, event, accepted));
  }

  async get(
    principal: Principal,
    subject: RecordEventSubject,
    subjectId: string,
    eventId: string,
    documentId: string,
  ): Promise<RecordEventDocumentEntity> {
    await this.event(principal, subject, subjectId, eventId, 'read');
    return this.enterprises.eventDocuments.get(eventId, documentId);
  }

  async remove(
    principal: Principal,
    subject: RecordEventSubject,
    subjectId: string,
    eventId: string,
    documentId: string,
  ): Promise<void> {
    await this.event(principal, subject, subjectId, eventId, 'write');
    await this.enterprises.eventDocuments.remove(principal, eventId, documentId);
  }

  /**
   * The event, if it is on that subject's timeline and the principal may see that timeline (else 404, as a
   * missing one). Writes need a live enterprise, as adding the event does.
   */
  private async event(
    principal: Principal,
    subject: RecordEventSubject,
    subjectId: string,
    eventId: string,
    access: 'read' | 'write',
  ): Promise<RecordEventEntity> {
    if (subject === 'enterprise') {
      assertInScope(principal, 'enterprise', subjectId, subjectId);
      if (access === 'write') await this.enterprises.requireLive(subjectId);
      else await this.enterprises.store.get(subjectId);
    } else {
      const parcel = await this.land.store.get(subjectId);
      assertInScope(principal, 'parcel', subjectId, parcel.enterpriseId);
    }
    return this.enterprises.event(subject, subjectId, eventId);
  }
}

import {
  applyDecorators,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  StreamableFile,
  UploadedFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@park/auth';
import { EVENT_DOCUMENT_KINDS, type AttachedDocumentView } from '@park/contracts';
import { CurrentPrincipal, Edits, Roles } from '../auth/auth.decorators';
import { ApiView } from '../openapi/api-view';
import {
  DocumentDownload,
  documentDownload,
  DocumentUpload,
  type UploadedDocument,
} from '../records-common/documents';
import { EventDocumentsService } from './event-documents.service';

/** The readers of the timelines (enterprises.controller.ts and parcels.controller.ts READERS). */
const READERS = ['admin', 'officer', 'operator', 'staff', 'energy-manager'] as const;
const ENTERPRISE = 'enterprises/:id/events/:eventId/documents';
const PARCEL = 'parcels/:id/events/:eventId/documents';

/** Attach: as the events' writes — the admin and staff whose department edits events. */
const Attach = (path: string) =>
  applyDecorators(
    Edits('events'),
    Post(path),
    ApiOperation({
      summary:
        'Attach a document (PDF, JPEG, PNG, Word .docx or Excel .xlsx, at most 10 MB) to the event as multipart field "file"; audited',
      description:
        'The type is judged by the content, not the name: 400 INVALID_RECORD (field "file") for no file or another type; 413 over 10 MB.',
    }),
    DocumentUpload(),
  );
/** Download: whoever reads the timeline (an energy manager only their own enterprise's). */
const Download = (path: string) =>
  applyDecorators(
    Roles(...READERS),
    Get(`${path}/:eventDocumentId`),
    ApiOperation({ summary: "Download one of the event's documents" }),
    DocumentDownload(EVENT_DOCUMENT_KINDS),
  );
/** Remove: as attach; the event stays. */
const Remove = (path: string) =>
  applyDecorators(
    Edits('events'),
    Delete(`${path}/:eventDocumentId`),
    HttpCode(204),
    ApiOperation({ summary: "Remove one of the event's documents (the event stays); audited" }),
  );

/**
 * The documents of timeline events, under the event's subject as the events' own routes are: `:id` is the
 * enterprise or the parcel, `:eventId` an event on its timeline. The same three routes for both subjects, declared
 * once above; each handler names its subject.
 */
@ApiTags('event documents 动态附件')
@ApiBearerAuth()
@Controller('api')
export class EventDocumentsController {
  constructor(private readonly documents: EventDocumentsService) {}

  @Attach(ENTERPRISE)
  @ApiView('AttachedDocument')
  attachToEnterpriseEvent(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @UploadedFile() file: UploadedDocument | undefined,
  ): Promise<AttachedDocumentView> {
    return this.documents.add(p, 'enterprise', id, eventId, file);
  }

  @Download(ENTERPRISE)
  async enterpriseEventDocument(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('eventDocumentId', ParseUUIDPipe) documentId: string,
  ): Promise<StreamableFile> {
    return documentDownload(await this.documents.get(p, 'enterprise', id, eventId, documentId));
  }

  @Remove(ENTERPRISE)
  removeEnterpriseEventDocument(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('eventDocumentId', ParseUUIDPipe) documentId: string,
  ): Promise<void> {
    return this.documents.remove(p, 'enterprise', id, eventId, documentId);
  }

  @Attach(PARCEL)
  @ApiView('AttachedDocument')
  attachToParcelEvent(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @UploadedFile() file: UploadedDocument | undefined,
  ): Promise<AttachedDocumentView> {
    return this.documents.add(p, 'parcel', id, eventId, file);
  }

  @Download(PARCEL)
  async parcelEventDocument(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('eventDocumentId', ParseUUIDPipe) documentId: string,
  ): Promise<StreamableFile> {
    return documentDownload(await this.documents.get(p, 'parcel', id, eventId, documentId));
  }

  @Remove(PARCEL)
  removeParcelEventDocument(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('eventDocumentId', ParseUUIDPipe) documentId: string,
  ): Promise<void> {
    return this.documents.remove(p, 'parcel', id, eventId, documentId);
  }
}

import {
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
import { EVENT_DOCUMENT_KINDS, type AttachedDocumentView, type RecordEventSubject } from '@park/contracts';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ApiView } from '../openapi/api-view';
import {
  DocumentDownload,
  documentDownload,
  DocumentUpload,
  type UploadedDocument,
} from '../records-common/documents';
import { EventDocumentsService } from './event-documents.service';

/** The readers of the timelines (enterprises.controller.ts and parcels.controller.ts READERS). */
const READERS = ['admin', 'officer', 'operator', 'energy-manager'] as const;

/**
 * The routes of an event's documents, the same under both subjects: the subclasses below only say where they are
 * mounted and whose timeline it is. `:id` is the subject (enterprise or parcel), `:eventId` the event on it.
 */
abstract class EventDocumentsRoutes {
  protected abstract readonly subject: RecordEventSubject;

  constructor(private readonly documents: EventDocumentsService) {}

  @Roles('admin')
  @Post()
  @ApiOperation({
    summary:
      'Attach a document (PDF, JPEG, PNG, Word .docx or Excel .xlsx, at most 10 MB) to the event as multipart field "file"; audited',
    description:
      'The type is judged by the content, not the name: 400 INVALID_RECORD (field "file") for no file or another type; 413 over 10 MB.',
  })
  @DocumentUpload()
  @ApiView('AttachedDocument')
  add(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @UploadedFile() file: UploadedDocument | undefined,
  ): Promise<AttachedDocumentView> {
    return this.documents.add(p, this.subject, id, eventId, file);
  }

  @Roles(...READERS)
  @Get(':eventDocumentId')
  @ApiOperation({ summary: "Download one of the event's documents" })
  @DocumentDownload(EVENT_DOCUMENT_KINDS)
  async download(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('eventDocumentId', ParseUUIDPipe) documentId: string,
  ): Promise<StreamableFile> {
    return documentDownload(await this.documents.get(p, this.subject, id, eventId, documentId));
  }

  @Roles('admin')
  @Delete(':eventDocumentId')
  @HttpCode(204)
  @ApiOperation({ summary: "Remove one of the event's documents (the event stays); audited" })
  remove(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('eventId', ParseUUIDPipe) eventId: string,
    @Param('eventDocumentId', ParseUUIDPipe) documentId: string,
  ): Promise<void> {
    return this.documents.remove(p, this.subject, id, eventId, documentId);
  }
}

/** 一企一档 动态: the documents of an enterprise's timeline events. */
@ApiTags('enterprises 一企一档')
@ApiBearerAuth()
@Controller('api/enterprises/:id/events/:eventId/documents')
export class EnterpriseEventDocumentsController extends EventDocumentsRoutes {
  protected readonly subject = 'enterprise';

  // Its own constructor, so the class carries the parameter types Nest injects by.
  constructor(documents: EventDocumentsService) {
    super(documents);
  }
}

/** 一地一档 动态: the documents of a parcel's timeline events. */
@ApiTags('parcels 一地一档')
@ApiBearerAuth()
@Controller('api/parcels/:id/events/:eventId/documents')
export class ParcelEventDocumentsController extends EventDocumentsRoutes {
  protected readonly subject = 'parcel';

  // Its own constructor, so the class carries the parameter types Nest injects by.
  constructor(documents: EventDocumentsService) {
    super(documents);
  }
}

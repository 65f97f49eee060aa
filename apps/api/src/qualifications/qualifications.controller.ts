import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@park/auth';
import {
  QUALIFICATION_DOCUMENT_KINDS,
  type AttachedDocumentView,
  type QualificationView,
} from '@park/contracts';
import { CurrentPrincipal, Edits, Roles } from '../auth/auth.decorators';
import { ApiView } from '../openapi/api-view';
import {
  CreateQualificationDto,
  EnterpriseQualificationsQuery,
  QualificationListQuery,
  UpdateQualificationDto,
} from './qualification.dto';
import {
  DocumentDownload,
  documentDownload,
  DocumentUpload,
  type UploadedDocument,
} from '../records-common/documents';
import { QualificationsService } from './qualifications.service';

/** The readers of enterprise records (enterprises.controller.ts READERS); an energy manager sees their own. */
const READERS = ['admin', 'officer', 'operator', 'staff', 'energy-manager'] as const;

/** 资质认定 of one enterprise: its certificates and their documents. Writes: admin, as the enterprise's record. */
@ApiTags('qualifications 资质认定')
@ApiBearerAuth()
@Controller('api/enterprises/:id/qualifications')
export class EnterpriseQualificationsController {
  constructor(private readonly qualifications: QualificationsService) {}

  @Roles(...READERS)
  @Get()
  @ApiOperation({ summary: "An enterprise's certificates with their expiry state, soonest expiry first" })
  @ApiView('QualificationList')
  list(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: EnterpriseQualificationsQuery,
  ): Promise<QualificationView[]> {
    return this.qualifications.ofEnterprise(p, id, q.withinDays);
  }

  @Edits('qualifications')
  @Post()
  @ApiOperation({
    summary: 'Record a certificate (type, level, number, issue and expiry dates, note); audited',
    description:
      'Refused (400 INVALID_RECORD naming the field) for an unknown type, a level the type cannot have, no number, an expiry date not after the issue date, or an expiry date on a listing.',
  })
  @ApiView('Qualification')
  create(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateQualificationDto,
  ): Promise<QualificationView> {
    return this.qualifications.create(p, id, body);
  }

  @Edits('qualifications')
  @Patch(':qualificationId')
  @ApiView('Qualification')
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('qualificationId', ParseUUIDPipe) qualificationId: string,
    @Body() body: UpdateQualificationDto,
  ): Promise<QualificationView> {
    return this.qualifications.update(p, id, qualificationId, body);
  }

  /** Soft delete: the record and its audit trail stay. */
  @Edits('qualifications')
  @Delete(':qualificationId')
  @HttpCode(204)
  remove(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('qualificationId', ParseUUIDPipe) qualificationId: string,
  ): Promise<void> {
    return this.qualifications.remove(p, id, qualificationId);
  }

  @Edits('qualifications')
  @Post(':qualificationId/documents')
  @ApiOperation({ summary: 'Attach a document (PDF, JPEG or PNG, at most 10 MB) as multipart field "file"' })
  @DocumentUpload()
  @ApiView('AttachedDocument')
  addDocument(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('qualificationId', ParseUUIDPipe) qualificationId: string,
    @UploadedFile() file: UploadedDocument | undefined,
  ): Promise<AttachedDocumentView> {
    return this.qualifications.addDocument(p, id, qualificationId, file);
  }

  @Roles(...READERS)
  @Get(':qualificationId/documents/:documentId')
  @ApiOperation({ summary: 'Download an attached document' })
  @DocumentDownload(QUALIFICATION_DOCUMENT_KINDS)
  async document(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('qualificationId', ParseUUIDPipe) qualificationId: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
  ): Promise<StreamableFile> {
    return documentDownload(await this.qualifications.document(p, id, qualificationId, documentId));
  }

  @Edits('qualifications')
  @Delete(':qualificationId/documents/:documentId')
  @HttpCode(204)
  removeDocument(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('qualificationId', ParseUUIDPipe) qualificationId: string,
    @Param('documentId', ParseUUIDPipe) documentId: string,
  ): Promise<void> {
    return this.qualifications.removeDocument(p, id, qualificationId, documentId);
  }
}

/** The park-wide list: 资质到期提醒 (`state=expiring`), the expired, or every certificate of a type. */
@ApiTags('qualifications 资质认定')
@ApiBearerAuth()
@Controller('api/qualifications')
export class QualificationsController {
  constructor(private readonly qualifications: QualificationsService) {}

  @Roles(...READERS)
  @Get()
  @ApiOperation({
    summary:
      'Certificates park-wide, soonest expiry first; filter by type and by state (expiring within withinDays, 90 by default; expired)',
    description: "An energy manager's list holds only their own enterprise's certificates.",
  })
  @ApiView('QualificationList')
  list(@CurrentPrincipal() p: Principal, @Query() q: QualificationListQuery): Promise<QualificationView[]> {
    return this.qualifications.list(p, q);
  }
}

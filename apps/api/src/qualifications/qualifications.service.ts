import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@park/clock';
import type { Principal } from '@park/auth';
import { enterpriseScope } from '@park/auth';
import {
  addCalendarDays,
  checkQualification,
  parkDate,
  qualificationState,
  QUALIFICATION_REMINDER_DAYS,
  type QualificationDocumentView,
  type QualificationInput,
  type QualificationView,
} from '@park/contracts';
import {
  EnterpriseRecords,
  QualificationRecords,
  RecordsError,
  type QualificationDocumentEntity,
  type QualificationFilter,
  type QualificationRecord,
} from '@park/records';
import { assertInScope } from '../records-common/actor';
import type {
  CreateQualificationDto,
  QualificationListQuery,
  UpdateQualificationDto,
} from './qualification.dto';

/** A document's limits: a scan or the recognition notice, as PDF, JPEG or PNG, at most 10 MB. */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
const DOCUMENT_TYPES: readonly { type: string; magic: readonly number[]; name: string }[] = [
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d], name: 'PDF' },
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], name: 'PNG' },
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff], name: 'JPEG' },
];

/** An uploaded file as multer hands it over (memory storage). */
export interface UploadedDocument {
  readonly originalname: string;
  readonly buffer: Buffer;
  readonly size: number;
}

/**
 * 资质认定 on behalf of a principal: everyone reads (an energy manager only their own enterprise's certificates);
 * admins — the role that writes the enterprise's record — write, every write audited under the enterprise.
 */
@Injectable()
export class QualificationsService {
  constructor(
    private readonly qualifications: QualificationRecords,
    private readonly enterprises: EnterpriseRecords,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The park-wide list (资质到期提醒 with `state: 'expiring'`), soonest expiry first. */
  async list(principal: Principal, query: QualificationListQuery): Promise<QualificationView[]> {
    const today = parkDate(this.clock.now());
    const within = query.withinDays ?? QUALIFICATION_REMINDER_DAYS;
    const filter: QualificationFilter = {
      enterpriseId: enterpriseScope(principal),
      types: query.type ? [query.type] : undefined,
      ...(query.state === 'expired' ? { expiresOnOrBefore: addCalendarDays(today, -1) } : {}),
      ...(query.state === 'expiring'
        ? { expiresOnOrAfter: today, expiresOnOrBefore: addCalendarDays(today, within) }
        : {}),
    };
    const found = await this.qualifications.list(filter);
    const views = found.map((r) => qualificationView(r, today, within));
    // "valid" also holds listings, which have no expiry date to filter on in SQL.
    return query.state === 'valid' ? views.filter((v) => v.state === 'valid') : views;
  }

  async ofEnterprise(
    principal: Principal,
    enterpriseId: string,
    withinDays?: number,
  ): Promise<QualificationView[]> {
    assertInScope(principal, 'enterprise', enterpriseId, enterpriseId);
    await this.enterprises.requireLive(enterpriseId);
    const today = parkDate(this.clock.now());
    const found = await this.qualifications.list({ enterpriseId });
    return found.map((r) => qualificationView(r, today, withinDays ?? QUALIFICATION_REMINDER_DAYS));
  }

  async create(
    principal: Principal,
    enterpriseId: string,
    dto: CreateQualificationDto,
  ): Promise<QualificationView> {
    await this.enterprises.requireLive(enterpriseId);
    const value = checked({
      type: dto.type,
      level: dto.level ?? null,
      certificateNo: dto.certificateNo,
      issuedOn: dto.issuedOn,
      expiresOn: dto.expiresOn ?? null,
    });
    const created = await this.qualifications.store.create(principal, {
      ...value,
      enterpriseId,
      note: dto.note ?? null,
    });
    return this.view(created.id);
  }

  async update(
    principal: Principal,
    enterpriseId: string,
    id: string,
    dto: UpdateQualificationDto,
  ): Promise<QualificationView> {
    const current = await this.owned(enterpriseId, id);
    const value = checked({
      type: dto.type ?? current.type,
      level: dto.level === undefined ? current.level : dto.level,
      certificateNo: dto.certificateNo ?? current.certificateNo,
      issuedOn: dto.issuedOn ?? current.issuedOn,
      expiresOn: dto.expiresOn === undefined ? current.expiresOn : dto.expiresOn,
    });
    await this.qualifications.store.update(principal, id, {
      ...value,
      ...(dto.note !== undefined ? { note: dto.note } : {}),
    });
    return this.view(id);
  }

  async remove(principal: Principal, enterpriseId: string, id: string): Promise<void> {
    await this.owned(enterpriseId, id);
    await this.qualifications.store.softDelete(principal, id);
  }

  async addDocument(
    principal: Principal,
    enterpriseId: string,
    id: string,
    file: UploadedDocument | undefined,
  ): Promise<QualificationDocumentView> {
    const qualification = await this.owned(enterpriseId, id);
    if (!file || file.size === 0)
      throw invalid(
        'file',
        'file: attach the document (PDF, JPEG or PNG, at most 10 MB) as form field "file"',
      );
    const kind = DOCUMENT_TYPES.find((t) => t.magic.every((byte, i) => file.buffer[i] === byte));
    if (!kind)
      throw invalid(
        'file',
        'file: only PDF, JPEG or PNG documents are accepted (仅接受 PDF、JPEG 或 PNG 文件)',
      );
    const filename =
      utf8Name(file.originalname)
        .replace(/[\\/\r\n"]/g, '_')
        .slice(0, 200) || `document.${kind.name.toLowerCase()}`;
    return documentView(
      await this.qualifications.addDocument(principal, qualification, {
        filename,
        contentType: kind.type,
        content: file.buffer,
      }),
    );
  }

  async document(
    principal: Principal,
    enterpriseId: string,
    id: string,
    documentId: string,
  ): Promise<QualificationDocumentEntity> {
    assertInScope(principal, 'enterprise', enterpriseId, enterpriseId);
    await this.owned(enterpriseId, id);
    return this.qualifications.document(id, documentId);
  }

  async removeDocument(
    principal: Principal,
    enterpriseId: string,
    id: string,
    documentId: string,
  ): Promise<void> {
    await this.owned(enterpriseId, id);
    await this.qualifications.removeDocument(principal, id, documentId);
  }

  /** The qualification, if it is a live one of that live enterprise (else 404, as a missing one). */
  private async owned(enterpriseId: string, id: string) {
    await this.enterprises.requireLive(enterpriseId);
    const found = await this.qualifications.store.find(id);
    if (!found || found.enterpriseId !== enterpriseId)
      throw new RecordsError('RECORD_NOT_FOUND', `qualification ${id} not found`, {
        entity: 'qualification',
        id,
      });
    return found;
  }

  private async view(id: string): Promise<QualificationView> {
    return qualificationView(
      await this.qualifications.get(id),
      parkDate(this.clock.now()),
      QUALIFICATION_REMINDER_DAYS,
    );
  }
}

/**
 * The file's name as sent. Busboy (under multer) reads a multipart filename as Latin-1, so a UTF-8 name arrives
 * as its bytes one character each; read those bytes back as UTF-8 when they are valid UTF-8.
 */
function utf8Name(name: string): string {
  if ([...name].some((c) => c.charCodeAt(0) > 0xff)) return name;
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? name : decoded;
}

function checked(input: QualificationInput): QualificationInput {
  const result = checkQualification(input);
  if (!result.ok)
    throw invalid(
      result.problem.field,
      `${result.problem.field}: ${result.problem.reason}`,
      result.problem.code,
    );
  return result.value;
}

function invalid(field: string, message: string, problem?: string): RecordsError {
  return new RecordsError('INVALID_RECORD', message, { field, ...(problem ? { problem } : {}) });
}

export function qualificationView(
  r: QualificationRecord,
  today: string,
  withinDays: number,
): QualificationView {
  const q = r.qualification;
  return {
    id: q.id,
    enterpriseId: q.enterpriseId,
    enterpriseName: r.enterpriseName,
    type: q.type,
    level: q.level,
    certificateNo: q.certificateNo,
    issuedOn: q.issuedOn,
    expiresOn: q.expiresOn,
    note: q.note,
    ...qualificationState(q.expiresOn, today, withinDays),
    documents: r.documents.map(documentView),
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
  };
}

function documentView(d: Omit<QualificationDocumentEntity, 'content'>): QualificationDocumentView {
  return {
    id: d.id,
    filename: d.filename,
    contentType: d.contentType,
    size: d.size,
    uploadedBy: d.uploadedBy,
    uploadedAt: d.uploadedAt.toISOString(),
  };
}

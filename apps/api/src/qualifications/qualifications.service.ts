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
  QUALIFICATION_DOCUMENT_KINDS,
  type AttachedDocumentView,
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
import { acceptDocument, attachedDocumentView, type UploadedDocument } from '../records-common/documents';
import type {
  CreateQualificationDto,
  QualificationListQuery,
  UpdateQualificationDto,
} from './qualification.dto';

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
  ): Promise<AttachedDocumentView> {
    const qualification = await this.owned(enterpriseId, id);
    return attachedDocumentView(
      await this.qualifications.addDocument(
        principal,
        qualification,
        acceptDocument(file, QUALIFICATION_DOCUMENT_KINDS),
      ),
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
    documents: r.documents.map(attachedDocumentView),
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
  };
}

/**
 * 资质认定 over the API: an enterprise's certificates (GET for every records reader, an energy manager their own;
 * writes admin only), the park-wide list with its expiry filter, and the documents' upload and download, which
 * are multipart and binary and so go through fetch with the session's token.
 */
import { apiClient, type ApiCall, type ApiSchemas } from '../api/api-client';
import { sessionRequest } from '../api/http';
import { DocumentFiles, type AttachedDocument } from './document-files';

export type Qualification = ApiSchemas['QualificationView'];
export type QualificationDocument = AttachedDocument;
export type QualificationType = ApiSchemas['QualificationType'];
export type QualificationLevel = ApiSchemas['QualificationLevel'];
export type NewQualification = ApiSchemas['CreateQualificationDto'];
export type QualificationUpdate = ApiSchemas['UpdateQualificationDto'];
export type QualificationStateFilter = 'expiring' | 'expired' | 'valid';

export class QualificationsApi {
  private readonly call: ApiCall;
  private readonly files: DocumentFiles;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
    this.files = new DocumentFiles(token, onUnauthorized);
  }

  ofEnterprise(enterpriseId: string, signal?: AbortSignal): Promise<Qualification[]> {
    return this.call('GET', '/api/enterprises/{id}/qualifications', { path: { id: enterpriseId }, signal });
  }

  park(
    filter: { state?: QualificationStateFilter; type?: QualificationType },
    signal?: AbortSignal,
  ): Promise<Qualification[]> {
    return this.call('GET', '/api/qualifications', { query: filter, signal });
  }

  create(enterpriseId: string, body: NewQualification): Promise<Qualification> {
    return this.call('POST', '/api/enterprises/{id}/qualifications', { path: { id: enterpriseId }, body });
  }

  update(enterpriseId: string, id: string, body: QualificationUpdate): Promise<Qualification> {
    return this.call('PATCH', '/api/enterprises/{id}/qualifications/{qualificationId}', {
      path: { id: enterpriseId, qualificationId: id },
      body,
    });
  }

  remove(enterpriseId: string, id: string): Promise<void> {
    return this.call('DELETE', '/api/enterprises/{id}/qualifications/{qualificationId}', {
      path: { id: enterpriseId, qualificationId: id },
    });
  }

  upload(q: Qualification, file: File): Promise<QualificationDocument> {
    return this.files.upload(this.documentsPath(q), file);
  }

  /** Downloads the document as a file of its own name. */
  save(q: Qualification, document: QualificationDocument): Promise<void> {
    return this.files.save(this.documentsPath(q), document);
  }

  private documentsPath(q: Qualification): string {
    return `/api/enterprises/${encodeURIComponent(q.enterpriseId)}/qualifications/${encodeURIComponent(q.id)}/documents`;
  }
}

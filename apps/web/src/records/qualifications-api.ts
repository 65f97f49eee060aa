/**
 * 资质认定 over the API: an enterprise's certificates (GET for every records reader, an energy manager their own;
 * writes admin only), the park-wide list with its expiry filter, and the documents' upload and download, which
 * are multipart and binary and so go through fetch with the session's token.
 */
import { apiClient, type ApiCall, type ApiSchemas } from '../api/api-client';
import { ApiError, sessionRequest } from '../api/http';

export type Qualification = ApiSchemas['QualificationView'];
export type QualificationDocument = ApiSchemas['AttachedDocumentView'];
export type QualificationType = ApiSchemas['QualificationType'];
export type QualificationLevel = ApiSchemas['QualificationLevel'];
export type NewQualification = ApiSchemas['CreateQualificationDto'];
export type QualificationUpdate = ApiSchemas['UpdateQualificationDto'];
export type QualificationStateFilter = 'expiring' | 'expired' | 'valid';

export class QualificationsApi {
  private readonly call: ApiCall;

  constructor(
    private readonly token: string,
    private readonly onUnauthorized: () => void,
  ) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
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

  async upload(q: Qualification, file: File): Promise<QualificationDocument> {
    const form = new FormData();
    form.append('file', file, file.name);
    const response = await this.fetch(this.documentsPath(q), { method: 'POST', body: form });
    const body = (await response.json().catch(() => null)) as
      (QualificationDocument & { code?: string; message?: unknown }) | null;
    if (response.ok && body) return body;
    const message = Array.isArray(body?.message)
      ? body.message.join('; ')
      : typeof body?.message === 'string'
        ? body.message
        : response.statusText;
    throw new ApiError(response.status, body?.code ?? null, message);
  }

  async download(q: Qualification, document: QualificationDocument): Promise<Blob> {
    const response = await this.fetch(`${this.documentsPath(q)}/${encodeURIComponent(document.id)}`, {
      method: 'GET',
    });
    if (!response.ok) throw new ApiError(response.status, null, response.statusText);
    return response.blob();
  }

  private documentsPath(q: Qualification): string {
    return `/api/enterprises/${encodeURIComponent(q.enterpriseId)}/qualifications/${encodeURIComponent(q.id)}/documents`;
  }

  private async fetch(path: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(path, { ...init, headers: { authorization: `Bearer ${this.token}` } });
    } catch (error) {
      throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
    }
    if (response.status === 401) {
      this.onUnauthorized();
      throw new ApiError(401, null, response.statusText);
    }
    return response;
  }
}

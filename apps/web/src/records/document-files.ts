/**
 * Attached documents in the browser, for every record that has them (资质证书, 动态事件): upload (multipart field
 * "file"), download to a file, delete, and how a document is described (its size in KB or MB) and offered (the
 * file picker's types, the size checked before sending). The limits are the API's own, from @park/contracts.
 * Multipart and binary bodies go through fetch with the session's token; a 401 calls `onUnauthorized`.
 */
import {
  ATTACHED_DOCUMENT_KINDS,
  ATTACHED_DOCUMENT_MAX_BYTES,
  type AttachedDocumentKind,
} from '@park/contracts';
import type { ApiSchemas } from '../api/api-client';
import { ApiError } from '../api/http';
import { formatNumber } from '../i18n/format';
import type { Language } from '../i18n/messages';

export type AttachedDocument = ApiSchemas['AttachedDocumentView'];

export class DocumentFiles {
  constructor(
    private readonly token: string,
    private readonly onUnauthorized: () => void,
  ) {}

  /** POSTs the file to a documents collection (e.g. …/events/{eventId}/documents). */
  async upload(collection: string, file: File): Promise<AttachedDocument> {
    const form = new FormData();
    form.append('file', file, file.name);
    const response = await this.fetch(collection, { method: 'POST', body: form });
    const body = (await response.json().catch(() => null)) as
      (AttachedDocument & { code?: string; message?: unknown }) | null;
    if (response.ok && body) return body;
    const message = Array.isArray(body?.message)
      ? body.message.join('; ')
      : typeof body?.message === 'string'
        ? body.message
        : response.statusText;
    throw new ApiError(response.status, body?.code ?? null, message);
  }

  async download(collection: string, document: AttachedDocument): Promise<Blob> {
    const response = await this.fetch(`${collection}/${encodeURIComponent(document.id)}`, { method: 'GET' });
    if (!response.ok) throw new ApiError(response.status, null, response.statusText);
    return response.blob();
  }

  async remove(collection: string, document: AttachedDocument): Promise<void> {
    const response = await this.fetch(`${collection}/${encodeURIComponent(document.id)}`, {
      method: 'DELETE',
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
      throw new ApiError(response.status, body?.code ?? null, body?.message ?? response.statusText);
    }
  }

  /** Downloads the document and hands it to the browser as a file of its own name. */
  async save(collection: string, document: AttachedDocument): Promise<void> {
    const url = URL.createObjectURL(await this.download(collection, document));
    const anchor = window.document.createElement('a');
    anchor.href = url;
    anchor.download = document.filename;
    anchor.click();
    URL.revokeObjectURL(url);
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

/** The file picker's `accept`: the content types and extensions of the kinds the API takes. */
export function documentAccept(kinds: readonly AttachedDocumentKind[]): string {
  return kinds
    .flatMap((k) => [ATTACHED_DOCUMENT_KINDS[k].contentType, ATTACHED_DOCUMENT_KINDS[k].extension])
    .join(',');
}

/** Whether the API would refuse the file for its size (checked before sending 10 MB for nothing). */
export function documentTooLarge(file: File): boolean {
  return file.size > ATTACHED_DOCUMENT_MAX_BYTES;
}

/** "12 KB" below a megabyte (at least 1 KB), else "1.5 MB". */
export function documentSize(bytes: number, language: Language): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)), language)} KB`;
  return `${formatNumber(bytes / 1024 / 1024, language, 1)} MB`;
}

/**
 * The spreadsheet import and export routes of the API (apps/api/src/imports/imports.controller.ts, admin): a CSV or
 * XLSX checked without importing (`dryRun=true`: every bad row reported, the good ones counted), imported with its
 * valid rows (`importValidRows=true`), and the records exported in the same columns — the template to fill in.
 * A refused file (422 IMPORT_HAS_ERRORS, e.g. a missing column) still carries its report, typed by the API's
 * OpenAPI document. 401 → `onUnauthorized`.
 */
import type { ImportKind } from '@park/contracts';
import type { ApiSchemas } from '../api/api-client';
import { ApiError } from '../api/http';

export { IMPORT_KINDS, type ImportKind } from '@park/contracts';
/** A bad row: its line, the column (null: the whole row) and why. */
export type RowError = ApiSchemas['RowError'];
/** What an import (or its dry run) found: rows read, created, updated, unchanged, skipped, and each bad row. */
export type ImportReport = ApiSchemas['ImportReport'];

export type ImportMode = 'check' | 'commit';

/** A file the API refused as a whole (422), with the report it gave. */
export class ImportRefused extends Error {
  constructor(
    message: string,
    readonly report: ImportReport,
  ) {
    super(message);
    this.name = 'ImportRefused';
  }
}

export class ImportsApi {
  constructor(
    private readonly token: string,
    private readonly onUnauthorized: () => void,
  ) {}

  async upload(kind: ImportKind, file: File, mode: ImportMode): Promise<ImportReport> {
    const form = new FormData();
    form.append('file', file, file.name);
    const query = mode === 'check' ? 'dryRun=true' : 'importValidRows=true';
    const response = await this.fetch(`/api/imports/${kind}?${query}`, { method: 'POST', body: form });
    const body = (await response.json().catch(() => null)) as
      (ImportReport & { code?: string; message?: unknown; report?: ImportReport }) | null;
    if (response.ok && body) return body;
    const message = typeof body?.message === 'string' ? body.message : response.statusText;
    if (response.status === 422 && body?.report) throw new ImportRefused(message, body.report);
    throw new ApiError(
      response.status,
      body?.code ?? null,
      Array.isArray(body?.message) ? body.message.join('; ') : message,
    );
  }

  /** The records of a kind as a spreadsheet (Chinese headers): a filled-in template. */
  async exportFile(kind: ImportKind, format: 'csv' | 'xlsx'): Promise<Blob> {
    const response = await this.fetch(`/api/exports/${kind}?format=${format}`, { method: 'GET' });
    if (!response.ok) throw new ApiError(response.status, null, response.statusText);
    return response.blob();
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

import {
  applyDecorators,
  PayloadTooLargeException,
  StreamableFile,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import {
  ATTACHED_DOCUMENT_KINDS,
  ATTACHED_DOCUMENT_MAX_BYTES,
  type AttachedDocumentKind,
  type AttachedDocumentView,
} from '@park/contracts';
import { RecordsError, type DocumentFile, type StoredDocument } from '@park/records';
import { catchError, type Observable } from 'rxjs';
import { RequestBodyError } from '../http/request-body';

/**
 * Attached documents over HTTP, for every record that has them (资质证书, 动态事件): the upload's limits, what a
 * file is judged to be (by its content, never its name or the type the browser claims), its name cleaned, the
 * download's headers, the metadata view. The bytes live in the records (libs/records AttachedDocuments).
 */

/** An uploaded file as multer hands it over (memory storage). */
export interface UploadedDocument {
  readonly originalname: string;
  readonly buffer: Buffer;
  readonly size: number;
}

const MAX_MB = ATTACHED_DOCUMENT_MAX_BYTES / 1024 / 1024;

const MAGIC: Record<AttachedDocumentKind, (b: Buffer) => boolean> = {
  pdf: (b) => startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d]), // %PDF-
  png: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  jpeg: (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  // Office Open XML (ECMA-376 part 2): a ZIP whose parts include [Content_Types].xml, and the main part of a
  // document (word/document.xml) or a workbook (xl/workbook.xml). Part names are stored uncompressed in the
  // ZIP's headers, so finding them needs no unzipping; a renamed .zip or .jar has neither.
  docx: (b) => isOfficeZip(b, 'word/document.xml'),
  xlsx: (b) => isOfficeZip(b, 'xl/workbook.xml'),
};

function startsWith(b: Buffer, magic: readonly number[]): boolean {
  return magic.every((byte, i) => b[i] === byte);
}

function isOfficeZip(b: Buffer, mainPart: string): boolean {
  return startsWith(b, [0x50, 0x4b, 0x03, 0x04]) && b.includes('[Content_Types].xml') && b.includes(mainPart);
}

/** What the content says the file is, among the kinds accepted; undefined when it is none of them. */
export function sniffDocument(
  content: Buffer,
  kinds: readonly AttachedDocumentKind[],
): AttachedDocumentKind | undefined {
  return kinds.find((k) => MAGIC[k](content));
}

/** "PDF, JPEG or PNG" and "PDF、JPEG 或 PNG". */
function listed(kinds: readonly AttachedDocumentKind[]): { en: string; zh: string } {
  const labels = kinds.map((k) => ATTACHED_DOCUMENT_KINDS[k].label);
  const head = labels.slice(0, -1);
  const last = labels[labels.length - 1];
  return {
    en: head.length ? `${head.join(', ')} or ${last}` : last,
    zh: head.length ? `${head.join('、')} 或 ${last}` : last,
  };
}

/**
 * The upload checked: a file is there, its content is one of the kinds accepted, its name is clean. Refused with
 * 400 INVALID_RECORD (field "file") otherwise; the size limit is multer's (DocumentUpload), answered 413.
 */
export function acceptDocument(
  file: UploadedDocument | undefined,
  kinds: readonly AttachedDocumentKind[],
): DocumentFile {
  const names = listed(kinds);
  if (!file || file.size === 0)
    throw invalidFile(`file: attach the document (${names.en}, at most ${MAX_MB} MB) as form field "file"`);
  const kind = sniffDocument(file.buffer, kinds);
  if (!kind) throw invalidFile(`file: only ${names.en} documents are accepted (仅接受 ${names.zh} 文件)`);
  const { contentType, extension } = ATTACHED_DOCUMENT_KINDS[kind];
  return {
    filename: cleanFilename(file.originalname) || `document${extension}`,
    contentType,
    content: file.buffer,
  };
}

function invalidFile(message: string): RecordsError {
  return new RecordsError('INVALID_RECORD', message, { field: 'file' });
}

/** The name as sent, read as UTF-8, without path separators, line breaks or quotes, at most 200 characters. */
export function cleanFilename(name: string): string {
  return utf8Name(name)
    .replace(/[\\/\r\n"]/g, '_')
    .slice(0, 200);
}

/**
 * Busboy (under multer) reads a multipart filename as Latin-1, so a UTF-8 name arrives as its bytes one character
 * each; read those bytes back as UTF-8 when they are valid UTF-8.
 */
function utf8Name(name: string): string {
  if ([...name].some((c) => c.charCodeAt(0) > 0xff)) return name;
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? name : decoded;
}

/** The download: the stored type, and the name both as ASCII and as RFC 5987 UTF-8 for browsers that read it. */
export function documentDownload(doc: StoredDocument): StreamableFile {
  const ascii = doc.filename.replace(/[^\x20-\x7e]/g, '_');
  return new StreamableFile(doc.content, {
    type: doc.contentType,
    length: doc.size,
    disposition: `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(doc.filename)}`,
  });
}

export function attachedDocumentView(d: Omit<StoredDocument, 'content'>): AttachedDocumentView {
  return {
    id: d.id,
    filename: d.filename,
    contentType: d.contentType,
    size: d.size,
    uploadedBy: d.uploadedBy,
    uploadedAt: d.uploadedAt.toISOString(),
  };
}

/** Multer's "File too large" (a bare PayloadTooLargeException) becomes a 413 that says what the limit is. */
class DocumentTooLarge implements NestInterceptor {
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        throw error instanceof PayloadTooLargeException
          ? new RequestBodyError(
              'PAYLOAD_TOO_LARGE',
              `file: a document may be at most ${MAX_MB} MB (文件不得超过 ${MAX_MB} MB)`,
            )
          : error;
      }),
    );
  }
}

/** An upload route: one file, multipart field "file", at most ATTACHED_DOCUMENT_MAX_BYTES; documented so. */
export function DocumentUpload(): MethodDecorator {
  return applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } }),
    // DocumentTooLarge first, so it sees what FileInterceptor throws.
    UseInterceptors(
      DocumentTooLarge,
      FileInterceptor('file', { limits: { fileSize: ATTACHED_DOCUMENT_MAX_BYTES, files: 1 } }),
    ),
  );
}

/** A download route: the document's bytes in one of the accepted types. */
export function DocumentDownload(kinds: readonly AttachedDocumentKind[]): MethodDecorator {
  return applyDecorators(
    ApiProduces(...kinds.map((k) => ATTACHED_DOCUMENT_KINDS[k].contentType)),
    ApiOkResponse({ description: 'the document', schema: { type: 'string', format: 'binary' } }),
  );
}

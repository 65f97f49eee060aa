/**
 * Documents attached to a record (a certificate's scans, an event's contracts): what the API sends about them and
 * what it accepts, so the web app states the same limits the API enforces.
 */

/** An attached document: its metadata; the bytes are downloaded separately. */
export interface AttachedDocumentView {
  readonly id: string;
  readonly filename: string;
  readonly contentType: string;
  /** Bytes. */
  readonly size: number;
  readonly uploadedBy: string;
  readonly uploadedAt: string;
}

/** The largest document the API accepts: 10 MB. */
export const ATTACHED_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/** The kinds of document the API can recognise by their content (apps/api/src/records-common/documents.ts). */
export const ATTACHED_DOCUMENT_KINDS = {
  pdf: { contentType: 'application/pdf', extension: '.pdf', label: 'PDF' },
  png: { contentType: 'image/png', extension: '.png', label: 'PNG' },
  jpeg: { contentType: 'image/jpeg', extension: '.jpg', label: 'JPEG' },
  docx: {
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: '.docx',
    label: 'Word (.docx)',
  },
  xlsx: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: '.xlsx',
    label: 'Excel (.xlsx)',
  },
} as const;
export type AttachedDocumentKind = keyof typeof ATTACHED_DOCUMENT_KINDS;

/** A certificate's documents: scans and notices. */
export const QUALIFICATION_DOCUMENT_KINDS: readonly AttachedDocumentKind[] = ['pdf', 'jpeg', 'png'];
/** An event's documents: also the Word and Excel files agreements and share registers often are. */
export const EVENT_DOCUMENT_KINDS: readonly AttachedDocumentKind[] = ['pdf', 'jpeg', 'png', 'docx', 'xlsx'];

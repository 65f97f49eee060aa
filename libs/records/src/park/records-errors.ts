/** Errors of the 一企一档 records, with codes; the API's exception filter maps each code to an HTTP status. */
export const RECORDS_ERROR_CODES = [
  'RECORD_NOT_FOUND',
  'RECORD_CONFLICT',
  'INVALID_RECORD',
  'ADMISSION_PROHIBITED',
  'ADMISSION_OVERRIDE_REQUIRED',
  'IMPORT_HAS_ERRORS',
  /** A project's stage moved other than one step forward (签约 → 开工 → 竣工 → 达产). */
  'PROJECT_STAGE_ORDER',
] as const;
export type RecordsErrorCode = (typeof RECORDS_ERROR_CODES)[number];

export class RecordsError extends Error {
  constructor(
    readonly code: RecordsErrorCode,
    message: string,
    /** Extra machine-readable detail for the client (e.g. the import's row errors, the refused industry). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'RecordsError';
  }
}

export const notFound = (what: string, id: string) =>
  new RecordsError('RECORD_NOT_FOUND', `${what} ${id} not found`, { entity: what, id });

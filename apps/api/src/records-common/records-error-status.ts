import { RecordsError, type RecordsErrorCode } from '@park/records';

const STATUS: Record<RecordsErrorCode, number> = {
  RECORD_NOT_FOUND: 404,
  RECORD_CONFLICT: 409,
  INVALID_RECORD: 400,
  ADMISSION_PROHIBITED: 422,
  ADMISSION_OVERRIDE_REQUIRED: 422,
  IMPORT_HAS_ERRORS: 422,
  PROJECT_STAGE_ORDER: 409,
};

/** The HTTP answer for a records error (used by DomainExceptionFilter), or null for any other error. */
export function recordsErrorResponse(error: unknown): [number, Record<string, unknown>] | null {
  if (!(error instanceof RecordsError)) return null;
  return [STATUS[error.code], { code: error.code, message: error.message, ...error.details }];
}

import { ALERT_LINK_ERROR_CODES } from '@park/contracts';

/** API-level domain errors with codes; DomainExceptionFilter maps them (and the libs' errors) to HTTP. */
export const API_ERROR_CODES = [
  'INVALID_CREDENTIALS',
  'TOO_MANY_ATTEMPTS',
  'INVALID_DISPLAY_TOKEN',
  'DISPLAY_TOKEN_NOT_FOUND',
  // The exchange's inbound route (apps/api/src/exchange): a missing, malformed, unknown or revoked key alike.
  'INVALID_SOURCE_KEY',
  // The signed alert links (apps/api/src/alert-links; @park/contracts ALERT_LINK_ERROR_CODES says each).
  ...ALERT_LINK_ERROR_CODES,
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export class ApiDomainError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiDomainError';
  }
}

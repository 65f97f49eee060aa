/** Telemetry-series errors with codes; DomainExceptionFilter maps them to HTTP (INVALID_SERIES_QUERY → 400). */
export const TELEMETRY_ERROR_CODES = ['INVALID_SERIES_QUERY'] as const;
export type TelemetryErrorCode = (typeof TELEMETRY_ERROR_CODES)[number];

export class TelemetryQueryError extends Error {
  constructor(
    readonly code: TelemetryErrorCode,
    /** The query parameter at fault, so a client can point at it. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'TelemetryQueryError';
  }
}

/** Alarm statistics errors with codes; DomainExceptionFilter maps them to HTTP (INVALID_ALERT_WINDOW → 400). */
export const ALERT_STATS_ERROR_CODES = ['INVALID_ALERT_WINDOW'] as const;
export type AlertStatsErrorCode = (typeof ALERT_STATS_ERROR_CODES)[number];

export class AlertStatsQueryError extends Error {
  constructor(
    readonly code: AlertStatsErrorCode,
    /** The query parameter at fault, so a client can point at it. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'AlertStatsQueryError';
  }
}

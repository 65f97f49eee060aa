/** Energy-summary errors with codes; DomainExceptionFilter maps them to HTTP (INVALID_ENERGY_QUERY → 400). */
export const ENERGY_ERROR_CODES = ['INVALID_ENERGY_QUERY'] as const;
export type EnergyErrorCode = (typeof ENERGY_ERROR_CODES)[number];

export class EnergyQueryError extends Error {
  constructor(
    readonly code: EnergyErrorCode,
    /** The query parameter at fault, so a client can point at it. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'EnergyQueryError';
  }
}

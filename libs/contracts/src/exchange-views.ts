import type { ExchangeMetric, SourceKind } from './exchange';

/**
 * What the exchange's HTTP API speaks (docs/data-exchange.md). Source administration lives under
 * `/api/exchange/sources` (edit area `exchange`); source systems send figures to `POST /api/exchange/v1/figures`
 * with their key (`Authorization: Bearer <key>`).
 */

/** A source system as its administrators see it: never its key, only the key's public prefix. */
export interface ExchangeSourceView {
  readonly id: string;
  readonly name: string;
  readonly kind: SourceKind;
  readonly scopes: readonly ExchangeMetric[];
  readonly keyPrefix: string;
  readonly rateLimitPerMinute: number;
  readonly dropFolder: string | null;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
  readonly demo: boolean;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** Creating a source or issuing it a new key: the key is in this answer once and never again. */
export interface IssuedSourceKey {
  readonly source: ExchangeSourceView;
  readonly key: string;
}

/** One row a source sends: an enterprise by its 统一社会信用代码, a metric, a period and a value in the metric's unit. */
export interface ExchangeRowInput {
  readonly uscc: string;
  readonly metric: string;
  /** `2026`, `2026-Q1` or `2026-03` (parsePeriod). */
  readonly period: string;
  readonly value: number | string;
}

export interface ExchangeUploadRequest {
  readonly rows: readonly ExchangeRowInput[];
  /** Validate and report row by row, store nothing. */
  readonly dryRun?: boolean;
  /** The sender's own reference for the batch (file name, message id), kept with the batch. */
  readonly reference?: string;
}

export type ExchangeRowStatus = 'stored' | 'changed' | 'unchanged' | 'rejected';

/** What happened to one row (1-based, in the order sent). In a dry run, `stored`/`changed` say what would happen. */
export interface ExchangeRowResult {
  readonly row: number;
  readonly status: ExchangeRowStatus;
  /** For a rejected row: the field at fault and why, in words. */
  readonly field?: string;
  readonly code?: string;
  readonly message?: string;
  /** For a changed row: the value stored before. */
  readonly previous?: number;
}

export interface ExchangeUploadReport {
  readonly batchId: string;
  readonly dryRun: boolean;
  readonly rows: number;
  readonly stored: number;
  readonly changed: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly results: readonly ExchangeRowResult[];
}

/** A past upload, for the exchange page's history. `problems` holds the rejected rows (first 1,000). */
export interface ExchangeBatchView {
  readonly id: string;
  readonly sourceId: string;
  readonly sourceName: string;
  readonly via: 'api' | 'drop-folder';
  readonly reference: string | null;
  readonly dryRun: boolean;
  readonly rows: number;
  readonly stored: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly problems: readonly ExchangeRowResult[];
  readonly receivedAt: string;
}

/**
 * Why a row was refused (ExchangeRowResult.code), in field order: the first problem of a row is reported.
 * docs/data-exchange.md, "Error codes".
 */
export const EXCHANGE_ROW_CODES = [
  /** Not an object / a CSV line with too few cells. */
  'INVALID_ROW',
  /** uscc missing or not a valid 统一社会信用代码 (length, characters, check character). */
  'INVALID_USCC',
  /** A valid code no live enterprise of the park has. */
  'UNKNOWN_ENTERPRISE',
  /** metric missing or not one of EXCHANGE_METRICS. */
  'UNKNOWN_METRIC',
  /** A metric the source's key may not write. */
  'OUT_OF_SCOPE',
  /** period is not `2026`, `2026-Q1` or `2026-03` (years 2000–2100). */
  'INVALID_PERIOD',
  /** value missing or not a finite number. */
  'INVALID_VALUE',
  'NEGATIVE_VALUE',
  /** insured-employees with a fraction. */
  'NOT_AN_INTEGER',
  /** The same enterprise, metric and period as an earlier row of the batch: the earlier one counts. */
  'DUPLICATE_ROW',
] as const;
export type ExchangeRowCode = (typeof EXCHANGE_ROW_CODES)[number];

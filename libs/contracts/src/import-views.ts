import type { DeviceCredentials } from './admin-views';

/**
 * The spreadsheet imports (POST /api/imports/:kind, apps/api/src/imports): the kinds of records a CSV or XLSX
 * file can hold, and the report of what an import (or its dry run) found.
 */

/** What a spreadsheet can import (and GET /api/exports/:kind writes, as the template to fill in). */
export const IMPORT_KINDS = [
  'enterprises',
  'indicators',
  'parcels',
  'carriers',
  'qualifications',
  'devices',
] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** A bad row: its line, the column and why. */
export interface RowError {
  readonly line: number;
  /** The column's header as written in the file (or the field name when the column is missing). */
  readonly column: string | null;
  readonly reason: string;
}

export interface ImportReport {
  readonly kind: ImportKind;
  readonly rows: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Rows with errors, not imported (only when importing the valid rows was asked for). */
  readonly skipped: number;
  readonly errors: RowError[];
  /**
   * Devices only: the MQTT credentials of the devices this import created, in this answer and never again (the
   * records keep only a hash). Absent on a dry run, for the other kinds, and for devices that already existed
   * (their credential is left as it was).
   */
  readonly credentials?: DeviceCredentials[];
}

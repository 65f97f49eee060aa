/**
 * What a report looks like once computed, independent of its file format: a title, a few headline facts and
 * tables whose columns carry their units. Every report builder ends in one of these; the XLSX and PDF renderers
 * draw any of them, so the two files of one report always hold the same numbers.
 */
export type Cell = string | number | null;

export interface ReportColumn {
  readonly header: string;
  /** Shown under the header, e.g. mg/m³, kWh, %; absent for text columns. */
  readonly unit?: string;
  /** Decimal places a number is shown with (the XLSX cell keeps the full value, formatted to this). */
  readonly digits?: number;
}

export interface ReportTable {
  readonly title: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly (readonly Cell[])[];
  /** Shown in place of the table when it has no rows. */
  readonly empty?: string;
}

export interface ReportFact {
  readonly label: string;
  readonly value: string;
}

export interface ReportDocument {
  /** The file name without extension, ASCII only (it goes into a Content-Disposition header). */
  readonly fileStem: string;
  readonly title: string;
  /** Scope and period in words, e.g. 某某化工 1号锅炉排口 · 2026年11月. */
  readonly subtitle: string;
  readonly facts: readonly ReportFact[];
  readonly tables: readonly ReportTable[];
  /** Definitions and the standards they follow, printed under the tables. */
  readonly notes: readonly string[];
}

/** A number shown to fixed decimals, or — for a missing one. */
export function formatCell(value: Cell, column: ReportColumn): string {
  if (value === null) return '—';
  if (typeof value === 'string') return value;
  return column.digits === undefined ? String(value) : value.toFixed(column.digits);
}

/** A column header with its unit on a second line, as both renderers print it. */
export function headerText(column: ReportColumn): string {
  return column.unit ? `${column.header}\n(${column.unit})` : column.header;
}

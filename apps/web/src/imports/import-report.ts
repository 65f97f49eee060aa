/**
 * The import page's report as pure functions (no DOM): the API's row errors as table rows (line, column, the
 * cell's value read from the uploaded CSV, the reason — the API's common reasons in the interface language, the
 * rest as the API wrote them) and the outcome counts. Unit-tested in import-report.spec.ts.
 */
import { CsvReadError, parseCsv, type CsvRow } from '@park/csv';
import type { Translate } from '../api/error-text';
import type { ImportReport } from './imports-api';

/**
 * The uploaded CSV's rows as the API reads them — the one reader of @park/csv, on the same bytes — so a report's
 * line finds its cells; null for a file that reader cannot read (the API's answer then says why).
 */
export function readCsv(bytes: Uint8Array): CsvRow[] | null {
  try {
    return parseCsv(bytes);
  } catch (error) {
    if (error instanceof CsvReadError) return null;
    throw error;
  }
}

/** The cell a report points at: the row starting on `line`, under the header `column` (first row). */
export function cellValue(
  rows: readonly CsvRow[] | null,
  line: number,
  column: string | null,
): string | null {
  if (!rows || rows.length === 0 || column === null) return null;
  const index = rows[0].cells.findIndex((h) => h.trim() === column);
  const row = rows.find((r) => r.line === line);
  if (index < 0 || !row || row === rows[0]) return null;
  return (row.cells[index] ?? '').trim();
}

/** The API's common reasons in the interface language; any other reason is shown as the API wrote it. */
export function reasonText(reason: string, t: Translate): string {
  let m: RegExpExecArray | null;
  if (reason === 'required column is missing') return t('imports.reason.missingColumn');
  if ((m = /^duplicate of line (\d+)$/.exec(reason)))
    return t('imports.reason.duplicate', { line: Number(m[1]) });
  if ((m = /^"(.*)" is not a number$/.exec(reason))) return t('imports.reason.number', { value: m[1] });
  if ((m = /^"(.*)" is not a whole number$/.exec(reason)))
    return t('imports.reason.integer', { value: m[1] });
  if ((m = /^"(.*)" is not 是\/否$/.exec(reason))) return t('imports.reason.boolean', { value: m[1] });
  if ((m = /^unknown column for \w+; expected one of: (.*)$/.exec(reason)))
    return t('imports.reason.unknownColumn', { columns: m[1] });
  if ((m = /^no enterprise with credit code (\S+?)(; import it first)?$/.exec(reason)))
    return t('imports.reason.noEnterprise', { code: m[1] });
  if ((m = /^no carrier with code (\S+)$/.exec(reason))) return t('imports.reason.noCarrier', { code: m[1] });
  if ((m = /^"(.*)" is not a device kind$/.exec(reason)))
    return t('imports.reason.deviceKind', { value: m[1] });
  if ((m = /^"(.*)" is not a meter role/.exec(reason))) return t('imports.reason.meterRole', { value: m[1] });
  if ((m = /^device (\S+) belongs to another enterprise/.exec(reason)))
    return t('imports.reason.deviceMoved', { id: m[1] });
  if ((m = /^device (\S+) is a \S+; its kind cannot change$/.exec(reason)))
    return t('imports.reason.deviceKindChanged', { id: m[1] });
  return reason;
}

export interface ReportRow {
  readonly key: string;
  readonly line: number;
  readonly column: string;
  readonly value: string;
  readonly reason: string;
}

/** Every problem, by line then in the API's order, with the cell's value when the file could be read here. */
export function reportRows(report: ImportReport, sheet: readonly CsvRow[] | null, t: Translate): ReportRow[] {
  return report.errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.line - b.e.line || a.i - b.i)
    .map(({ e, i }) => {
      const value = cellValue(sheet, e.line, e.column);
      return {
        key: `${e.line}-${i}`,
        line: e.line,
        column: e.column ?? '—',
        value: value === null ? '—' : value === '' ? t('imports.emptyCell') : value,
        reason: reasonText(e.reason, t),
      };
    });
}

/** The lines with at least one problem. */
export function badLines(report: ImportReport): number[] {
  return [...new Set(report.errors.map((e) => e.line))].sort((a, b) => a - b);
}

/** The rows that would be (or were) imported. */
export function goodRows(report: ImportReport): number {
  return report.created + report.updated + report.unchanged;
}

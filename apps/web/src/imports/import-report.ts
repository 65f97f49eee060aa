/**
 * The import page's report as pure functions (no DOM): the API's row errors as table rows (line, column, the
 * cell's value read from the uploaded CSV, the reason — the API's common reasons in the interface language, the
 * rest as the API wrote them) and the outcome counts. Unit-tested in import-report.spec.ts.
 */
import type { Translate } from '../api/error-text';
import type { ImportReport } from './imports-api';

export interface SheetRow {
  readonly line: number;
  readonly cells: string[];
}

/**
 * RFC 4180 CSV as the API reads it (apps/api/src/imports/csv.ts): quoted fields, CRLF or LF, a BOM tolerated,
 * each row with the line it starts on, blank rows dropped — so a report's line finds its cells.
 */
export function readCsv(text: string): SheetRow[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

/** The cell a report points at: the row starting on `line`, under the header `column` (first row). */
export function cellValue(
  rows: readonly SheetRow[] | null,
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
export function reportRows(
  report: ImportReport,
  sheet: readonly SheetRow[] | null,
  t: Translate,
): ReportRow[] {
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

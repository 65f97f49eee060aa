import { spreadsheetCell } from './spreadsheet-cell';

export interface CsvRow {
  readonly line: number;
  readonly cells: string[];
}

/**
 * RFC 4180 CSV: quoted fields with doubled quotes, CRLF or LF line ends, a UTF-8 BOM tolerated (Excel writes one).
 * Returns rows with the line number each starts on, so errors can point at the line a user sees in an editor.
 */
export function parseCsv(text: string): CsvRow[] {
  return [...csvRows(text)];
}

/**
 * The rows of `parseCsv` one at a time (blank rows skipped), so a reader of a large file can pause between rows
 * and let the event loop serve other requests (readSpreadsheet does).
 */
export function* csvRows(text: string): Generator<CsvRow, void, undefined> {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const notBlank = (r: string[]) => r.some((c) => c.trim() !== '');
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
      cells.push(cell);
      if (notBlank(cells)) yield { line: rowLine, cells };
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    if (notBlank(cells)) yield { line: rowLine, cells };
  }
}

/**
 * One field of every CSV export (records and energy): the cell value by the export rule of `spreadsheetCell`
 * (numbers as numbers, text never a formula), then quoted as RFC 4180 asks when it holds a comma, quote or line
 * break.
 */
export function csvField(value: unknown): string {
  const cell = spreadsheetCell(value);
  const s = typeof cell === 'number' ? String(cell) : cell;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

import { spreadsheetCell } from './spreadsheet-cell';

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

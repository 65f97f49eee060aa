import { isDate } from 'node:util/types';
import { csvRows } from '@park/csv';
import type ExcelJS from 'exceljs';
import { spreadsheetCell } from './spreadsheet-cell';
import { TimeSlice } from './time-slice';
import { readXlsxOnWorker, writeXlsxOnWorker } from './xlsx-worker';

export interface SheetRow {
  /** Line (CSV) or row number (XLSX) as the user sees it. */
  readonly line: number;
  readonly cells: string[];
}

/**
 * Reads the first sheet of an XLSX, or a CSV, into rows of text; the first row is the header. Neither holds the
 * event loop for long, so a 10 MB file never keeps the process from answering other requests: the XLSX is parsed
 * on a worker thread (xlsx-worker.ts), and turning cells into text — and the whole CSV, row by row (the shared
 * reader of @park/csv parses a hundred rows per call) — pauses for a turn of the event loop once a time slice is
 * used up (time-slice.ts).
 */
export async function readSpreadsheet(buffer: Buffer, filename: string): Promise<SheetRow[]> {
  const slice = new TimeSlice();
  const rows: SheetRow[] = [];
  if (/\.xlsx$/i.test(filename) || buffer.subarray(0, 2).toString('latin1') === 'PK') {
    for (const batch of await readXlsxOnWorker(buffer))
      for (const [line, values] of batch) {
        const cells = values.map(cellText);
        if (cells.some((x) => x.trim() !== '')) rows.push({ line, cells });
        await slice.pause();
      }
    return rows;
  }
  for (const row of csvRows(buffer)) {
    rows.push(row);
    await slice.pause();
  }
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  // isDate, not instanceof: the value crossed from the worker thread, whose Date may be another realm's.
  if (isDate(value)) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

/**
 * An XLSX of one sheet, written on a worker thread (xlsx-worker.ts); every cell through the exports' one
 * `spreadsheetCell` rule, as the CSV export's.
 */
export function writeXlsx(
  sheetName: string,
  header: readonly string[],
  rows: readonly unknown[][],
): Promise<Buffer> {
  return writeXlsxOnWorker(
    sheetName,
    header.map(spreadsheetCell),
    rows.map((r) => r.map(spreadsheetCell)),
  );
}

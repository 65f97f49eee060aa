import { Worker } from 'node:worker_threads';
import type ExcelJS from 'exceljs';
import type { SpreadsheetCell } from './spreadsheet-cell';

/** One row of the first sheet as exceljs reads it: its row number and its cells' values. */
export type XlsxRow = readonly [rowNumber: number, values: ExcelJS.CellValue[]];

/**
 * exceljs reads and writes a workbook synchronously in large pieces — over a second of blocked event loop per
 * 2 MB of XLSX read, 3–5 s to write 45 000 rows (measured) — which on the request path would stop every other
 * request of the process (/health, and ingestion in the standalone mode) for that long. So both run on a worker
 * thread, and the process keeps serving while they do.
 *
 * The programs are plain CommonJS, so they run the same from the built JavaScript and under the tests' on-the-fly
 * TypeScript. Reading uses exceljs's whole-workbook `load`: its streaming reader splits multi-byte UTF-8
 * characters at chunk boundaries and corrupts Chinese text.
 */
const READ = `
const { parentPort, workerData } = require('node:worker_threads');
const ExcelJS = require(workerData.exceljs);
let asked = null;
parentPort.on('message', () => asked && asked());
(async () => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(workerData.buffer);
  const sheet = book.worksheets[0];
  const rows = [];
  if (sheet)
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values = [];
      for (let c = 1; c <= row.cellCount; c++) values.push(row.getCell(c).value);
      rows.push([rowNumber, values]);
    });
  for (let i = 0; ; i += workerData.batch) {
    const done = i + workerData.batch >= rows.length;
    parentPort.postMessage({ part: rows.slice(i, i + workerData.batch), done });
    if (done) break;
    await new Promise((resolve) => (asked = resolve));
  }
  parentPort.unref();
})();
`;

const WRITE = `
const { parentPort, workerData } = require('node:worker_threads');
const ExcelJS = require(workerData.exceljs);
(async () => {
  const book = new ExcelJS.Workbook();
  for (const spec of workerData.sheets) {
    const sheet = book.addWorksheet(spec.name);
    sheet.addRow(spec.header).font = { bold: true };
    for (const row of spec.rows) sheet.addRow(row);
    for (const n of spec.boldRows || []) sheet.getRow(n).font = { bold: true };
    const columns = spec.columns || [];
    sheet.columns.forEach((c, i) => {
      c.width = (columns[i] && columns[i].width) || 18;
      if (columns[i] && columns[i].numFmt) c.numFmt = columns[i].numFmt;
    });
  }
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  parentPort.postMessage({ part: buffer, done: true }, [buffer.buffer]);
})();
`;

/**
 * Heap of one XLSX worker, in MiB. A 10 MB XLSX of plain rows needs a few hundred; a zip bomb that expands to
 * gigabytes ends the worker with ERR_WORKER_OUT_OF_MEMORY instead of the process.
 */
const WORKER_HEAP_MB = 1024;

/**
 * Runs `program` on a worker and collects its messages until one says `done`. A large result comes in batches,
 * each asked for after a turn of the event loop: a message is decoded on the main thread, so one message of
 * 10 000 rows — or many sent at once, which Node delivers in one go — would hold the event loop again.
 */
function runWorker<T>(program: string, data: Record<string, unknown>): Promise<T[]> {
  return new Promise<T[]>((resolve, reject) => {
    const worker = new Worker(program, {
      eval: true,
      workerData: { ...data, exceljs: require.resolve('exceljs') },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    const parts: T[] = [];
    let settled = false;
    worker.on('message', (message: { part: T; done?: boolean }) => {
      parts.push(message.part);
      // Ask for the next batch only after a turn of the event loop, so other requests go between batches.
      if (!message.done) return void setImmediate(() => worker.postMessage('next'));
      settled = true;
      resolve(parts);
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the XLSX worker stopped (exit code ${code})`));
    });
  });
}

/** Rows per message from the reading worker (see runWorker). */
const ROWS_PER_MESSAGE = 500;

/** The first sheet's non-empty rows, in batches; rejects with the worker's error for a file that is not a readable XLSX. */
export async function readXlsxOnWorker(buffer: Buffer): Promise<XlsxRow[][]> {
  return runWorker<XlsxRow[]>(READ, { buffer, batch: ROWS_PER_MESSAGE });
}

/**
 * A cell of a written sheet: an export cell (spreadsheet-cell.ts), or a Date, which exceljs writes as an Excel
 * date (the serial of its UTC clock: to show another zone's wall clock, shift the instant first).
 */
export type XlsxCell = SpreadsheetCell | Date;

/** One sheet of a written workbook: a bold header row, then the rows. */
export interface XlsxSheet {
  readonly name: string;
  readonly header: readonly SpreadsheetCell[];
  readonly rows: readonly (readonly XlsxCell[])[];
  /** More rows to set in bold, numbered as the spreadsheet shows them (the header is row 1). */
  readonly boldRows?: readonly number[];
  /** Per column: its width in characters (default 18) and number format (a date's, say). */
  readonly columns?: readonly { readonly width?: number; readonly numFmt?: string }[];
}

/** An XLSX of one sheet with a bold header row; the cells must already be export cells (spreadsheet-cell.ts). */
export async function writeXlsxOnWorker(
  sheetName: string,
  header: readonly SpreadsheetCell[],
  rows: readonly (readonly SpreadsheetCell[])[],
): Promise<Buffer> {
  return writeWorkbookOnWorker([{ name: sheetName, header, rows }]);
}

/** An XLSX of these sheets, in order; the text cells must already be export cells (spreadsheet-cell.ts). */
export async function writeWorkbookOnWorker(sheets: readonly XlsxSheet[]): Promise<Buffer> {
  const [bytes] = await runWorker<Uint8Array>(WRITE, { sheets });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

import ExcelJS from 'exceljs';
import { parseCsv } from './csv';
import { spreadsheetCell } from './spreadsheet-cell';

export interface SheetRow {
  /** Line (CSV) or row number (XLSX) as the user sees it. */
  readonly line: number;
  readonly cells: string[];
}

/** Reads the first sheet of an XLSX, or a CSV, into rows of text; the first row is the header. */
export async function readSpreadsheet(buffer: Buffer, filename: string): Promise<SheetRow[]> {
  if (/\.xlsx$/i.test(filename) || buffer.subarray(0, 2).toString('latin1') === 'PK') {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) return [];
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
      if (cells.some((x) => x.trim() !== '')) rows.push({ line: rowNumber, cells });
    });
    return rows;
  }
  return parseCsv(buffer.toString('utf8'));
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value);
}

/** An XLSX of one sheet; every cell through the exports' one `spreadsheetCell` rule, as the CSV export's. */
export async function writeXlsx(
  sheetName: string,
  header: readonly string[],
  rows: readonly unknown[][],
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName);
  sheet.addRow(header.map(spreadsheetCell)).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map(spreadsheetCell));
  sheet.columns.forEach((c) => (c.width = 18));
  return Buffer.from(await book.xlsx.writeBuffer());
}

import ExcelJS from 'exceljs';
import { headerText, type ReportDocument, type ReportTable } from '@park/reports';
import { spreadsheetCell } from '../imports/spreadsheet-cell';

/**
 * A report as an XLSX workbook: a first sheet 概况 with the title, the headline facts and the notes, then one sheet
 * per table with a two-line header (name, unit) and number formats to the table's decimals. Numbers stay numbers,
 * so an officer can sum or chart them; every text cell goes through the exports' one anti-formula rule
 * (spreadsheet-cell.ts) — enterprise and device names are typed by users.
 *
 * Written in-process, not on the import's worker (xlsx-worker.ts): a report's workbook is at most a few hundred
 * rows (a month of days, a day of hours), which exceljs writes in milliseconds.
 */
export async function reportXlsx(document: ReportDocument): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'smart-park';
  const overview = book.addWorksheet('概况');
  overview.columns = [{ width: 18 }, { width: 80 }];
  overview.addRow([spreadsheetCell(document.title)]).font = { bold: true, size: 14 };
  overview.addRow([spreadsheetCell(document.subtitle)]);
  overview.addRow([]);
  for (const fact of document.facts) {
    const row = overview.addRow([spreadsheetCell(fact.label), spreadsheetCell(fact.value)]);
    row.getCell(1).font = { bold: true };
  }
  overview.addRow([]);
  overview.addRow(['说明']).font = { bold: true };
  for (const note of document.notes) {
    const row = overview.addRow([null, spreadsheetCell(note)]);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }
  document.tables.forEach((table, i) => addTable(book, table, i));
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ] — the table title less its 一、 numbering. */
function sheetName(table: ReportTable, index: number): string {
  const name = table.title.replace(/^[一二三四五六七八九十]+、/, '').replace(/[:\\/?*[\]]/g, ' ');
  return (name || `表${index + 1}`).slice(0, 31);
}

function addTable(book: ExcelJS.Workbook, table: ReportTable, index: number): void {
  const sheet = book.addWorksheet(sheetName(table, index));
  const header = sheet.addRow(table.columns.map((c) => spreadsheetCell(headerText(c))));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  header.height = 32;
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  table.columns.forEach((column, i) => {
    const sheetColumn = sheet.getColumn(i + 1);
    sheetColumn.width = Math.max(10, Math.min(40, column.header.length * 2 + 4));
    if (column.digits !== undefined)
      sheetColumn.numFmt = column.digits === 0 ? '0' : `0.${'0'.repeat(column.digits)}`;
  });
  if (table.rows.length === 0 && table.empty) sheet.addRow([spreadsheetCell(table.empty)]);
  for (const row of table.rows)
    sheet.addRow(row.map((cell) => (cell === null ? null : spreadsheetCell(cell))));
}

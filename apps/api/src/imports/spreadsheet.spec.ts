import ExcelJS from 'exceljs';
import { readSpreadsheet, writeXlsx } from './spreadsheet';

// Each read and write starts a worker thread that loads exceljs: seconds on a busy machine.
jest.setTimeout(30_000);

describe('readSpreadsheet', () => {
  it('reads back an XLSX of long Chinese text exactly (no character split at a chunk boundary)', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [
      `${i}`,
      `江苏省南通市启东市汇龙镇民乐路${i}号，${'沿江公路与民乐路交叉口向东三百米路北，'.repeat(8)}`,
    ]);
    const back = await readSpreadsheet(await writeXlsx('s', ['编号', '地址'], rows), 'x.xlsx');
    expect(back.slice(1).map((r) => r.cells)).toEqual(rows);
    expect(back[0]).toEqual({ line: 1, cells: ['编号', '地址'] });
  });

  it('reads dates, formulas (their results) and rich text as text, skipping empty rows', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('s');
    sheet.getCell('A1').value = new Date(Date.UTC(2025, 5, 30));
    sheet.getCell('B1').value = { formula: '1+1', result: 2 };
    sheet.getCell('A3').value = { richText: [{ text: '启东' }, { text: '高新' }] };
    const buffer = Buffer.from(await book.xlsx.writeBuffer());
    expect(await readSpreadsheet(buffer, 'x.xlsx')).toEqual([
      { line: 1, cells: ['2025-06-30', '2'] },
      { line: 3, cells: ['启东'.concat('高新')] },
    ]);
  });

  it('reads a CSV as Excel writes it (BOM, CRLF, Chinese headers, quoted cells) with the line each row starts on', async () => {
    const csv = Buffer.from('\ufeff编号,地址\r\n1,"启东, 民乐路\r\n东侧"\r\n\r\n2,汇龙镇\r\n', 'utf8');
    expect(await readSpreadsheet(csv, 'x.csv')).toEqual([
      { line: 1, cells: ['编号', '地址'] },
      { line: 2, cells: ['1', '启东, 民乐路\r\n东侧'] },
      { line: 5, cells: ['2', '汇龙镇'] },
    ]);
  });

  it('rejects a CSV whose quoted cell is never closed, naming the line its row starts on', async () => {
    await expect(readSpreadsheet(Buffer.from('编号,地址\n1,"启东\n2,x\n'), 'x.csv')).rejects.toThrow(
      'line 2: a quoted cell is never closed',
    );
  });

  it('rejects a file that looks like a zip but is not an XLSX', async () => {
    await expect(readSpreadsheet(Buffer.from('PK\u0003\u0004 not really a zip'), 'x.xlsx')).rejects.toThrow();
  });
});

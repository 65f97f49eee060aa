import ExcelJS from 'exceljs';
import type { ReportDocument } from '@park/reports';
import { drawableDocument, drawableText, reportPdf } from './report-pdf';
import { reportXlsx } from './report-xlsx';

const document: ReportDocument = {
  fileStem: 'emission-2026-11-cems-1',
  title: '1号锅炉排口 排放月报',
  subtitle: '=HYPERLINK("http://evil") · 2026年11月',
  facts: [{ label: '企业', value: '华东化工' }],
  tables: [
    {
      title: '一、监测项目统计',
      columns: [
        { header: '监测项目' },
        { header: '有效数据捕集率', unit: '%', digits: 1 },
        { header: '均值', digits: 2 },
      ],
      rows: [
        ['二氧化硫', 91.66666, 41.818],
        ['-1+cmd', null, 3.5],
      ],
    },
    { title: '二、日均值', columns: [{ header: '日期' }], rows: [], empty: '无数据' },
  ],
  notes: ['有效数据捕集率 = 有效小时数 ÷ 应测小时数 × 100%'],
};

describe('the report files', () => {
  it('XLSX: an overview sheet, then one sheet per table; numbers stay numbers, text cannot run as a formula', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await reportXlsx(document)) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['概况', '监测项目统计', '日均值']);
    const overview = book.getWorksheet('概况')!;
    expect(overview.getCell('A1').value).toBe('1号锅炉排口 排放月报');
    expect(overview.getCell('A2').value).toBe(`'=HYPERLINK("http://evil") · 2026年11月`);
    const table = book.getWorksheet('监测项目统计')!;
    expect(table.getRow(1).values).toEqual([undefined, '监测项目', '有效数据捕集率\n(%)', '均值']);
    expect(table.getCell('B2').value).toBe(91.66666);
    expect(table.getColumn(2).numFmt).toBe('0.0');
    expect(table.getCell('A3').value).toBe("'-1+cmd");
    expect(table.getCell('B3').value).toBeNull();
    expect(book.getWorksheet('日均值')!.getCell('A2').value).toBe('无数据');
  });

  it('PDF: a PDF with the Chinese font embedded as a subset', async () => {
    const pdf = await reportPdf(document);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdf.toString('latin1');
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(pdf.length).toBeLessThan(200_000);
  });
});

describe('text the PDF font cannot draw', () => {
  it('writes subscripts as plain characters (Noto Sans SC has no ₂ or ₓ), leaving everything else alone', () => {
    expect(drawableText('碳排放 (tCO₂e)')).toBe('碳排放 (tCO2e)');
    expect(drawableText('SO₂、NOₓ、颗粒物 mg/m³ ≤ 50 ℃')).toBe('SO2、NOx、颗粒物 mg/m³ ≤ 50 ℃');
    const drawn = drawableDocument({
      ...document,
      tables: [{ title: 'CO₂', columns: [{ header: '碳排放', unit: 'tCO₂e' }], rows: [['NOₓ'], [1.5]] }],
      notes: ['O₂ 折算'],
    });
    expect(drawn.tables[0]).toEqual({
      title: 'CO2',
      columns: [{ header: '碳排放', unit: 'tCO2e' }],
      rows: [['NOx'], [1.5]],
    });
    expect(drawn.notes).toEqual(['O2 折算']);
  });
});

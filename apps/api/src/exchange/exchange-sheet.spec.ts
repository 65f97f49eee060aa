import { reportCsv, sheetRows, SheetFormatError } from './exchange-sheet';
import { keyOf } from './source-keys';

const lines = (...rows: string[][]) => rows.map((cells, i) => ({ line: i + 1, cells }));

describe('the exchange’s sheets', () => {
  it('reads the long format with English headers in any order, other columns ignored', () => {
    expect(
      sheetRows(lines(['value', 'Period', 'note', 'USCC', 'metric'], ['12', '2026-03', 'x', 'C1', 'tax'])),
    ).toEqual({ rows: [{ uscc: 'C1', metric: 'tax', period: '2026-03', value: '12' }], lines: [2] });
  });

  it('reads the Chinese headers bureaus use, and metrics by their Chinese labels', () => {
    const { rows } = sheetRows(
      lines(
        ['统一社会信用代码', '指标', '所属期', '数值'],
        ['C1', '税收', '2026-Q1', '3'],
        ['C2', '应税销售收入', '2026-Q1', '30'],
        ['C3', '参保人数', '2026-03'],
      ),
    );
    expect(rows.map((r) => r.metric)).toEqual(['tax', 'taxable-sales', 'insured-employees']);
    expect(rows[2].value).toBe('');
    expect(sheetRows(lines(['纳税人识别号', '指标', '税款所属期', '金额'])).rows).toEqual([]);
  });

  it('refuses a sheet without a header or with a column missing, naming what is missing', () => {
    expect(() => sheetRows([])).toThrow(SheetFormatError);
    expect(() => sheetRows(lines(['uscc', 'metric', 'value']))).toThrow(/lacks period/);
  });

  it('writes the row report as CSV with each row’s line, status and reason', () => {
    const csv = reportCsv(
      [
        { row: 1, status: 'stored' },
        {
          row: 2,
          status: 'rejected',
          field: 'uscc',
          code: 'UNKNOWN_ENTERPRISE',
          message: 'uscc: no, really',
        },
        { row: 3, status: 'changed', previous: 5 },
      ],
      [2, 3, 5],
    );
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFline,row,status,field,code,message,previous',
      '2,1,stored,,,,',
      '3,2,rejected,uscc,UNKNOWN_ENTERPRISE,"uscc: no, really",',
      '5,3,changed,,,,5',
      '',
    ]);
  });

  it('takes the key from Authorization: Bearer, else X-Api-Key', () => {
    expect(keyOf({ headers: { authorization: 'Bearer pk_a', 'x-api-key': 'pk_b' } })).toBe('pk_a');
    expect(keyOf({ headers: { 'x-api-key': ' pk_b ' } })).toBe('pk_b');
    expect(keyOf({ headers: { authorization: 'Basic abc' } })).toBeNull();
    expect(keyOf({ headers: {} })).toBeNull();
  });
});

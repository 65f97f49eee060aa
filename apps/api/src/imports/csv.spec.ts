import { csvField, parseCsv } from './csv';

describe('parseCsv', () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, and keeps each row's line number", () => {
    const rows = parseCsv('\ufeff名称,备注\r\n"启东, 某厂","他说""好"""\r\n"两行\n备注",x\n');
    expect(rows).toEqual([
      { line: 1, cells: ['名称', '备注'] },
      { line: 2, cells: ['启东, 某厂', '他说"好"'] },
      { line: 3, cells: ['两行\n备注', 'x'] },
    ]);
  });

  it('skips blank lines but counts them', () => {
    expect(parseCsv('a\n\n b \n').map((r) => r.line)).toEqual([1, 3]);
  });
});

describe('csvField', () => {
  it('quotes what needs quoting and defuses formulas', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField(-12.5)).toBe('-12.5');
    expect(csvField("-1+cmd|' /C calc'!A0")).toBe("'-1+cmd|' /C calc'!A0");
    expect(csvField('\t=1+1')).toBe("'\t=1+1");
    expect(csvField('-12.5')).toBe("'-12.5");
    expect(csvField(null)).toBe('');
  });
});

import { parseCsv } from '@park/csv';
import { csvField } from './csv';

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

  it('writes fields the import reads back as written (the escaping apart)', () => {
    const values = ['启东, 某厂', '他说"好"', '两行\r\n备注', '\r=1', 'plain'];
    const [row] = parseCsv(`${values.map(csvField).join(',')}\r\n`);
    expect(row.cells).toEqual(['启东, 某厂', '他说"好"', '两行\r\n备注', "'\r=1", 'plain']);
  });
});

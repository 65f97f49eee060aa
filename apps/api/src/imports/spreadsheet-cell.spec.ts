import fc from 'fast-check';
import { neutraliseSpreadsheetText, restoreSpreadsheetText, spreadsheetCell } from './spreadsheet-cell';

/** What a spreadsheet program runs as a formula, or strips down to one (OWASP CSV Injection). */
const RUNS_AS_FORMULA = /^[=+\-@\t\r\n]/;

/** Strings biased towards the dangerous starts, the apostrophe that escapes them, and numbers as text. */
const risky = fc.oneof(
  fc.string(),
  fc
    .tuple(
      fc.stringMatching(/^'{0,3}$/),
      fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', "'", '1', '-1', 'a'),
      fc.string(),
    )
    .map(([quotes, start, rest]) => quotes + start + rest),
  fc.double({ noNaN: true }).map(String),
);

describe('the spreadsheet export rule', () => {
  it('never lets a string start like a formula', () => {
    fc.assert(
      fc.property(risky, (text) => {
        expect(RUNS_AS_FORMULA.test(neutraliseSpreadsheetText(text))).toBe(false);
      }),
    );
  });

  it('is undone exactly by the import, for every string (an export imported back is the same)', () => {
    fc.assert(
      fc.property(risky, (text) => {
        expect(restoreSpreadsheetText(neutraliseSpreadsheetText(text))).toBe(text);
      }),
    );
  });

  it('leaves text that cannot run as a formula as it is', () => {
    fc.assert(
      fc.property(
        risky.filter((t) => !/^'*[=+\-@\t\r\n]/.test(t)),
        (text) => {
          expect(neutraliseSpreadsheetText(text)).toBe(text);
        },
      ),
    );
  });

  it('writes finite numbers as numbers, negative ones included', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(spreadsheetCell(n)).toBe(n);
      }),
    );
    expect(spreadsheetCell(-12.5)).toBe(-12.5);
  });

  it('neutralises the known attacks, the minus-digit and TAB ones included', () => {
    expect(spreadsheetCell("-1+cmd|' /C calc'!A0")).toBe("'-1+cmd|' /C calc'!A0");
    expect(spreadsheetCell('\t=1+1')).toBe("'\t=1+1");
    expect(spreadsheetCell('\r=1+1')).toBe("'\r=1+1");
    expect(spreadsheetCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(spreadsheetCell('-12.5')).toBe("'-12.5");
    expect(spreadsheetCell("'=1+1")).toBe("''=1+1");
    expect(spreadsheetCell(null)).toBe('');
    expect(spreadsheetCell({ type: 'Point' })).toBe('{"type":"Point"}');
  });
});

import { CsvReadError, csvRows, parseCsv } from './csv-reader';

describe('parseCsv', () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, and keeps each row's first line", () => {
    const rows = parseCsv('\ufeff名称,备注\r\n"启东, 某厂","他说""好"""\r\n"两行\n备注",x\n');
    expect(rows).toEqual([
      { line: 1, cells: ['名称', '备注'] },
      { line: 2, cells: ['启东, 某厂', '他说"好"'] },
      { line: 3, cells: ['两行\n备注', 'x'] },
    ]);
  });

  it('skips blank rows (empty, spaces only, commas only) but counts their lines', () => {
    expect(parseCsv('a\n\n b \n,,\n  \nc').map((r) => [r.line, r.cells])).toEqual([
      [1, ['a']],
      [3, [' b ']],
      [6, ['c']],
    ]);
  });

  it('takes CRLF, LF and CR line ends, mixed in one file', () => {
    expect(parseCsv('a,b\r\n1,2\n3,4\r5,6').map((r) => [r.line, r.cells])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [3, ['3', '4']],
      [4, ['5', '6']],
    ]);
  });

  it('reads text and its UTF-8 bytes alike, and strips only a leading byte-order mark', () => {
    const text = '\ufeff统一社会信用代码,企业名称\n91320681MA1X,"启东\ufeff某厂"\n';
    expect(parseCsv(Buffer.from(text, 'utf8'))).toEqual(parseCsv(text));
    expect(parseCsv(text)[0].cells[0]).toBe('统一社会信用代码');
    expect(parseCsv(text)[1].cells[1]).toBe('启东\ufeff某厂');
  });

  it('keeps a quote inside an unquoted cell as text, and ragged rows as they are', () => {
    expect(parseCsv('a,b,c\n5",x\n1,2,3,4\n').map((r) => r.cells)).toEqual([
      ['a', 'b', 'c'],
      ['5"', 'x'],
      ['1', '2', '3', '4'],
    ]);
  });

  it('names the line of the row whose quoted cell is never closed', () => {
    const read = () => parseCsv('a,b\n1,2\n\n3,"never\nclosed\n');
    expect(read).toThrow(CsvReadError);
    expect(read).toThrow('line 4: a quoted cell is never closed');
  });

  it('reads an empty file, or one of a byte-order mark alone, as no rows', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\ufeff')).toEqual([]);
  });
});

describe('csvRows over a large file (read in several calls of the parser)', () => {
  // Rows of one, two and three lines (LF and CRLF inside quotes), every line end, blank rows between, so calls of
  // the parser end at all of them. `lines[i]` is the line row i starts on, counted as the file is written.
  const ends = ['\n', '\r\n', '\r', '\n\n', '\r\n,,\r\n'];
  const endLines = [1, 1, 1, 2, 2];
  const lines: number[] = [];
  const notes: string[] = [];
  let text = '\ufeff编号,备注\n';
  let next = 2;
  for (let i = 0; i < 1000; i++) {
    const multiline = i % 3 === 0;
    notes.push(multiline ? `第${i}行\n备注${i % 2 === 0 ? '\r\n第三行' : ''}` : `备注${i}`);
    lines.push(next);
    text += `${i},${multiline ? `"${notes[i]}"` : notes[i]}${ends[i % ends.length]}`;
    next += (multiline ? (i % 2 === 0 ? 2 : 1) : 0) + endLines[i % ends.length];
  }

  it('numbers every row by the line it starts on, and reads every cell as one pass would', () => {
    const read = [...csvRows(text)];
    expect(read[0]).toEqual({ line: 1, cells: ['编号', '备注'] });
    expect(read.slice(1)).toEqual(notes.map((note, i) => ({ line: lines[i], cells: [String(i), note] })));
  });

  it('names the right line for an unclosed quote far into the file', () => {
    expect(() => parseCsv(`${text}1000,"unclosed\n`)).toThrow(`line ${next}: a quoted cell is never closed`);
  });
});

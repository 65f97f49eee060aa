import { translate, type MessageKey, type MessageParams } from '../i18n/messages';
import { badLines, cellValue, goodRows, readCsv, reasonText, reportRows } from './import-report';
import type { ImportReport } from './imports-api';

const zh = (key: MessageKey, params?: MessageParams) => translate('zh-CN', key, params);
const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);

const bytes = (text: string) => new TextEncoder().encode(text);

describe('readCsv', () => {
  it('reads the uploaded bytes as the API does: quoted cells, rows by the line they start on', () => {
    const rows = readCsv(bytes('\ufeffa,b\r\n1,"x, ""y"""\n\n2,"multi\nline"\n3,z'));
    expect(rows).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['1', 'x, "y"'] },
      { line: 4, cells: ['2', 'multi\nline'] },
      { line: 6, cells: ['3', 'z'] },
    ]);
  });

  it('gives no rows for a file the reader cannot read, so the report shows no cell values', () => {
    expect(readCsv(bytes('a,b\n1,"never closed\n'))).toBeNull();
  });
});

describe('the row-by-row report', () => {
  const sheet = readCsv(bytes('统一社会信用代码,企业名称,规上企业\nA,甲,是\nB,乙,也许\nC,丙,\n'));
  const report: ImportReport = {
    kind: 'enterprises',
    rows: 3,
    created: 1,
    updated: 0,
    unchanged: 0,
    skipped: 2,
    errors: [
      { line: 4, column: '规上企业', reason: 'something the API said' },
      { line: 3, column: '规上企业', reason: '"也许" is not 是/否' },
      { line: 3, column: '统一社会信用代码', reason: 'duplicate of line 2' },
    ],
  };

  it('finds the cell a problem points at', () => {
    expect(cellValue(sheet, 3, '规上企业')).toBe('也许');
    expect(cellValue(sheet, 1, '规上企业')).toBeNull();
    expect(cellValue(null, 3, '规上企业')).toBeNull();
    expect(cellValue(sheet, 3, '没有这一列')).toBeNull();
  });

  it('lists the problems by line with column, value and reason in the interface language', () => {
    expect(reportRows(report, sheet, zh).map((r) => [r.line, r.column, r.value, r.reason])).toEqual([
      [3, '规上企业', '也许', '“也许”不是“是/否”'],
      [3, '统一社会信用代码', 'B', '与第 2 行重复'],
      [4, '规上企业', '（空）', 'something the API said'],
    ]);
    expect(reportRows(report, null, en).map((r) => [r.value, r.reason])).toEqual([
      ['—', '“也许” is not yes or no'],
      ['—', 'Duplicate of line 2'],
      ['—', 'something the API said'],
    ]);
    expect(badLines(report)).toEqual([3, 4]);
    expect(goodRows(report)).toBe(1);
  });

  it('words the API’s common reasons', () => {
    expect(reasonText('required column is missing', zh)).toBe('缺少必填列');
    expect(reasonText('"x1" is not a number', en)).toBe('“x1” is not a number');
    expect(reasonText('no enterprise with credit code 9132; import it first', zh)).toBe(
      '没有信用代码为 9132 的企业，请先导入企业',
    );
    expect(reasonText('unknown column for parcels; expected one of: 地块编号、地块名称', en)).toBe(
      'Unknown column; expected one of: 地块编号、地块名称',
    );
  });

  it('words the device import’s reasons', () => {
    expect(reasonText('"水表" is not a device kind', zh)).toBe('“水表”不是设备类型');
    expect(reasonText('"照明" is not a meter role (生产、治污、综合)', zh)).toBe(
      '“照明”不是电表用途（生产、治污、综合）',
    );
    expect(
      reasonText('device qd-1 belongs to another enterprise; a device cannot move between enterprises', zh),
    ).toBe('设备 qd-1 属于另一家企业，设备不能转到其他企业');
    expect(reasonText('device qd-1 is a power-meter; its kind cannot change', zh)).toBe(
      '设备 qd-1 已登记为其他类型，类型不能更改',
    );
  });
});

import type { ExchangeMetric, ExchangeRowInput, ExchangeRowResult } from '@park/contracts';
import { csvField } from '../imports/csv';

/**
 * The exchange's spreadsheets (CSV bodies of the inbound route, CSV and XLSX files in the drop folder): one figure
 * a row, in the long format — a header row naming the columns uscc, metric, period and value, in English or as
 * the bureaus head them (统一社会信用代码, 指标, 期间/所属期, 数值), in any order, other columns ignored. A metric
 * may be written as its name (`tax`) or its Chinese label (`税收`). Pure.
 */

type Column = keyof ExchangeRowInput;

const HEADERS: Readonly<Record<Column, readonly string[]>> = {
  uscc: ['uscc', 'credit code', 'creditcode', '统一社会信用代码', '社会信用代码', '信用代码', '纳税人识别号'],
  metric: ['metric', '指标', '指标名称', '指标代码'],
  period: ['period', '期间', '所属期', '所属期间', '统计期', '统计期间', '税款所属期'],
  value: ['value', '数值', '值', '数据', '金额'],
};

/** The Chinese labels a sheet may use for a metric. */
export const METRIC_LABELS: Readonly<Record<string, ExchangeMetric>> = {
  用电量: 'electricity-kwh',
  其他能源消费: 'energy-other-tce',
  其他能源消费折标准煤: 'energy-other-tce',
  税收: 'tax',
  实缴税金: 'tax',
  应税销售收入: 'taxable-sales',
  营业收入: 'revenue',
  工业总产值: 'output',
  参保人数: 'insured-employees',
};

export class SheetFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SheetFormatError';
  }
}

export interface SheetLine {
  readonly line: number;
  readonly cells: readonly string[];
}

export interface SheetRows {
  readonly rows: ExchangeRowInput[];
  /** The sheet's line of each row (rows[i] is on lines[i]). */
  readonly lines: number[];
}

const normalize = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');

/** The rows of a sheet whose first line is the header; throws SheetFormatError when a column is missing. */
export function sheetRows(lines: readonly SheetLine[]): SheetRows {
  const [header, ...data] = lines;
  if (!header)
    throw new SheetFormatError('the sheet is empty: a header row uscc,metric,period,value is needed');
  const names = header.cells.map(normalize);
  const index = {} as Record<Column, number>;
  const missing: string[] = [];
  for (const [column, aliases] of Object.entries(HEADERS) as [Column, readonly string[]][]) {
    const at = names.findIndex((n) => aliases.includes(n));
    if (at < 0) missing.push(column);
    index[column] = at;
  }
  if (missing.length > 0)
    throw new SheetFormatError(
      `the header row lacks ${missing.join(', ')}: name the columns uscc, metric, period, value ` +
        '(or 统一社会信用代码, 指标, 期间/所属期, 数值)',
    );
  const rows: ExchangeRowInput[] = [];
  const at: number[] = [];
  for (const { line, cells } of data) {
    const metric = (cells[index.metric] ?? '').trim();
    rows.push({
      uscc: cells[index.uscc] ?? '',
      metric: METRIC_LABELS[metric] ?? metric,
      period: cells[index.period] ?? '',
      value: cells[index.value] ?? '',
    });
    at.push(line);
  }
  return { rows, lines: at };
}

/** The row-by-row report of a sheet as CSV: its line, the row's status and, for a refused row, why. */
export function reportCsv(results: readonly ExchangeRowResult[], lines: readonly number[]): string {
  const out = ['line,row,status,field,code,message,previous'];
  for (const r of results)
    out.push(
      [
        lines[r.row - 1] ?? '',
        r.row,
        r.status,
        r.field ?? '',
        r.code ?? '',
        r.message ?? '',
        r.previous ?? '',
      ]
        .map(csvField)
        .join(','),
    );
  return `\uFEFF${out.join('\r\n')}\r\n`;
}

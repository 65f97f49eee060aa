import {
  checkCreditCode,
  EXCHANGE_METRIC_UNITS,
  formatPeriod,
  isExchangeMetric,
  parsePeriod,
  type ExchangeMetric,
  type ExchangePeriod,
  type ExchangeRowCode,
} from '@park/contracts';

/**
 * The exchange's row-by-row validation (docs/data-exchange.md, "Error codes"): pure, so the API, the drop folder
 * and the unit tests check a row the same way. Each rejected row names its field, a code and the reason in words;
 * the first problem of a row (in field order uscc, metric, period, value) is the one reported.
 */

/** A row that passed every check: its enterprise found by the credit code, its period parsed, its value a number. */
export interface CheckedRow {
  /** 1-based, in the order sent. */
  readonly row: number;
  readonly enterpriseId: string;
  readonly metric: ExchangeMetric;
  readonly period: ExchangePeriod;
  readonly value: number;
}

export interface RowProblem {
  readonly row: number;
  readonly field: 'row' | 'uscc' | 'metric' | 'period' | 'value';
  readonly code: ExchangeRowCode;
  readonly message: string;
}

export interface RowContext {
  /** The metrics the source's key may write. */
  readonly scopes: ReadonlySet<string>;
  /** The live enterprise with this (normalized) credit code, or undefined. */
  enterpriseOf(uscc: string): string | undefined;
}

export interface CheckedRows {
  readonly valid: CheckedRow[];
  /** By row number. */
  readonly problems: Map<number, RowProblem>;
}

/** The natural key of a figure within one source: enterprise, metric, canonical period. */
export function figureKey(enterpriseId: string, metric: string, period: ExchangePeriod): string {
  return `${enterpriseId}|${metric}|${formatPeriod(period)}`;
}

/** Checks every row; a row repeating an earlier valid row's enterprise, metric and period is a DUPLICATE_ROW. */
export function checkRows(rows: readonly unknown[], context: RowContext): CheckedRows {
  const valid: CheckedRow[] = [];
  const problems = new Map<number, RowProblem>();
  const seen = new Map<string, number>();
  rows.forEach((input, i) => {
    const row = i + 1;
    const checked = checkRow(row, input, context);
    if ('code' in checked) {
      problems.set(row, checked);
      return;
    }
    const key = figureKey(checked.enterpriseId, checked.metric, checked.period);
    const first = seen.get(key);
    if (first !== undefined) {
      problems.set(row, {
        row,
        field: 'row',
        code: 'DUPLICATE_ROW',
        message: `row repeats row ${first} (same enterprise, metric and period ${formatPeriod(checked.period)}); the first one counts`,
      });
      return;
    }
    seen.set(key, row);
    valid.push(checked);
  });
  return { valid, problems };
}

/** One row: the checked row, or its first problem. */
export function checkRow(row: number, input: unknown, context: RowContext): CheckedRow | RowProblem {
  const problem = (field: RowProblem['field'], code: ExchangeRowCode, message: string): RowProblem => ({
    row,
    field,
    code,
    message,
  });
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return problem('row', 'INVALID_ROW', 'row: an object with uscc, metric, period and value');
  const { uscc, metric, period, value } = input as Record<string, unknown>;

  if (typeof uscc !== 'string' || uscc.trim() === '')
    return problem('uscc', 'INVALID_USCC', 'uscc: missing (the enterprise’s 统一社会信用代码)');
  const code = uscc.trim().toUpperCase();
  const credit = checkCreditCode(code);
  if (!credit.ok) return problem('uscc', 'INVALID_USCC', `uscc: ${credit.reason}`);
  const enterpriseId = context.enterpriseOf(code);
  if (!enterpriseId)
    return problem('uscc', 'UNKNOWN_ENTERPRISE', `uscc: no enterprise of the park has the code ${code}`);

  if (typeof metric !== 'string' || metric.trim() === '')
    return problem('metric', 'UNKNOWN_METRIC', 'metric: missing');
  const name = metric.trim();
  if (!isExchangeMetric(name))
    return problem(
      'metric',
      'UNKNOWN_METRIC',
      `metric: "${name.slice(0, 40)}" is not a metric of the exchange`,
    );
  if (!context.scopes.has(name))
    return problem('metric', 'OUT_OF_SCOPE', `metric: this source’s key may not send ${name}`);

  const parsed =
    typeof period === 'string' || typeof period === 'number' ? parsePeriod(String(period)) : null;
  if (!parsed)
    return problem(
      'period',
      'INVALID_PERIOD',
      'period: a year (2026), a quarter (2026-Q1) or a month (2026-03), between 2000 and 2100',
    );

  const number = numberOf(value);
  if (number === null)
    return problem('value', 'INVALID_VALUE', `value: a number in ${EXCHANGE_METRIC_UNITS[name]}`);
  if (number < 0) return problem('value', 'NEGATIVE_VALUE', 'value: must not be negative');
  if (name === 'insured-employees' && !Number.isInteger(number))
    return problem('value', 'NOT_AN_INTEGER', 'value: a headcount is a whole number');
  return { row, enterpriseId, metric: name, period: parsed, value: number };
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** A finite number, or the text of one (`1234.5`, `1,234.5`, `1.2e3`); null for anything else. */
export function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!DECIMAL.test(text) && !GROUPED.test(text)) return null;
  const n = Number(text.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

import { creditCodeCheckChar } from '@park/contracts';
import { checkRow, checkRows, numberOf } from './exchange-rows';
import { newSourceKey, sourceKeyHash, sourceKeyParts } from './exchange-records';

const code = (body17: string) => body17 + creditCodeCheckChar(body17);
const A = code('91320681MA1XY0123');
const B = code('91320681MA1XY0456');
const UNKNOWN = code('91320681MA1XY0789');
const context = {
  scopes: new Set(['tax', 'taxable-sales', 'insured-employees']),
  enterpriseOf: (c: string) => ({ [A]: 'ent-a', [B]: 'ent-b' })[c],
};
const row = (over: Record<string, unknown> = {}) => ({
  uscc: A,
  metric: 'tax',
  period: '2026-Q3',
  value: 12.5,
  ...over,
});

describe('the exchange’s row checks', () => {
  it('accepts a valid row, with the credit code in any case and the period in any accepted spelling', () => {
    expect(checkRow(1, row({ uscc: ` ${A.toLowerCase()} `, period: '2026q3' }), context)).toEqual({
      row: 1,
      enterpriseId: 'ent-a',
      metric: 'tax',
      period: { kind: 'quarter', year: 2026, index: 3 },
      value: 12.5,
    });
  });

  it.each([
    [null, 'row', 'INVALID_ROW'],
    [[A, 'tax'], 'row', 'INVALID_ROW'],
    [row({ uscc: undefined }), 'uscc', 'INVALID_USCC'],
    [row({ uscc: '91320681MA1XYZ12' }), 'uscc', 'INVALID_USCC'],
    [row({ uscc: A.slice(0, 17) + (A[17] === '0' ? '1' : '0') }), 'uscc', 'INVALID_USCC'],
    [row({ uscc: UNKNOWN }), 'uscc', 'UNKNOWN_ENTERPRISE'],
    [row({ metric: 'kwh' }), 'metric', 'UNKNOWN_METRIC'],
    [row({ metric: '' }), 'metric', 'UNKNOWN_METRIC'],
    [row({ metric: 'electricity-kwh' }), 'metric', 'OUT_OF_SCOPE'],
    [row({ period: '2026-13' }), 'period', 'INVALID_PERIOD'],
    [row({ period: '1999' }), 'period', 'INVALID_PERIOD'],
    [row({ period: null }), 'period', 'INVALID_PERIOD'],
    [row({ value: 'twelve' }), 'value', 'INVALID_VALUE'],
    [row({ value: '' }), 'value', 'INVALID_VALUE'],
    [row({ value: Number.NaN }), 'value', 'INVALID_VALUE'],
    [row({ value: Number.POSITIVE_INFINITY }), 'value', 'INVALID_VALUE'],
    [row({ value: true }), 'value', 'INVALID_VALUE'],
    [row({ value: -0.5 }), 'value', 'NEGATIVE_VALUE'],
    [row({ metric: 'insured-employees', value: 10.5 }), 'value', 'NOT_AN_INTEGER'],
  ])('refuses %j at its field with a code and words', (input, field, code) => {
    const result = checkRow(7, input, context);
    expect(result).toMatchObject({ row: 7, field, code });
    expect((result as { message: string }).message).toMatch(new RegExp(`^${field}: `));
  });

  it('reports the first problem of a row in field order', () => {
    expect(checkRow(1, row({ uscc: UNKNOWN, metric: 'nope', value: -1 }), context)).toMatchObject({
      code: 'UNKNOWN_ENTERPRISE',
    });
  });

  it('refuses a later row of the same enterprise, metric and period as a duplicate, however the period is spelled', () => {
    const { valid, problems } = checkRows(
      [row(), row({ uscc: B }), row({ period: '2026Q3', value: 1 }), row({ metric: 'taxable-sales' }), 'x'],
      context,
    );
    expect(valid.map((r) => r.row)).toEqual([1, 2, 4]);
    expect([...problems.values()].map((p) => [p.row, p.code])).toEqual([
      [3, 'DUPLICATE_ROW'],
      [5, 'INVALID_ROW'],
    ]);
    expect(problems.get(3)!.message).toContain('row 1');
  });

  it('reads numbers as sent or as text, with thousands separators', () => {
    expect([
      numberOf(3),
      numberOf(' 1234.5 '),
      numberOf('1,234,567.25'),
      numberOf('1.2e3'),
      numberOf('0'),
    ]).toEqual([3, 1234.5, 1234567.25, 1200, 0]);
    expect([
      numberOf('1,23'),
      numberOf('12abc'),
      numberOf('0x10'),
      numberOf(null),
      numberOf('1e400'),
    ]).toEqual([null, null, null, null, null]);
  });
});

describe('source keys', () => {
  it('are a public prefix and 32 random bytes, stored only as a hash', () => {
    const { key, prefix, hash } = newSourceKey();
    expect(key).toMatch(/^pk_[\w-]{12}_[\w-]{43}$/);
    expect(key.startsWith(`${prefix}_`)).toBe(true);
    expect(Buffer.from(key.slice(prefix.length + 1), 'base64url')).toHaveLength(32);
    expect(hash).toBe(sourceKeyHash(key));
    expect(hash).not.toContain(key.slice(prefix.length + 1));
    expect(sourceKeyParts(key)).toEqual({ prefix, hash });
    expect(newSourceKey().key).not.toBe(key);
  });

  it.each(['', 'pk_short', 'Bearer x', `${newSourceKey().key}x`, 'eyJhbGciOiJIUzI1NiJ9.e30.x'])(
    'finds no prefix in the malformed key %j',
    (key) => expect(sourceKeyParts(key)).toBeNull(),
  );
});

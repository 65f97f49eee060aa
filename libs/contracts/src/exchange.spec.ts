import { formatPeriod, parsePeriod, periodMonths } from './exchange';

describe('exchange periods', () => {
  it.each([
    ['2026', { kind: 'year', year: 2026, index: 0 }],
    ['2026-Q1', { kind: 'quarter', year: 2026, index: 1 }],
    ['2026q4', { kind: 'quarter', year: 2026, index: 4 }],
    ['2026-03', { kind: 'month', year: 2026, index: 3 }],
    ['202612', { kind: 'month', year: 2026, index: 12 }],
    [' 2025-11 ', { kind: 'month', year: 2025, index: 11 }],
  ])('reads %s', (text, period) => {
    expect(parsePeriod(text)).toEqual(period);
  });

  it.each(['', '26', '2026-13', '2026-00', '2026-Q5', '2026-Q0', '1999', '2026/03', '2026-3', 'Q1-2026'])(
    'refuses %p',
    (text) => {
      expect(parsePeriod(text)).toBeNull();
    },
  );

  it('writes periods back in their canonical text and names the months they cover', () => {
    for (const text of ['2026', '2026-Q2', '2026-07']) expect(formatPeriod(parsePeriod(text)!)).toBe(text);
    expect(periodMonths(parsePeriod('2026-Q2')!)).toEqual([4, 5, 6]);
    expect(periodMonths(parsePeriod('2026-07')!)).toEqual([7]);
    expect(periodMonths(parsePeriod('2026')!)).toHaveLength(12);
  });
});

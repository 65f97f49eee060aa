import { defaultDay, defaultMonth, linkedPeriod, periodParts, recentMonths } from './report-periods';

describe('the reports page’s periods on the park clock', () => {
  it('defaults to last month and yesterday in Beijing, across a year end', () => {
    // 2027-01-01 00:30 in Beijing is 2026-12-31 16:30 UTC.
    const now = Date.UTC(2026, 11, 31, 16, 30);
    expect(defaultMonth(now)).toBe('2026-12');
    expect(defaultDay(now)).toBe('2026-12-31');
  });

  it('names a period’s parts without leading zeros', () => {
    expect(periodParts('2026-03')).toEqual({ year: '2026', month: '3' });
    expect(periodParts('2026-11-05')).toEqual({ year: '2026', month: '11', day: '5' });
  });
});

describe('the list’s periods', () => {
  const dec7 = Date.UTC(2026, 11, 7, 4);

  it('offers the current month and the eleven before it, newest first', () => {
    const months = recentMonths(dec7);
    expect(months).toHaveLength(12);
    expect(months.slice(0, 3)).toEqual(['2026-12', '2026-11', '2026-10']);
    expect(months[11]).toBe('2026-01');
  });

  it('takes a month or a day from a link, and nothing else', () => {
    expect(linkedPeriod('?period=2026-11')).toBe('2026-11');
    expect(linkedPeriod('?period=2026-11-03&x=1')).toBe('2026-11-03');
    expect(linkedPeriod('?period=2026-13')).toBeNull();
    expect(linkedPeriod('?period=<script>')).toBeNull();
    expect(linkedPeriod('')).toBeNull();
  });
});

import { defaultDay, defaultMonth, periodParts } from './report-periods';

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

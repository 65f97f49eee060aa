import { transferEndDate } from './parcel-term';

describe('transferEndDate (出让到期日期)', () => {
  it('is the same calendar day the term later', () => {
    expect(transferEndDate('2015-03-01', 50)).toBe('2065-03-01');
  });

  it('ends a 29 February start on 28 February of a common year, and keeps it in a leap year', () => {
    expect(transferEndDate('2016-02-29', 50)).toBe('2066-02-28');
    expect(transferEndDate('2016-02-29', 4)).toBe('2020-02-29');
  });

  it('is unknown without a date or a term, or with a malformed date', () => {
    expect(transferEndDate(null, 50)).toBeNull();
    expect(transferEndDate('2015-03-01', null)).toBeNull();
    expect(transferEndDate('2015/03/01', 50)).toBeNull();
    expect(transferEndDate('2015-03-01', 2.5)).toBeNull();
  });
});

import { difference, reconcile } from './reconciliation';

describe('electricity reconciliation', () => {
  it('gives metered − company and its share of the company figure', () => {
    expect(difference(1050, 1000)).toEqual({ differenceKwh: 50, differencePct: 5 });
    expect(difference(null, 1000)).toEqual({ differenceKwh: null, differencePct: null });
    expect(difference(10, 0)).toEqual({ differenceKwh: 10, differencePct: null });
  });

  it('leaves a month without meter data out of the difference, never as 0', () => {
    const metered = [1000, null, ...Array.from({ length: 10 }, () => null)];
    const company = [1100, 900, ...Array.from({ length: 10 }, () => null)];
    const r = reconcile(metered, company);
    expect(r.months[1]).toEqual({
      month: 2,
      meteredKwh: null,
      companyKwh: 900,
      differenceKwh: null,
      differencePct: null,
    });
    expect(r).toMatchObject({ meteredKwh: 1000, companyKwh: 2000, differenceKwh: -100, differencePct: -9.1 });
  });
});

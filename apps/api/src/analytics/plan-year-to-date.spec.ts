import { yearToDateValues } from './plan-progress';

describe('the plan year to date', () => {
  it('counts manufacturers whose revenue so far reached 2,000 万元 and sums their taxable sales', () => {
    const r = yearToDateValues([
      {
        manufacturer: true,
        revenue: { value: 2500, throughMonth: 6 },
        taxableSales: { value: 2400, throughMonth: 6 },
      },
      {
        manufacturer: true,
        revenue: { value: 1500, throughMonth: 6 },
        taxableSales: { value: 1400, throughMonth: 6 },
      },
      { manufacturer: true, revenue: { value: 2100, throughMonth: 3 }, taxableSales: null },
      {
        manufacturer: false,
        revenue: { value: 9000, throughMonth: 6 },
        taxableSales: { value: 9000, throughMonth: 6 },
      },
    ]);
    expect(r.throughMonth).toBe(6);
    expect(r.behind).toBe(1);
    expect(r.values['above-scale-enterprises']).toEqual({ value: 2, unit: '家' });
    expect(r.values['above-scale-taxable-sales']).toEqual({ value: 2400, unit: '万元' });
  });

  it('has nothing without monthly or quarterly figures', () => {
    expect(yearToDateValues([{ manufacturer: true, revenue: null, taxableSales: null }])).toEqual({
      throughMonth: null,
      behind: 0,
      values: {},
    });
  });
});

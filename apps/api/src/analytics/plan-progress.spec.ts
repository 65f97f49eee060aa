import { planValues, progressAgainst, type YearFacts } from './plan-progress';

const ent = (over: Partial<YearFacts['enterprises'][number]> = {}): YearFacts['enterprises'][number] => ({
  manufacturer: true,
  coreIndustry: false,
  incubating: false,
  revenue: 1000,
  taxableSales: 900,
  output: 1000,
  highTechOutput: 0,
  inventionPatents: 0,
  ...over,
});

const facts: YearFacts = {
  year: 2024,
  enterprises: [
    ent({
      coreIndustry: true,
      revenue: 5000,
      taxableSales: 4800,
      output: 6000,
      highTechOutput: 3000,
      inventionPatents: 12,
    }),
    ent({ revenue: 1999, inventionPatents: 3 }),
    ent({ manufacturer: false, incubating: true, revenue: null, output: null, inventionPatents: null }),
  ],
  cumulativeHighTechInvestment: 123456.789,
  carrierFloorM2: 200_000,
  carrierLeasedM2: 150_000,
  revitalizedMu: 420,
};

describe('the plan indicators computed from the records', () => {
  const values = planValues(facts);

  it('counts an enterprise as above scale only from 2,000 万元 revenue, and sums their taxable sales', () => {
    expect(values['above-scale-enterprises'].value).toBe(1);
    expect(values['above-scale-taxable-sales'].value).toBe(4800);
  });

  it('computes shares in % over the right denominators', () => {
    expect(values['high-tech-output-share'].value).toBe(42.9); // 3000 / 7000
    expect(values['core-industry-share'].value).toBe(50); // 1 of 2 manufacturers
    expect(values['carrier-occupancy'].value).toBe(75);
  });

  it('sums patents, counts incubating projects and carries the cumulative and land figures', () => {
    expect(values['invention-patents'].value).toBe(15);
    expect(values['incubating-projects'].value).toBe(1);
    expect(values['high-tech-investment'].value).toBe(123456.79);
    expect(values['inefficient-land-revitalized'].value).toBe(420);
  });

  it('judges "超" strictly and "达" inclusively', () => {
    const p = progressAgainst(values, [
      { indicator: 'carrier-occupancy', target: 75, comparator: 'gte' },
      { indicator: 'above-scale-enterprises', target: 1, comparator: 'gt' },
    ]);
    expect(p.find((x) => x.indicator === 'carrier-occupancy')).toMatchObject({ met: true, progress: 100 });
    expect(p.find((x) => x.indicator === 'above-scale-enterprises')).toMatchObject({
      met: false,
      progress: 100,
    });
    expect(p.find((x) => x.indicator === 'invention-patents')).toMatchObject({ target: null, met: null });
  });
});

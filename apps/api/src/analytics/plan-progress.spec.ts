import { planValues, progressAgainst, sumReported, type YearFacts } from './plan-progress';

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

describe('a year nobody reported', () => {
  const silent = ent({
    revenue: null,
    taxableSales: null,
    output: null,
    highTechOutput: null,
    inventionPatents: null,
  });
  const values = planValues({
    ...facts,
    enterprises: [{ ...silent, coreIndustry: true }, silent, { ...silent, incubating: true }],
    cumulativeHighTechInvestment: null,
  });

  it('leaves every figure resting on the reports null — not 0 firms, 0 patents or a 0 % share', () => {
    for (const indicator of [
      'high-tech-investment',
      'high-tech-output-share',
      'above-scale-enterprises',
      'above-scale-taxable-sales',
      'invention-patents',
    ] as const)
      expect([indicator, values[indicator].value]).toEqual([indicator, null]);
  });

  it('still gives what the flags and the land records say', () => {
    expect(values['core-industry-share'].value).toBe(33.3); // 1 of 3 manufacturers
    expect(values['incubating-projects'].value).toBe(1);
    expect(values['carrier-occupancy'].value).toBe(75);
    expect(values['inefficient-land-revitalized'].value).toBe(420);
  });

  it('has no progress against a target and is neither met nor missed', () => {
    const [p] = progressAgainst(values, [
      { indicator: 'invention-patents', target: 500, comparator: 'gte' },
    ]).filter((x) => x.indicator === 'invention-patents');
    expect(p).toEqual({
      indicator: 'invention-patents',
      unit: '件',
      value: null,
      target: 500,
      comparator: 'gte',
      progress: null,
      met: null,
    });
  });

  it('counts what was reported and zero only when reported as zero', () => {
    expect(sumReported([null, null])).toBeNull();
    expect(sumReported([null, 0])).toBe(0);
    expect(sumReported([3, null, 4])).toBe(7);
    const some = planValues({
      ...facts,
      enterprises: [ent({ revenue: 1500, output: 800, highTechOutput: null }), ent({ revenue: null })],
    });
    expect(some['above-scale-enterprises'].value).toBe(0); // one manufacturer reported, below 2,000 万元
    expect(some['above-scale-taxable-sales'].value).toBe(0);
    // both reported output (1,800), the second 0 high-tech output: 0 %; nobody reporting it would be null
    expect(some['high-tech-output-share'].value).toBe(0);
    expect(
      planValues({ ...facts, enterprises: [ent({ highTechOutput: null })] })['high-tech-output-share'].value,
    ).toBeNull();
  });
});

import {
  checkCriteria,
  describeCondition,
  describeOutcome,
  matchEnterprise,
  type EnterpriseFacts,
  type PolicyCondition,
} from './policy-criteria';

const facts = (over: Partial<EnterpriseFacts> = {}): EnterpriseFacts => ({
  id: 'e1',
  name: '启东示范精密机械有限公司',
  industryCode: '3484',
  coreIndustry: true,
  manufacturer: true,
  qualifications: ['high-tech-enterprise'],
  libraries: ['high-tech'],
  grades: { 2024: 'B' },
  figures: {
    2024: { revenue: 12_000, rdExpense: 252, employees: 180, tax: 600, output: 15_000, inventionPatents: 4 },
  },
  ...over,
});
const options = { latestYear: 2024, nearMarginPercent: 20 };

describe('a policy’s criteria', () => {
  it('keeps only the keys a field uses and refuses what cannot be matched', () => {
    const ok = checkCriteria([
      { field: 'revenue', comparator: 'gte', value: 5000, codes: ['x'], grade: 'A' },
      { field: 'industry', codes: ['34', '34', '3981'], year: 2024 },
      { field: 'grade', grade: 'B', year: 2023 },
      { field: 'manufacturer', value: 3 },
    ]);
    expect(ok).toEqual({
      ok: true,
      value: [
        { field: 'revenue', comparator: 'gte', value: 5000, year: null },
        { field: 'industry', codes: ['34', '3981'] },
        { field: 'grade', grade: 'B', year: 2023 },
        { field: 'manufacturer' },
      ],
    });
    expect(checkCriteria([])).toEqual({ ok: false, problem: 'criteria: at least one condition' });
    expect(checkCriteria([{ field: 'revenue', comparator: 'gt', value: 1 }])).toEqual({
      ok: false,
      problem: 'criteria[0].comparator: gte or lte',
    });
    expect(checkCriteria([{ field: 'rd-intensity', comparator: 'gte', value: 140 }])).toMatchObject({
      ok: false,
    });
    expect(checkCriteria([{ field: 'qualification', codes: ['nobel'] }])).toMatchObject({ ok: false });
    expect(checkCriteria([{ field: 'industry', codes: ['2x'] }])).toMatchObject({ ok: false });
    expect(checkCriteria([{ field: 'grade', grade: 'E' }])).toMatchObject({ ok: false });
    expect(checkCriteria([{ field: 'tax', comparator: 'gte', value: 1, year: 1999 }])).toMatchObject({
      ok: false,
    });
    expect(checkCriteria({ field: 'tax' })).toMatchObject({ ok: false });
  });

  it('says each condition in words', () => {
    expect(describeCondition({ field: 'revenue', comparator: 'gte', value: 2000 }, 'zh')).toBe(
      '营业收入（最近年度）≥ 2,000 万元',
    );
    expect(describeCondition({ field: 'grade', grade: 'B', year: 2024 }, 'zh')).toBe(
      '亩均效益评价（2024 年）B 类及以上',
    );
    expect(
      describeCondition({ field: 'qualification', codes: ['little-giant', 'specialized-sme'] }, 'zh'),
    ).toBe('持有专精特新“小巨人”企业或专精特新中小企业资质（有效期内）');
    expect(describeCondition({ field: 'employees', comparator: 'lte', value: 300 }, 'en')).toBe(
      'Employees (latest year) ≤ 300 people',
    );
  });
});

describe('matching one enterprise', () => {
  it('qualifies when every condition holds, and says each with the actual value', () => {
    const conditions: PolicyCondition[] = [
      { field: 'revenue', comparator: 'gte', value: 5000 },
      { field: 'industry', codes: ['34'] },
      { field: 'qualification', codes: ['high-tech-enterprise'] },
      { field: 'grade', grade: 'B' },
    ];
    const m = matchEnterprise(conditions, facts(), options);
    expect(m.verdict).toBe('qualified');
    expect(m.outcomes.map((o) => describeOutcome(o, 'zh'))).toEqual([
      '营业收入（2024 年）1.2 亿元 ≥ 5,000 万元 ✓',
      '行业代码 3484 属于 34 ✓',
      '持有高新技术企业 ✓',
      '亩均效益评价（2024 年）B 类，要求 B 类及以上 ✓',
    ]);
  });

  it('is nearly qualified a numeric shortfall within the margin, and says what it lacks', () => {
    const m = matchEnterprise(
      [{ field: 'rd-intensity', comparator: 'gte', value: 2.5 }, { field: 'manufacturer' }],
      facts(),
      options,
    );
    expect(m.verdict).toBe('nearly');
    expect(m.outcomes[0]).toMatchObject({ status: 'unmet', actual: 2.1, gap: 0.4, near: true });
    expect(describeOutcome(m.outcomes[0], 'zh')).toBe('研发投入强度（2024 年）2.1 %，还差 0.4 个百分点');
  });

  it('is not nearly qualified a shortfall beyond the margin, even alone', () => {
    const m = matchEnterprise([{ field: 'revenue', comparator: 'gte', value: 20_000 }], facts(), options);
    expect(m.verdict).toBe('not');
    expect(m.outcomes[0]).toMatchObject({ gap: 8000, near: false });
  });

  it('is nearly qualified with one non-numeric condition unmet, not with two', () => {
    const one = matchEnterprise(
      [
        { field: 'qualification', codes: ['little-giant'] },
        { field: 'revenue', comparator: 'gte', value: 1 },
      ],
      facts(),
      options,
    );
    expect(one.verdict).toBe('nearly');
    expect(describeOutcome(one.outcomes[0], 'zh')).toBe('未持有有效的专精特新“小巨人”企业 ✗');
    const two = matchEnterprise(
      [
        { field: 'qualification', codes: ['little-giant'] },
        { field: 'industry', codes: ['26'] },
      ],
      facts(),
      options,
    );
    expect(two.verdict).toBe('not');
  });

  it('never counts a figure not reported as 0, and never qualifies on one', () => {
    const f = facts({
      figures: {
        2024: {
          revenue: null,
          rdExpense: 100,
          employees: 10,
          tax: null,
          output: null,
          inventionPatents: null,
        },
      },
    });
    const lte = matchEnterprise([{ field: 'tax', comparator: 'lte', value: 1000 }], f, options);
    expect(lte.verdict).toBe('not');
    expect(lte.outcomes[0]).toMatchObject({ status: 'unknown', actual: null });
    expect(describeOutcome(lte.outcomes[0], 'zh')).toBe('税收（2024 年）未上报');
    const rd = matchEnterprise([{ field: 'rd-intensity', comparator: 'gte', value: 1 }], f, options);
    expect(rd.outcomes[0].status).toBe('unknown');
    const noRow = matchEnterprise(
      [{ field: 'employees', comparator: 'gte', value: 1, year: 2023 }],
      f,
      options,
    );
    expect(noRow.outcomes[0]).toMatchObject({ status: 'unknown', year: 2023 });
    const ungraded = matchEnterprise([{ field: 'grade', grade: 'D' }], facts({ grades: {} }), options);
    expect(ungraded.verdict).toBe('not');
    expect(describeOutcome(ungraded.outcomes[0], 'zh')).toBe('亩均效益评价（2024 年）未参评');
  });

  it('reads a ≤ condition and its excess, and a figure at its threshold meets it', () => {
    const m = matchEnterprise([{ field: 'employees', comparator: 'lte', value: 160 }], facts(), options);
    expect(m).toMatchObject({ verdict: 'nearly' });
    expect(describeOutcome(m.outcomes[0], 'zh')).toBe('从业人员（2024 年）180 人，超出 20 人');
    const at = matchEnterprise([{ field: 'rd-intensity', comparator: 'gte', value: 2.1 }], facts(), options);
    expect(at.verdict).toBe('qualified');
  });

  it('grades A before B: "at least B" takes an A and refuses a C', () => {
    expect(
      matchEnterprise([{ field: 'grade', grade: 'B' }], facts({ grades: { 2024: 'A' } }), options).verdict,
    ).toBe('qualified');
    expect(
      matchEnterprise([{ field: 'grade', grade: 'B' }], facts({ grades: { 2024: 'C' } }), options).verdict,
    ).toBe('nearly');
  });
});

describe('the words of a shortfall', () => {
  it('shows the decimals that tell a figure just short of its threshold from it', () => {
    const m = matchEnterprise(
      [{ field: 'rd-intensity', comparator: 'gte', value: 4 }],
      facts({
        figures: {
          2024: { revenue: 4995, rdExpense: 199.6, employees: 54, tax: 1, output: 1, inventionPatents: 1 },
        },
      }),
      options,
    );
    expect(describeOutcome(m.outcomes[0], 'zh')).toBe('研发投入强度（2024 年）3.996 %，还差 0.004 个百分点');
    expect(describeOutcome(m.outcomes[0], 'en')).toBe(
      'R&D intensity (2024) 3.996 %, 0.004 percentage points short',
    );
  });
});

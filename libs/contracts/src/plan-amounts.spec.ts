import { fromPlanUnit, planUnitOf, toPlanUnit } from './plan-amounts';

describe('plan amounts (万元 kept, 亿元 spoken)', () => {
  it('says a 万元 total in 亿元, as the plan states its targets', () => {
    expect(toPlanUnit(500_000, '万元')).toEqual({ value: 50, unit: '亿元' });
    expect(toPlanUnit(3_000_000, '万元')).toEqual({ value: 300, unit: '亿元' });
    expect(toPlanUnit(123_456, '万元')).toEqual({ value: 12.3456, unit: '亿元' });
  });

  it('leaves shares, counts, areas and per-亩 figures in their own unit', () => {
    for (const unit of ['%', '家', '件', '个', '亩', '万元/亩', '万元/tce', ''])
      expect(toPlanUnit(42, unit)).toEqual({ value: 42, unit });
    expect(planUnitOf('万元')).toBe('亿元');
    expect(planUnitOf('%')).toBe('%');
  });

  it('takes a form figure in 亿元 back to 万元 without float residue', () => {
    expect(fromPlanUnit(50, '万元')).toBe(500_000);
    expect(fromPlanUnit(12.345, '万元')).toBe(123_450);
    expect(fromPlanUnit(0.000_001, '万元')).toBe(0.01);
    expect(fromPlanUnit(90, '%')).toBe(90);
  });

  it('round-trips a stored target through the form', () => {
    for (const stored of [500_000, 3_000_000, 123_456.78, 0])
      expect(fromPlanUnit(toPlanUnit(stored, '万元').value, '万元')).toBe(stored);
  });
});

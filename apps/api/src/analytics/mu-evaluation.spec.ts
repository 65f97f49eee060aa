import { DEFAULT_SCHEME, evaluate, gradeOf, schemeProblem, type EvaluationSubject } from './mu-evaluation';

const subject = (
  id: string,
  landMu: number,
  tax: number,
  sales: number,
  energyTce = 100,
): EvaluationSubject => ({
  id,
  name: id,
  landMu,
  tax,
  sales,
  output: sales,
  rdExpense: sales * 0.03,
  revenue: sales,
  energyTce,
});

describe('亩均 evaluation', () => {
  it('scores tax and sales per 亩 against twice the mean, weighted 45/35/20 by default', () => {
    const rows = evaluate([subject('a', 10, 100, 1000), subject('b', 10, 300, 3000)]);
    // benchmarks = 2 × mean: tax/亩 40, sales/亩 400, output/tce 40
    // a: 10/40×45 + 100/400×35 + 10/40×20 = 11.25 + 8.75 + 5
    expect(rows.find((r) => r.id === 'a')).toMatchObject({ score: 25, rank: 2, grade: 'D' });
    // b: 30/40×45 + 300/400×35 + 30/40×20 = 33.75 + 26.25 + 15
    expect(rows.find((r) => r.id === 'b')).toMatchObject({ score: 75, rank: 1, grade: 'B' });
  });

  it('lets tax per 亩 outweigh energy: twice the tax per 亩 beats half the energy use', () => {
    const rows = evaluate([subject('frugal', 10, 100, 1000, 50), subject('taxpayer', 10, 200, 1000, 100)]);
    expect(rows.find((r) => r.rank === 1)?.id).toBe('taxpayer');
  });

  it('does not grade an enterprise without land or without tax and sales', () => {
    const rows = evaluate([subject('a', 10, 100, 1000), { ...subject('b', 0, 50, 500) }]);
    expect(rows.find((r) => r.id === 'b')).toMatchObject({ score: null, grade: null, rank: null });
  });

  it('grades by rank share: top 20 % A, to 60 % B, to 95 % C, last 5 % D', () => {
    const grades = Array.from({ length: 20 }, (_, i) => gradeOf(i + 1, 20, DEFAULT_SCHEME));
    expect(grades.filter((g) => g === 'A')).toHaveLength(4);
    expect(grades.filter((g) => g === 'B')).toHaveLength(8);
    expect(grades.filter((g) => g === 'C')).toHaveLength(7);
    expect(grades.filter((g) => g === 'D')).toHaveLength(1);
  });

  it('refuses a scheme with negative weights or unordered cut-offs, naming the field', () => {
    expect(schemeProblem(DEFAULT_SCHEME)).toBeNull();
    expect(
      schemeProblem({ ...DEFAULT_SCHEME, weights: { ...DEFAULT_SCHEME.weights, taxPerMu: -1 } }),
    ).toContain('weights.taxPerMu');
    expect(schemeProblem({ ...DEFAULT_SCHEME, gradeCutoffs: { A: 0.6, B: 0.2, C: 0.95 } })).toContain(
      'gradeCutoffs',
    );
  });
});

import {
  DEFAULT_SCHEME,
  evaluate,
  evaluateAgainst,
  gradeByScore,
  gradeFloors,
  gradeOf,
  schemeProblem,
  type EvaluationSubject,
} from './mu-evaluation';

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

  it("gives each indicator's points (value / benchmark × weight), null where it adds nothing", () => {
    const rows = evaluate([
      subject('a', 10, 100, 1000),
      subject('b', 10, 300, 3000),
      subject('c', 0, 50, 500),
    ]);
    expect(rows.find((r) => r.id === 'a')?.points).toEqual({
      taxPerMu: 11.25,
      salesPerMu: 8.75,
      outputPerMu: 0,
      outputPerEnergy: 5,
      rdIntensity: 0,
    });
    // Not scored (no land): no indicator adds anything.
    expect(Object.values(rows.find((r) => r.id === 'c')!.points)).toEqual([null, null, null, null, null]);
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

describe('carriers against the enterprises', () => {
  // tax per 亩 t/10, sales per 亩 t, output per tce t/10: with benchmarks 60, 600 and 60 every score is t / 6.
  const even = (id: string, tax: number): EvaluationSubject => ({
    ...subject(id, 10, tax, tax * 10),
    output: tax * 10,
  });
  const enterprises = [100, 200, 300, 400, 500].map((tax, i) => even(`e${i + 1}`, tax));
  const graded = evaluate(enterprises);
  const carriers = [even('c1', 600), even('c2', 300), even('c3', 250), even('c4', 220)];

  it('grades the enterprises first: 16.67 … 83.33 points, A B B C D', () => {
    expect(graded.map((r) => [r.id, r.score, r.grade])).toEqual([
      ['e1', 16.67, 'D'],
      ['e2', 33.33, 'C'],
      ['e3', 50, 'B'],
      ['e4', 66.67, 'B'],
      ['e5', 83.33, 'A'],
    ]);
    expect(gradeFloors(graded)).toEqual({ A: 83.33, B: 50, C: 33.33, D: 16.67 });
  });

  it("scores each carrier against the enterprises' benchmarks and gives it the grade that score earned", () => {
    const rows = evaluateAgainst(carriers, DEFAULT_SCHEME, enterprises, graded);
    expect(rows.map((r) => [r.id, r.score, r.rank, r.grade])).toEqual([
      ['c1', 100, 1, 'A'],
      ['c2', 50, 2, 'B'],
      ['c3', 41.67, 3, 'C'],
      ['c4', 36.67, 4, 'C'],
    ]);
    expect(rows[0].values.taxPerMu).toBe(60);
  });

  it('would otherwise never give one of four carriers an A, and always the last a D', () => {
    expect(evaluate(carriers).map((r) => r.grade)).toEqual(['B', 'B', 'C', 'D']);
  });

  it('reaches a grade at its lowest score exactly, and falls to D below C', () => {
    const floors = { A: 80, B: 50, C: 30, D: 10 };
    expect([80, 79.99, 50, 30, 29.99, 0].map((s) => gradeByScore(s, floors))).toEqual([
      'A',
      'B',
      'B',
      'C',
      'D',
      'D',
    ]);
  });

  it('scores and grades nothing when no enterprise is graded that year', () => {
    const rows = evaluateAgainst(carriers, DEFAULT_SCHEME, [], []);
    expect(rows.map((r) => [r.score, r.rank, r.grade])).toEqual(carriers.map(() => [null, null, null]));
    expect(rows[0].values.taxPerMu).toBe(60);
  });
});

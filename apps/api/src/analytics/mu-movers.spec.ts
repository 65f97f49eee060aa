import { MU_INDICATORS, type EvaluationRow, type Grade, type MuIndicator } from '@park/contracts';
import { evaluate, type EvaluationSubject } from './mu-evaluation';
import { gradeMovers } from './mu-movers';

type Figures = Partial<Record<MuIndicator, [value: number | null, points: number | null]>>;

/** A row as `evaluate` returns it; indicators left out are not reported (value and points null). */
const row = (
  id: string,
  grade: Grade | null,
  score: number | null,
  rank: number | null,
  figures: Figures = {},
  landMu = 10,
): EvaluationRow => {
  const values = {} as Record<MuIndicator, number | null>;
  const points = {} as Record<MuIndicator, number | null>;
  for (const k of MU_INDICATORS) {
    values[k] = figures[k]?.[0] ?? null;
    points[k] = figures[k]?.[1] ?? null;
  }
  return { id, name: id, landMu, values, points, score, rank, grade };
};

describe('grade movers between two years', () => {
  it('explains a drop by the indicator that lost most points, its values in both years with the unit', () => {
    const moves = gradeMovers(
      [row('x', 'B', 60, 3, { taxPerMu: [18.2, 30], salesPerMu: [300, 20], outputPerEnergy: [5, 10] })],
      [row('x', 'C', 36, 5, { taxPerMu: [9.6, 15], salesPerMu: [315, 21] })],
    );
    expect(moves).toEqual([
      {
        kind: 'down',
        id: 'x',
        name: 'x',
        from: 'B',
        to: 'C',
        scoreFrom: 60,
        scoreTo: 36,
        rankFrom: 3,
        rankTo: 5,
        reasons: [
          {
            indicator: 'taxPerMu',
            unit: '万元/亩',
            valueFrom: 18.2,
            valueTo: 9.6,
            pointsFrom: 30,
            pointsTo: 15,
            pointsChange: -15,
          },
          // Not reported the second year: it adds no points, and its value stays null — not 0.
          {
            indicator: 'outputPerEnergy',
            unit: '万元/tce',
            valueFrom: 5,
            valueTo: null,
            pointsFrom: 10,
            pointsTo: null,
            pointsChange: -10,
          },
        ],
      },
    ]);
  });

  it('explains a rise by the indicators that gained points, and leaves those that fell out', () => {
    const [move] = gradeMovers(
      [row('y', 'D', 20, 9, { taxPerMu: [3, 5], salesPerMu: [150, 10], outputPerEnergy: [2, 5] })],
      [row('y', 'A', 90, 1, { taxPerMu: [30, 50], salesPerMu: [600, 38], outputPerEnergy: [1, 2] })],
    );
    expect(move).toMatchObject({ kind: 'up', from: 'D', to: 'A' });
    expect(move.kind === 'up' && move.reasons.map((r) => [r.indicator, r.pointsChange])).toEqual([
      ['taxPerMu', 45],
      ['salesPerMu', 28],
    ]);
  });

  it('gives no reason when the grade moved by rank alone (its score did not move that way)', () => {
    const [move] = gradeMovers(
      [row('z', 'A', 70, 2, { taxPerMu: [20, 40], salesPerMu: [400, 30] })],
      [row('z', 'B', 72, 4, { taxPerMu: [21, 41], salesPerMu: [410, 31] })],
    );
    expect(move).toMatchObject({ kind: 'down', from: 'A', to: 'B', scoreFrom: 70, scoreTo: 72, reasons: [] });
  });

  it('lists who entered or left the graded population with the cause on the ungraded side, and skips the unchanged', () => {
    const moves = gradeMovers(
      [
        row('same', 'B', 50, 2),
        row('no-land', 'C', 30, 4),
        row('quiet', 'C', 31, 3),
        row('later', null, null, null, { salesPerMu: [100, null] }, 0),
      ],
      [
        row('same', 'B', 52, 2),
        row('no-land', null, null, null, { outputPerEnergy: [3, null] }, 0),
        row('quiet', null, null, null, { salesPerMu: [120, null] }),
        row('later', 'A', 80, 1),
        row('new', 'C', 33, 3),
      ],
    );
    expect(moves).toEqual([
      { kind: 'left', id: 'no-land', name: 'no-land', from: 'C', scoreFrom: 30, cause: 'no-land' },
      { kind: 'left', id: 'quiet', name: 'quiet', from: 'C', scoreFrom: 31, cause: 'not-reported' },
      { kind: 'entered', id: 'later', name: 'later', to: 'A', scoreTo: 80, cause: 'no-land' },
      { kind: 'entered', id: 'new', name: 'new', to: 'C', scoreTo: 33, cause: 'not-listed' },
    ]);
    expect(gradeMovers([row('gone', 'D', 10, 5)], [])).toEqual([
      { kind: 'left', id: 'gone', name: 'gone', from: 'D', scoreFrom: 10, cause: 'not-listed' },
    ]);
  });

  it('lists drops before rises, the bigger jump first', () => {
    const moves = gradeMovers(
      [row('u1', 'C', 30, 5), row('u2', 'D', 10, 6), row('d1', 'B', 50, 2), row('e', null, null, null)],
      [row('u1', 'B', 50, 2), row('u2', 'A', 90, 1), row('d1', 'C', 30, 5), row('e', 'C', 31, 4)],
    );
    expect(moves.map((m) => m.id)).toEqual(['d1', 'u2', 'u1', 'e']);
  });

  it('reads the rows evaluate() produces: a firm whose tax per 亩 halves drops a grade, explained by it', () => {
    const firm = (id: string, tax: number, sales: number): EvaluationSubject => ({
      id,
      name: id,
      landMu: 10,
      tax,
      sales,
      output: sales,
      rdExpense: null,
      revenue: null,
      energyTce: 100,
    });
    const others = [firm('b', 150, 2000), firm('c', 120, 1800), firm('d', 100, 1500), firm('e', 60, 900)];
    const year1 = evaluate([firm('a', 200, 2000), ...others]);
    const year2 = evaluate([firm('a', 90, 2000), ...others], undefined, [firm('a', 200, 2000), ...others]);
    const [move, ...rest] = gradeMovers(year1, year2);
    expect(move).toMatchObject({ kind: 'down', id: 'a', from: 'A', to: 'B' });
    // b's figures did not change: it rose by rank alone, so no indicator explains it.
    expect(rest).toMatchObject([{ kind: 'up', id: 'b', from: 'B', to: 'A', reasons: [] }]);
    expect(move.kind === 'down' && move.reasons[0]).toMatchObject({
      indicator: 'taxPerMu',
      valueFrom: 20,
      valueTo: 9,
      unit: '万元/亩',
    });
    expect(move.kind === 'down' && move.reasons.map((r) => r.indicator)).toEqual(['taxPerMu']);
  });
});

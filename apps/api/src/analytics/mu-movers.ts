/**
 * Who moved between grades from one year's 亩均 evaluation to the next, and why — pure. Compares two years' rows as
 * `evaluate` returns them (docs/analytics.md, "Grade movers"): an enterprise graded in both years with another grade
 * moved up or down, explained by the indicators whose points (value / benchmark × weight) changed in the direction
 * of the move, largest change first; one graded in only one of the years entered or left the graded population.
 * A figure not reported stays null in the reasons: it adds no points to the score, but it is not a 0.
 */
import {
  MU_INDICATORS,
  MU_INDICATOR_UNITS,
  type EvaluationRow,
  type Grade,
  type GradeMove,
  type MoveReason,
  type UngradedCause,
} from '@park/contracts';

const GRADE_ORDER: Readonly<Record<Grade, number>> = { A: 4, B: 3, C: 2, D: 1 };
const KIND_ORDER: Readonly<Record<GradeMove['kind'], number>> = { down: 0, up: 1, left: 2, entered: 3 };

interface Graded {
  readonly row: EvaluationRow;
  readonly grade: Grade;
  readonly score: number;
  readonly rank: number;
}

/**
 * The grade moves from `previous` (one year's rows) to `current` (the next year's): down first, then up, left,
 * entered; within a kind the biggest jump in grades first, then by name.
 */
export function gradeMovers(
  previous: readonly EvaluationRow[],
  current: readonly EvaluationRow[],
): GradeMove[] {
  const before = new Map(previous.map((r) => [r.id, r]));
  const after = new Map(current.map((r) => [r.id, r]));
  const moves: GradeMove[] = [];
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const was = before.get(id);
    const is = after.get(id);
    const from = graded(was);
    const to = graded(is);
    if (from && to) {
      if (from.grade === to.grade) continue;
      const kind = GRADE_ORDER[to.grade] > GRADE_ORDER[from.grade] ? 'up' : 'down';
      moves.push({
        kind,
        id,
        name: to.row.name,
        from: from.grade,
        to: to.grade,
        scoreFrom: from.score,
        scoreTo: to.score,
        rankFrom: from.rank,
        rankTo: to.rank,
        reasons: moveReasons(from.row, to.row, kind),
      });
    } else if (to) {
      moves.push({
        kind: 'entered',
        id,
        name: to.row.name,
        to: to.grade,
        scoreTo: to.score,
        cause: causeOf(was),
      });
    } else if (from) {
      moves.push({
        kind: 'left',
        id,
        name: from.row.name,
        from: from.grade,
        scoreFrom: from.score,
        cause: causeOf(is),
      });
    }
  }
  return moves.sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || steps(b) - steps(a) || a.name.localeCompare(b.name, 'zh'),
  );
}

/** The indicators whose points moved the way the grade did, the largest change first. */
export function moveReasons(from: EvaluationRow, to: EvaluationRow, direction: 'up' | 'down'): MoveReason[] {
  const sign = direction === 'up' ? 1 : -1;
  return MU_INDICATORS.map((indicator) => {
    const pointsFrom = from.points[indicator];
    const pointsTo = to.points[indicator];
    return {
      indicator,
      unit: MU_INDICATOR_UNITS[indicator],
      valueFrom: from.values[indicator],
      valueTo: to.values[indicator],
      pointsFrom,
      pointsTo,
      // An indicator that adds nothing to the score (not reported, no benchmark) counts as 0 points here only.
      pointsChange: Math.round(((pointsTo ?? 0) - (pointsFrom ?? 0)) * 100) / 100,
    };
  })
    .filter((r) => r.pointsChange * sign > 0)
    .sort((a, b) => Math.abs(b.pointsChange) - Math.abs(a.pointsChange));
}

function graded(row: EvaluationRow | undefined): Graded | null {
  if (!row || row.grade === null || row.score === null || row.rank === null) return null;
  return { row, grade: row.grade, score: row.score, rank: row.rank };
}

/** Why a row (or its absence) is not graded: the same conditions `evaluate` grades by. */
function causeOf(row: EvaluationRow | undefined): UngradedCause {
  if (!row) return 'not-listed';
  if (!(row.landMu > 0)) return 'no-land';
  return 'not-reported';
}

function steps(move: GradeMove): number {
  return move.kind === 'up' || move.kind === 'down'
    ? Math.abs(GRADE_ORDER[move.to] - GRADE_ORDER[move.from])
    : 0;
}

/**
 * 亩均效益评价 (per-亩 performance evaluation), pure. Default scheme: 淮安市《工业企业资源集约利用综合评价办法》
 * (2024, applied by each county): score = Σ (value / benchmark) × weight, benchmark ≈ 2 × the area's average of
 * the previous year; A = top 20 %, B = to 60 %, C = to 95 %, D = the last 5 %. See docs/analytics.md.
 */
import {
  MU_INDICATORS,
  type EvaluationRow,
  type EvaluationScheme,
  type Grade,
  type MuIndicator,
} from '@park/contracts';

export const DEFAULT_SCHEME: EvaluationScheme = {
  weights: { taxPerMu: 45, salesPerMu: 35, outputPerEnergy: 20, outputPerMu: 0, rdIntensity: 0 },
  benchmarkFactor: 2,
  gradeCutoffs: { A: 0.2, B: 0.6, C: 0.95 },
  source:
    '淮安市工业企业资源集约利用综合评价办法 (2024): 亩均税收45%、亩均销售收入35%、绿色发展20%; A前20%、B 20–60%、C 60–95%、D后5%',
};

export interface EvaluationSubject {
  readonly id: string;
  readonly name: string;
  /** Land used, 亩; subjects without land are listed but not graded (the schemes' "不定等级"). */
  readonly landMu: number;
  /** 万元 */
  readonly tax: number | null;
  readonly sales: number | null;
  readonly output: number | null;
  readonly rdExpense: number | null;
  readonly revenue: number | null;
  /** tce */
  readonly energyTce: number | null;
}

const ratio = (a: number | null, b: number | null): number | null =>
  a === null || b === null || b <= 0 ? null : a / b;

export function indicatorValues(s: EvaluationSubject): Record<MuIndicator, number | null> {
  const land = s.landMu > 0 ? s.landMu : null;
  const rd = ratio(s.rdExpense, s.revenue);
  return {
    taxPerMu: ratio(s.tax, land),
    salesPerMu: ratio(s.sales, land),
    outputPerMu: ratio(s.output, land),
    outputPerEnergy: ratio(s.output, s.energyTce),
    rdIntensity: rd === null ? null : rd * 100,
  };
}

/** Scores and grades subjects against benchmarks (from `benchmarkFrom`, e.g. last year's subjects; else these). */
export function evaluate(
  subjects: readonly EvaluationSubject[],
  scheme: EvaluationScheme = DEFAULT_SCHEME,
  benchmarkFrom: readonly EvaluationSubject[] = subjects,
): EvaluationRow[] {
  const benchmarks = benchmarksOf(
    benchmarkFrom.length > 0 ? benchmarkFrom : subjects,
    scheme.benchmarkFactor,
  );
  const scored = subjects.map((s) => {
    const values = indicatorValues(s);
    const gradable = s.landMu > 0 && values.taxPerMu !== null && values.salesPerMu !== null;
    const points = noPoints();
    let score: number | null = null;
    if (gradable) {
      score = 0;
      for (const k of MU_INDICATORS) {
        const w = scheme.weights[k];
        const v = values[k];
        const b = benchmarks[k];
        if (v !== null && b !== null && b > 0) {
          score += (v / b) * w;
          points[k] = Math.round((v / b) * w * 100) / 100;
        }
      }
      score = Math.round(score * 100) / 100;
    }
    return { id: s.id, name: s.name, landMu: s.landMu, values, points, score };
  });
  const ranked = scored
    .filter((r) => r.score !== null)
    .sort((a, b) => b.score! - a.score! || a.name.localeCompare(b.name));
  const n = ranked.length;
  const place = new Map(ranked.map((r, i) => [r.id, i + 1]));
  return scored.map((r) => {
    const rank = place.get(r.id) ?? null;
    return { ...r, rank, grade: rank === null ? null : gradeOf(rank, n, scheme) };
  });
}

/**
 * Scores subjects (the carriers) against another population's benchmarks (the enterprises') and grades each by
 * that population's grade boundaries: a subject gets the grade an enterprise with the same score got. Ranks are
 * among the subjects themselves. Without a graded reference nothing is scored or graded — scoring a handful of
 * carriers against their own mean and grading them by rank among themselves would make A unreachable for four and
 * the last always D.
 */
export function evaluateAgainst(
  subjects: readonly EvaluationSubject[],
  scheme: EvaluationScheme,
  benchmarkFrom: readonly EvaluationSubject[],
  reference: readonly EvaluationRow[],
): EvaluationRow[] {
  const floors = gradeFloors(reference);
  if (benchmarkFrom.length === 0 || floors === null)
    return subjects.map((s) => ({
      id: s.id,
      name: s.name,
      landMu: s.landMu,
      values: indicatorValues(s),
      points: noPoints(),
      score: null,
      rank: null,
      grade: null,
    }));
  return evaluate(subjects, scheme, benchmarkFrom).map((row) => ({
    ...row,
    grade: row.score === null ? null : gradeByScore(row.score, floors),
  }));
}

/** The lowest score that earned each grade in a graded population; null when nobody is graded. */
export function gradeFloors(rows: readonly EvaluationRow[]): Partial<Record<Grade, number>> | null {
  const floors: Partial<Record<Grade, number>> = {};
  for (const row of rows)
    if (row.grade !== null && row.score !== null)
      floors[row.grade] = Math.min(floors[row.grade] ?? Number.POSITIVE_INFINITY, row.score);
  return Object.keys(floors).length === 0 ? null : floors;
}

/** The best grade whose lowest score the score reaches; D below them all. */
export function gradeByScore(score: number, floors: Partial<Record<Grade, number>>): Grade {
  for (const grade of ['A', 'B', 'C'] as const) {
    const floor = floors[grade];
    if (floor !== undefined && score >= floor) return grade;
  }
  return 'D';
}

/** Grade by rank share: rank/n ≤ A → A, ≤ B → B, ≤ C → C, else D. */
export function gradeOf(rank: number, n: number, scheme: EvaluationScheme): Grade {
  const share = rank / n;
  if (share <= scheme.gradeCutoffs.A) return 'A';
  if (share <= scheme.gradeCutoffs.B) return 'B';
  if (share <= scheme.gradeCutoffs.C) return 'C';
  return 'D';
}

function noPoints(): Record<MuIndicator, number | null> {
  return { taxPerMu: null, salesPerMu: null, outputPerMu: null, outputPerEnergy: null, rdIntensity: null };
}

/** The benchmark of each indicator: factor × its mean over the subjects with land that reported it. */
export function benchmarksOf(
  subjects: readonly EvaluationSubject[],
  factor: number,
): Record<MuIndicator, number | null> {
  const out = {} as Record<MuIndicator, number | null>;
  const rows = subjects.filter((s) => s.landMu > 0).map(indicatorValues);
  for (const k of MU_INDICATORS) {
    const vs = rows.map((r) => r[k]).filter((v): v is number => v !== null);
    out[k] = vs.length === 0 ? null : (vs.reduce((a, b) => a + b, 0) / vs.length) * factor;
  }
  return out;
}

/** Why a scheme is unusable, or null. */
export function schemeProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'scheme must be an object';
  const s = value as Partial<EvaluationScheme>;
  if (typeof s.weights !== 'object' || s.weights === null) return 'weights must be an object';
  for (const k of MU_INDICATORS) {
    const w = (s.weights as Record<string, unknown>)[k];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) return `weights.${k} must be a number ≥ 0`;
  }
  if (Object.values(s.weights).every((w) => w === 0)) return 'at least one weight must be above 0';
  if (typeof s.benchmarkFactor !== 'number' || !(s.benchmarkFactor > 0)) return 'benchmarkFactor must be > 0';
  const c = s.gradeCutoffs;
  if (
    !c ||
    ![c.A, c.B, c.C].every((x) => typeof x === 'number' && x > 0 && x <= 1) ||
    !(c.A < c.B && c.B < c.C)
  )
    return 'gradeCutoffs must be shares with 0 < A < B < C ≤ 1';
  if (typeof s.source !== 'string' || s.source.length === 0)
    return 'source must say where the scheme comes from';
  return null;
}

/**
 * The plan's analytics as the REST API sends them (apps/api/src/analytics, docs/analytics.md): the 亩均效益评价
 * (per-亩 evaluation) and its scheme, each indicator's progress against the plan's targets year by year, the
 * members of the cultivation libraries and the carriers' performance.
 */
import type { CultivationBasis } from './qualification-views';
import type { CarrierView, PlanIndicator } from './records-views';

/** The per-亩 indicators the evaluation scores. */
export const MU_INDICATORS = [
  'taxPerMu',
  'salesPerMu',
  'outputPerMu',
  'outputPerEnergy',
  'rdIntensity',
] as const;
export type MuIndicator = (typeof MU_INDICATORS)[number];

/** Each indicator's unit as the evaluation computes it. */
export const MU_INDICATOR_UNITS: Readonly<Record<MuIndicator, string>> = {
  taxPerMu: '万元/亩',
  salesPerMu: '万元/亩',
  outputPerMu: '万元/亩',
  outputPerEnergy: '万元/tce',
  rdIntensity: '%',
};

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

export interface EvaluationScheme {
  /** Weight of each indicator, in points; they need not sum to 100, but the default does. */
  readonly weights: Readonly<Record<MuIndicator, number>>;
  /** Benchmark = factor × the park mean of the indicator (the 淮安 scheme: about 2 × last year's mean). */
  readonly benchmarkFactor: number;
  /** Upper rank share (0–1) of each grade: A top 20 %, B to 60 %, C to 95 %, the rest D. */
  readonly gradeCutoffs: { readonly A: number; readonly B: number; readonly C: number };
  readonly source: string;
}

/** One enterprise's (or carrier's) evaluation. */
export interface EvaluationRow {
  readonly id: string;
  readonly name: string;
  readonly landMu: number;
  /** 万元/亩, 万元/亩, 万元/亩, 万元/tce, % */
  readonly values: Readonly<Record<MuIndicator, number | null>>;
  /**
   * The points each indicator adds to the score (value / benchmark × weight). Null when the subject is not scored,
   * or the indicator is not reported or has no benchmark (it then adds nothing); 0 under a weight of 0.
   */
  readonly points: Readonly<Record<MuIndicator, number | null>>;
  readonly score: number | null;
  readonly rank: number | null;
  readonly grade: Grade | null;
}

/** One indicator in one year: value, target, progress (value / target, %, not capped) and whether it is met. */
export interface IndicatorProgress {
  readonly indicator: PlanIndicator;
  readonly unit: string;
  /** Null when the year's records do not carry what it needs (no enterprise reported it): "not reported", not 0. */
  readonly value: number | null;
  readonly target: number | null;
  readonly comparator: 'gt' | 'gte' | null;
  /** value / target, %, capped at nothing; null without a target or a value. */
  readonly progress: number | null;
  /** Null without a target or a value. */
  readonly met: boolean | null;
}

/** The plan's progress in one year (GET /api/analytics/progress, GET /api/wall/progress). */
export interface PlanProgressYear {
  readonly year: number;
  readonly indicators: IndicatorProgress[];
}

/** A member of a cultivation library: whether it reaches the library's threshold, and how far. */
export interface CultivationEntry {
  readonly enterpriseId: string;
  readonly name: string;
  readonly achieved: boolean;
  readonly measure: string;
  readonly value: number | null;
  /**
   * The threshold this enterprise is held to: one figure per library, except 高新技术, whose R&D-intensity band
   * depends on the enterprise's revenue (5 / 4 / 3 %) — null when its revenue is not reported.
   */
  readonly threshold: number | null;
  /** value / threshold, %; null when either is unknown. */
  readonly progress: number | null;
  /** Why it is in the library: its flag, its cultivation list, its certificates (docs/analytics.md). */
  readonly basis: CultivationBasis[];
}

/** A carrier with its land, its tenants and its own evaluation. */
export interface CarrierPerformance extends CarrierView {
  readonly landMu: number;
  readonly tenants: { enterpriseId: string; name: string; areaM2: number; admission: string }[];
  readonly evaluation: EvaluationRow | null;
}

/** One indicator's part in a grade move: its value and points in both years (null = not reported, never 0). */
export interface MoveReason {
  readonly indicator: MuIndicator;
  readonly unit: string;
  readonly valueFrom: number | null;
  readonly valueTo: number | null;
  readonly pointsFrom: number | null;
  readonly pointsTo: number | null;
  /** Points gained (+) or lost (−); an indicator that adds nothing counts as 0 points here. */
  readonly pointsChange: number;
}

/** Why a subject is graded in one year and not in the other. */
export type UngradedCause =
  /** No row that year: neither tax nor sales reported. */
  | 'not-listed'
  /** No land (own parcels or leased carrier space). */
  | 'no-land'
  /** Tax or sales (per 亩) not reported. */
  | 'not-reported';

/**
 * An enterprise whose grade changed between two consecutive years (GET /api/analytics/evaluation/movers):
 * up/down with the indicators that moved its score that way (largest change first; empty when the score itself
 * did not move that way and the grade changed by rank — others overtook it or fell behind), or entered/left the
 * graded population, with the cause on the ungraded side.
 */
export type GradeMove =
  | {
      readonly kind: 'up' | 'down';
      readonly id: string;
      readonly name: string;
      readonly from: Grade;
      readonly to: Grade;
      readonly scoreFrom: number;
      readonly scoreTo: number;
      readonly rankFrom: number;
      readonly rankTo: number;
      readonly reasons: MoveReason[];
    }
  | {
      readonly kind: 'entered';
      readonly id: string;
      readonly name: string;
      readonly to: Grade;
      readonly scoreTo: number;
      readonly cause: UngradedCause;
    }
  | {
      readonly kind: 'left';
      readonly id: string;
      readonly name: string;
      readonly from: Grade;
      readonly scoreFrom: number;
      readonly cause: UngradedCause;
    };

/** The grade moves between a year and the one before it. */
export interface GradeMovers {
  readonly year: number;
  readonly previousYear: number;
  /** How many enterprises were graded in each of the two years (0 the year before: nothing to compare with). */
  readonly graded: number;
  readonly previousGraded: number;
  readonly moves: GradeMove[];
}

/**
 * What a year's subjects are scored against (GET /api/analytics/evaluation/benchmarks): the enterprises' benchmark
 * of each indicator, the weights, and the lowest enterprise score of each grade — the score a carrier needs for it.
 */
export interface EvaluationBenchmarks {
  readonly year: number;
  /** The year whose enterprises' mean the benchmarks come from: the year before when it graded at least three. */
  readonly basisYear: number;
  readonly benchmarkFactor: number;
  /** factor × the mean of the indicator, in its unit (MU_INDICATOR_UNITS); null when nobody reported it. */
  readonly benchmarks: Readonly<Record<MuIndicator, number | null>>;
  readonly weights: Readonly<Record<MuIndicator, number>>;
  /** Null when no enterprise is graded that year (carriers are then neither scored nor graded). */
  readonly gradeFloors: Readonly<Partial<Record<Grade, number>>> | null;
}

/** One year of an enterprise's evaluation; `evaluation` null when it has no row that year. */
export interface EvaluationHistoryYear {
  readonly year: number;
  /** How many enterprises were graded that year (the population its rank is among). */
  readonly graded: number;
  readonly evaluation: EvaluationRow | null;
  /**
   * Its grade move from the year before, as the movers list gives it; null when the grade did not change, when it
   * was graded in neither year, and in a year whose year before has no indicator rows (the first one listed).
   */
  readonly move: GradeMove | null;
}

/** An enterprise's evaluation in every year that has indicator rows, oldest first. */
export interface EvaluationHistory {
  readonly enterpriseId: string;
  readonly name: string;
  readonly years: EvaluationHistoryYear[];
}

/**
 * The plan's analytics as the REST API sends them (apps/api/src/analytics, docs/analytics.md): the 亩均效益评价
 * (per-亩 evaluation) and its scheme, each indicator's progress against the plan's targets year by year, the
 * members of the cultivation libraries and the carriers' performance.
 */
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

export type Grade = 'A' | 'B' | 'C' | 'D';

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
}

/** A carrier with its land, its tenants and its own evaluation. */
export interface CarrierPerformance extends CarrierView {
  readonly landMu: number;
  readonly tenants: { enterpriseId: string; name: string; areaM2: number; admission: string }[];
  readonly evaluation: EvaluationRow | null;
}

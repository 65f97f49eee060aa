/**
 * The plan's analytics routes of the API (GET /api/analytics/…, PARK_READERS: admin, officer, operator) on behalf
 * of the signed-in user. The response shapes mirror apps/api/src/analytics (analytics.controller.ts and the
 * types it returns; docs/analytics.md): the web app cannot import them, because they sit beside TypeORM entities.
 * A 401 calls `onUnauthorized`, as the alerts client does, and still rejects.
 */
import { sessionRequest, type SessionRequest } from '../api/http';

export const PLAN_INDICATORS = [
  'high-tech-investment',
  'high-tech-output-share',
  'core-industry-share',
  'carrier-occupancy',
  'inefficient-land-revitalized',
  'above-scale-enterprises',
  'above-scale-taxable-sales',
  'invention-patents',
  'incubating-projects',
] as const;
export type PlanIndicator = (typeof PLAN_INDICATORS)[number];

export const CULTIVATION_LIBRARIES = ['above-scale', 'high-tech', 'listed', 'revenue-100m'] as const;
export type CultivationLibrary = (typeof CULTIVATION_LIBRARIES)[number];

export type Comparator = 'gt' | 'gte';
export type Grade = 'A' | 'B' | 'C' | 'D';

/** One indicator in one year (plan-progress.ts IndicatorProgress). */
export interface IndicatorProgress {
  readonly indicator: PlanIndicator;
  /** As the API states it: 万元, %, 亩, 家, 件, 个. */
  readonly unit: string;
  readonly value: number;
  readonly target: number | null;
  readonly comparator: Comparator | null;
  /** value / target, % (not capped); null without a target. */
  readonly progress: number | null;
  readonly met: boolean | null;
}

export interface YearProgress {
  readonly year: number;
  readonly indicators: readonly IndicatorProgress[];
}

/** A stored target (PlanTargetEntity as JSON). */
export interface PlanTarget {
  readonly indicator: PlanIndicator;
  readonly year: number;
  readonly target: number;
  readonly comparator: Comparator;
}

/** A member of a cultivation library (analytics.service.ts CultivationEntry). */
export interface CultivationEntry {
  readonly enterpriseId: string;
  readonly name: string;
  readonly achieved: boolean;
  /** `revenue 万元` or `R&D / revenue %`: the measure, then its unit. */
  readonly measure: string;
  readonly value: number | null;
  readonly threshold: number;
  /** value / threshold, %. */
  readonly progress: number | null;
}

export type Cultivation = Readonly<Record<CultivationLibrary, readonly CultivationEntry[]>>;

/** One enterprise's 亩均 evaluation (mu-evaluation.ts EvaluationRow). */
export interface EvaluationRow {
  readonly id: string;
  readonly name: string;
  readonly landMu: number;
  /** taxPerMu, salesPerMu, outputPerMu: 万元/亩; outputPerEnergy: 万元/tce; rdIntensity: %. */
  readonly values: Readonly<Record<string, number | null>>;
  readonly score: number | null;
  readonly rank: number | null;
  readonly grade: Grade | null;
}

export class PlanApi {
  private readonly request: SessionRequest;

  constructor(token: string, onUnauthorized: () => void) {
    this.request = sessionRequest(token, onUnauthorized);
  }

  private get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', path, undefined, signal);
  }

  progress(from: number, to: number, signal?: AbortSignal): Promise<YearProgress[]> {
    return this.get(`/api/analytics/progress?from=${from}&to=${to}`, signal);
  }

  targets(signal?: AbortSignal): Promise<PlanTarget[]> {
    return this.get('/api/analytics/targets', signal);
  }

  cultivation(year: number, signal?: AbortSignal): Promise<Cultivation> {
    return this.get(`/api/analytics/cultivation?year=${year}`, signal);
  }

  evaluation(year: number, signal?: AbortSignal): Promise<EvaluationRow[]> {
    return this.get(`/api/analytics/evaluation/enterprises?year=${year}`, signal);
  }
}

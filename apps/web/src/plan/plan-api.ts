/**
 * The plan's analytics routes of the API (GET /api/analytics/…, PARK_READERS: admin, officer, operator) on behalf
 * of the signed-in user. Answers are typed by the API's OpenAPI document (docs/analytics.md); the indicator and
 * library lists are the ones libs/contracts declares for the records. A 401 calls `onUnauthorized`, as the alerts
 * client does, and still rejects.
 */
import { apiClient, type ApiCall, type ApiSchemas } from '../api/api-client';
import { sessionRequest } from '../api/http';

export {
  CULTIVATION_LIBRARIES,
  MU_INDICATORS,
  MU_INDICATOR_UNITS,
  PLAN_INDICATORS,
  type CultivationLibrary,
  type MuIndicator,
  type PlanIndicator,
} from '@park/contracts';

export type Grade = ApiSchemas['Grade'];
/** One indicator in one year: value, target, progress (value / target, %, not capped) and whether it is met. */
export type IndicatorProgress = ApiSchemas['IndicatorProgress'];
export type YearProgress = ApiSchemas['PlanProgressYear'];
/** A stored target. */
export type PlanTarget = ApiSchemas['PlanTargetView'];
export type Comparator = PlanTarget['comparator'];
/** PUT /api/analytics/targets/{indicator}/{year} (admin). */
export type TargetBody = ApiSchemas['TargetDto'];
/** A member of a cultivation library. */
export type CultivationEntry = ApiSchemas['CultivationEntry'];
export type Cultivation = Record<ApiSchemas['CultivationLibrary'], CultivationEntry[]>;
/** One enterprise's 亩均 evaluation. */
export type EvaluationRow = ApiSchemas['EvaluationRow'];
/** Who changed grade from the year before, and the indicators that moved them (mu-movers.ts in the API). */
export type GradeMovers = ApiSchemas['GradeMovers'];
export type GradeMove = ApiSchemas['GradeMove'];
export type MoveReason = ApiSchemas['MoveReason'];
/** The enterprises' benchmarks, weights and grade thresholds a year's subjects (carriers too) are held to. */
export type EvaluationBenchmarks = ApiSchemas['EvaluationBenchmarks'];
/** A carrier with its occupancy, tenants and 亩均 evaluation. */
export type CarrierPerformance = ApiSchemas['CarrierPerformance'];

export class PlanApi {
  private readonly call: ApiCall;

  constructor(token: string, onUnauthorized: () => void) {
    this.call = apiClient(sessionRequest(token, onUnauthorized));
  }

  progress(from: number, to: number, signal?: AbortSignal): Promise<YearProgress[]> {
    return this.call('GET', '/api/analytics/progress', { query: { from, to }, signal });
  }

  targets(signal?: AbortSignal): Promise<PlanTarget[]> {
    return this.call('GET', '/api/analytics/targets', { signal });
  }

  /** Admin only; sets (or replaces) one indicator's target for one year. */
  putTarget(indicator: string, year: number, body: TargetBody): Promise<PlanTarget> {
    return this.call('PUT', '/api/analytics/targets/{indicator}/{year}', { path: { indicator, year }, body });
  }

  cultivation(year: number, signal?: AbortSignal): Promise<Cultivation> {
    return this.call('GET', '/api/analytics/cultivation', { query: { year }, signal });
  }

  evaluation(year: number, signal?: AbortSignal): Promise<EvaluationRow[]> {
    return this.call('GET', '/api/analytics/evaluation/enterprises', { query: { year }, signal });
  }

  movers(year: number, signal?: AbortSignal): Promise<GradeMovers> {
    return this.call('GET', '/api/analytics/evaluation/movers', { query: { year }, signal });
  }

  benchmarks(year: number, signal?: AbortSignal): Promise<EvaluationBenchmarks> {
    return this.call('GET', '/api/analytics/evaluation/benchmarks', { query: { year }, signal });
  }

  carriers(year: number, signal?: AbortSignal): Promise<CarrierPerformance[]> {
    return this.call('GET', '/api/analytics/evaluation/carriers', { query: { year }, signal });
  }
}

import type { RuleContext, RuleInput } from '../inputs';
import { alertLevel, durationMs, nullableNumber, optionalNumber, paramsObject } from '../params';
import { RuleParamsError } from '../threshold';
import {
  citation,
  clear,
  formatDuration,
  formatNumber,
  issue,
  trigger,
  unchanged,
  withUnit,
  type Evaluation,
} from '../verdicts';
import { newHour, roleLoad, type LineMeters } from './line-meters';

/**
 * Emission spike that does not follow production load, for a line with a stack monitor and production meters.
 *
 * At each reading E of the emission metric (time t):
 *   E_b = mean of the metric's readings in the `baselineWindowMs` before t's bucket (at least `minBaselineSamples`),
 *   P   = the line's production kW now (sum of the fresh production meters),
 *   P_b = mean of the production kW sampled over the same window,
 *   rE  = E / E_b − 1 (relative rise of the emission), rP = P / P_b − 1 (relative rise of production).
 * A spike not following production is rE ≥ riseFraction while rP < followRatio × rE: e.g. with the defaults,
 * emission up 60 % while production rose less than 30 %. Gated like 分表计电: judged only while production runs
 * (P and P_b both ≥ productionRunningFraction × productionNormalKw), and only on a baseline above `minBaseline`.
 * Its own clear condition: rE < clearFraction (default riseFraction / 2). A sustained new level becomes the baseline
 * within one window and clears; sustained levels are the hourly-mean rule's business.
 * Readings are kept as per-`bucketMs` sums, so the state stays bounded (window / bucket ≤ 1440 buckets).
 */
export interface EmissionSpikeParams {
  readonly riseFraction: number;
  readonly followRatio: number;
  readonly clearFraction: number;
  readonly baselineWindowMs: number;
  readonly bucketMs: number;
  readonly minBaselineSamples: number;
  readonly minBaseline: number;
  readonly productionNormalKw: number | null;
  readonly productionRunningFraction: number;
  readonly staleAfterMs: number;
  readonly level: 1 | 2;
}

/** [bucket start, sum, count] */
export type Bucket = readonly [number, number, number];

export interface EmissionSpikeState {
  readonly kind: 'emission-spike';
  readonly v: 1;
  readonly clock: number | null;
  readonly meters: LineMeters;
  readonly emissionTs: number | null;
  readonly emission: readonly Bucket[];
  readonly production: readonly Bucket[];
  readonly active: boolean;
}

const KIND = 'emission-spike';
export const EMISSION_SPIKE_KEYS = [
  'riseFraction',
  'followRatio',
  'clearFraction',
  'baselineWindowMs',
  'bucketMs',
  'minBaselineSamples',
  'minBaseline',
  'productionNormalKw',
  'productionRunningFraction',
  'staleAfterMs',
  'level',
] as const;

export function parseEmissionSpikeParams(raw: unknown): EmissionSpikeParams {
  const p = paramsObject(KIND, raw, EMISSION_SPIKE_KEYS);
  const riseFraction = optionalNumber(KIND, p, 'riseFraction', 0.5, { above: 0, max: 100 });
  const baselineWindowMs = durationMs(KIND, p, 'baselineWindowMs', 3_600_000);
  const bucketMs = durationMs(KIND, p, 'bucketMs', 60_000);
  if (baselineWindowMs % bucketMs !== 0 || baselineWindowMs / bucketMs > 1440) {
    throw new RuleParamsError(
      `${KIND}: baselineWindowMs must be a multiple of bucketMs, at most 1440 buckets`,
      { type: 'multiple-of', of: 'bucketMs', maxMultiple: 1440 },
      'baselineWindowMs',
    );
  }
  return {
    riseFraction,
    followRatio: optionalNumber(KIND, p, 'followRatio', 0.5, { min: 0, max: 1 }),
    clearFraction: optionalNumber(KIND, p, 'clearFraction', riseFraction / 2, {
      min: 0,
      below: riseFraction,
    }),
    baselineWindowMs,
    bucketMs,
    minBaselineSamples: optionalNumber(KIND, p, 'minBaselineSamples', 10, { integer: true, min: 1 }),
    minBaseline: optionalNumber(KIND, p, 'minBaseline', 0, { min: 0 }),
    productionNormalKw: nullableNumber(KIND, p, 'productionNormalKw', { above: 0 }),
    productionRunningFraction: optionalNumber(KIND, p, 'productionRunningFraction', 0.3, {
      above: 0,
      max: 1,
    }),
    staleAfterMs: durationMs(KIND, p, 'staleAfterMs', 15 * 60_000),
    level: alertLevel(KIND, p),
  };
}

export function initialEmissionSpikeState(): EmissionSpikeState {
  return {
    kind: 'emission-spike',
    v: 1,
    clock: null,
    meters: {},
    emissionTs: null,
    emission: [],
    production: [],
    active: false,
  };
}

function addTo(buckets: readonly Bucket[], start: number, value: number, oldest: number): Bucket[] {
  const kept = buckets.filter(([s]) => s >= oldest);
  const last = kept.length > 0 ? kept[kept.length - 1] : null;
  if (last !== null && last[0] === start) {
    kept[kept.length - 1] = [start, last[1] + value, last[2] + 1];
    return kept;
  }
  // Out-of-order samples for an older bucket of the line are folded into their bucket, keeping the order.
  const at = kept.findIndex(([s]) => s >= start);
  if (at === -1) return [...kept, [start, value, 1]];
  if (kept[at][0] === start) {
    kept[at] = [start, kept[at][1] + value, kept[at][2] + 1];
    return kept;
  }
  return [...kept.slice(0, at), [start, value, 1], ...kept.slice(at)];
}

function meanOver(
  buckets: readonly Bucket[],
  from: number,
  to: number,
): { mean: number; count: number } | null {
  let sum = 0;
  let count = 0;
  for (const [start, s, n] of buckets) {
    if (start < from || start >= to) continue;
    sum += s;
    count += n;
  }
  return count === 0 ? null : { mean: sum / count, count };
}

export function stepEmissionSpike(
  ctx: RuleContext,
  params: EmissionSpikeParams,
  state: EmissionSpikeState,
  input: RuleInput,
): Evaluation<EmissionSpikeState> {
  const bucketOf = (t: number) => Math.floor(t / params.bucketMs) * params.bucketMs;
  const keepFrom = (t: number) => bucketOf(t) - params.baselineWindowMs;

  if (input.kind === 'meter') {
    if (input.role !== 'production') return unchanged(state);
    const previous = state.meters[input.meterId];
    if (previous !== undefined && input.ts <= previous.ts) return unchanged(state);
    const clock = state.clock === null ? input.ts : Math.max(state.clock, input.ts);
    const meters: LineMeters = {
      ...state.meters,
      [input.meterId]: { role: input.role, kw: input.kw, ts: input.ts },
    };
    const load = roleLoad(meters, 'production', clock, params.staleAfterMs);
    const production =
      load === null ? state.production : addTo(state.production, bucketOf(clock), load.kw, keepFrom(clock));
    return unchanged({ ...state, clock, meters, production });
  }

  if (input.kind !== 'reading' || (state.emissionTs !== null && input.ts <= state.emissionTs))
    return unchanged(state);
  const value = input.values[ctx.metric];
  if (typeof value !== 'number') return unchanged({ ...state, emissionTs: input.ts });
  const ts = input.ts;
  const clock = state.clock === null ? ts : Math.max(state.clock, ts);
  const from = bucketOf(ts) - params.baselineWindowMs;
  const baseline = meanOver(state.emission, from, bucketOf(ts));
  const productionBaseline = meanOver(state.production, from, bucketOf(ts));
  const now = roleLoad(state.meters, 'production', clock, params.staleAfterMs);
  const next: EmissionSpikeState = {
    ...state,
    clock,
    emissionTs: ts,
    emission: addTo(state.emission, bucketOf(ts), value, keepFrom(clock)),
    production: state.production.filter(([s]) => s >= keepFrom(clock)),
  };
  if (params.productionNormalKw === null) {
    return {
      state: next,
      verdicts: [],
      issues: !newHour(state.emissionTs, ts)
        ? []
        : [
            issue('not-configured', ts, {
              zh: '未设置生产线正常生产负荷，排放突增与生产负荷关联未判定',
              en: 'normal production load of the line not configured; emission-vs-load not judged',
            }),
          ],
    };
  }
  const running = params.productionRunningFraction * params.productionNormalKw;
  if (
    baseline === null ||
    baseline.count < params.minBaselineSamples ||
    baseline.mean <= params.minBaseline ||
    productionBaseline === null ||
    now === null ||
    productionBaseline.mean < running ||
    now.kw < running
  ) {
    return unchanged(next);
  }
  const rE = value / baseline.mean - 1;
  const rP = now.kw / productionBaseline.mean - 1;
  const unit = ctx.info.unit;
  const label = ctx.info.label;
  const window = formatDuration(params.baselineWindowMs);
  const pct = (r: number) => `${r >= 0 ? '+' : ''}${formatNumber(r * 100)} %`;
  const facts = {
    zh: `${label.zh} 由近 ${window.zh}均值 ${withUnit(baseline.mean, unit)} 变为 ${withUnit(value, unit)}（${pct(rE)}），同期生产用电由均值 ${withUnit(productionBaseline.mean, 'kW')} 变为 ${withUnit(now.kw, 'kW')}（${pct(rP)}）`,
    en: `${label.en} went from its ${window.en} mean ${withUnit(baseline.mean, unit)} to ${withUnit(value, unit)} (${pct(rE)}) while production load went from a mean ${withUnit(productionBaseline.mean, 'kW')} to ${withUnit(now.kw, 'kW')} (${pct(rP)})`,
  };

  if (rE >= params.riseFraction && rP < params.followRatio * rE) {
    const cite = citation(ctx.source);
    return {
      state: { ...next, active: true },
      verdicts: [
        trigger({
          change: state.active ? 'continuing' : 'opened',
          level: params.level,
          value,
          limit: baseline.mean * (1 + params.riseFraction),
          unit,
          ts,
          explanation: {
            zh: `排放突增且与生产负荷不符：${facts.zh}，排放升幅达到设定 ${pct(params.riseFraction)}，而生产负荷升幅不足其 ${formatNumber(params.followRatio * 100)} %${cite.zh}`,
            en: `Emission spike not matched by production: ${facts.en}; the rise reaches the set ${pct(params.riseFraction)} while production rose by less than ${formatNumber(params.followRatio * 100)} % of it${cite.en}`,
          },
        }),
      ],
      issues: [],
    };
  }
  if (state.active && rE < params.clearFraction) {
    return {
      state: { ...next, active: false },
      verdicts: [
        clear({
          value,
          unit,
          ts,
          explanation: {
            zh: `排放突增已解除：${facts.zh}，升幅低于解除值 ${pct(params.clearFraction)}`,
            en: `Emission spike cleared: ${facts.en}; below the clear level ${pct(params.clearFraction)}`,
          },
        }),
      ],
      issues: [],
    };
  }
  return unchanged(next);
}

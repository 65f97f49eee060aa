import type { RuleContext, RuleInput } from '../inputs';
import { alertLevel, durationMs, oneOf, optionalNumber, paramsObject, requiredNumber } from '../params';
import { RuleParamsError } from '../threshold';
import {
  citation,
  clear,
  formatDuration,
  formatNumber,
  trigger,
  unchanged,
  withUnit,
  type Evaluation,
} from '../verdicts';

/**
 * Rate of change, in the metric's unit per minute, over a sliding window.
 *
 * At each reading (t, v) the rate is (v − v₀) / (t − t₀) × 60 000, where (t₀, v₀) is the oldest reading kept that
 * is no older than `windowMs` — the longest span the window offers — provided that span is at least `minSpanMs`
 * (a two-second span would turn sensor noise into a "rate"). To bound the state, at most one reading is kept per
 * window/`maxSamples` slice.
 * `direction` 'rise' judges the rate, 'fall' its negation, 'either' its magnitude. Triggers when that reaches
 * `ratePerMinute`; its own clear condition: it falls below `clearRatePerMinute` (default half the trigger rate).
 * A reading with no usable span (first reading, or after a gap longer than the window) neither raises nor clears.
 */
export interface RateOfChangeParams {
  readonly direction: 'rise' | 'fall' | 'either';
  readonly ratePerMinute: number;
  readonly windowMs: number;
  readonly minSpanMs: number;
  readonly clearRatePerMinute: number;
  readonly maxSamples: number;
  readonly level: 1 | 2;
}

export interface RateOfChangeState {
  readonly kind: 'rate-of-change';
  readonly v: 1;
  readonly lastTs: number | null;
  /** [ts, value] pairs, oldest first. */
  readonly samples: readonly (readonly [number, number])[];
  readonly active: boolean;
}

const KIND = 'rate-of-change';
export const RATE_OF_CHANGE_KEYS = [
  'direction',
  'ratePerMinute',
  'windowMs',
  'minSpanMs',
  'clearRatePerMinute',
  'maxSamples',
  'level',
] as const;

export function parseRateOfChangeParams(raw: unknown): RateOfChangeParams {
  const p = paramsObject(KIND, raw, RATE_OF_CHANGE_KEYS);
  const ratePerMinute = requiredNumber(KIND, p, 'ratePerMinute', { above: 0 });
  const windowMs = durationMs(KIND, p, 'windowMs');
  const minSpanMs = durationMs(KIND, p, 'minSpanMs', Math.max(1, Math.round(windowMs / 2)));
  if (minSpanMs > windowMs) {
    throw new RuleParamsError(
      `${KIND}: minSpanMs must not exceed windowMs`,
      { type: 'order', op: 'not-above', than: 'windowMs' },
      'minSpanMs',
    );
  }
  return {
    direction: oneOf(KIND, p, 'direction', ['rise', 'fall', 'either'] as const, 'rise'),
    ratePerMinute,
    windowMs,
    minSpanMs,
    clearRatePerMinute: optionalNumber(KIND, p, 'clearRatePerMinute', ratePerMinute / 2, {
      min: 0,
      below: ratePerMinute,
    }),
    maxSamples: optionalNumber(KIND, p, 'maxSamples', 120, { integer: true, min: 2, max: 2000 }),
    level: alertLevel(KIND, p),
  };
}

export function initialRateOfChangeState(): RateOfChangeState {
  return { kind: 'rate-of-change', v: 1, lastTs: null, samples: [], active: false };
}

export function stepRateOfChange(
  ctx: RuleContext,
  params: RateOfChangeParams,
  state: RateOfChangeState,
  input: RuleInput,
): Evaluation<RateOfChangeState> {
  if (input.kind !== 'reading' || (state.lastTs !== null && input.ts <= state.lastTs))
    return unchanged(state);
  const value = input.values[ctx.metric];
  if (typeof value !== 'number') return unchanged(state);
  const ts = input.ts;
  const kept = state.samples.filter(([t]) => t >= ts - params.windowMs);
  const slice = params.windowMs / params.maxSamples;
  const newest = kept.length > 0 ? kept[kept.length - 1] : null;
  const samples: (readonly [number, number])[] =
    newest !== null && Math.floor(newest[0] / slice) === Math.floor(ts / slice)
      ? [...kept]
      : [...kept, [ts, value]];
  const next: RateOfChangeState = { ...state, lastTs: ts, samples };
  const ref = kept.length > 0 ? kept[0] : null;
  if (ref === null || ts - ref[0] < params.minSpanMs) return unchanged(next);

  const [t0, v0] = ref;
  const rate = ((value - v0) / (ts - t0)) * 60_000;
  const judged = params.direction === 'rise' ? rate : params.direction === 'fall' ? -rate : Math.abs(rate);
  const unit = ctx.info.unit;
  const rateUnit = unit ? `${unit}/min` : '/min';
  const label = ctx.info.label;
  const span = formatDuration(ts - t0);
  const move =
    rate >= 0
      ? { zh: '升至', en: 'rose', word: { zh: '上升', en: 'rise' } }
      : { zh: '降至', en: 'fell', word: { zh: '下降', en: 'fall' } };
  const rateText = `${formatNumber(Math.abs(rate))} ${rateUnit}`;

  if (judged >= params.ratePerMinute) {
    const cite = citation(ctx.source);
    return {
      state: { ...next, active: true },
      verdicts: [
        trigger({
          change: state.active ? 'continuing' : 'opened',
          level: params.level,
          value: judged,
          limit: params.ratePerMinute,
          unit: rateUnit,
          ts,
          explanation: {
            zh: `${label.zh} 在 ${span.zh}内由 ${withUnit(v0, unit)} ${move.zh} ${withUnit(value, unit)}，${move.word.zh}速率 ${rateText}，达到变化速率设定值 ${formatNumber(params.ratePerMinute)} ${rateUnit}${cite.zh}`,
            en: `${label.en} ${move.en} from ${withUnit(v0, unit)} to ${withUnit(value, unit)} in ${span.en}, a ${move.word.en} of ${rateText}, reaching the rate set point ${formatNumber(params.ratePerMinute)} ${rateUnit}${cite.en}`,
          },
        }),
      ],
      issues: [],
    };
  }
  if (state.active && judged < params.clearRatePerMinute) {
    return {
      state: { ...next, active: false },
      verdicts: [
        clear({
          value: judged,
          unit: rateUnit,
          ts,
          explanation: {
            zh: `${label.zh} 变化趋缓：${span.zh}内由 ${withUnit(v0, unit)} 至 ${withUnit(value, unit)}，速率 ${rateText}，低于解除值 ${formatNumber(params.clearRatePerMinute)} ${rateUnit}`,
            en: `${label.en} has steadied: ${withUnit(v0, unit)} to ${withUnit(value, unit)} in ${span.en}, ${rateText}, below the clear rate ${formatNumber(params.clearRatePerMinute)} ${rateUnit}`,
          },
        }),
      ],
      issues: [],
    };
  }
  return unchanged(next);
}

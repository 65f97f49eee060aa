import type { RuleContext, RuleInput } from '../inputs';
import {
  alertLevel,
  durationMs,
  oneOf,
  optionalNumber,
  paramsObject,
  pastBand,
  reaches,
  requiredNumber,
  type Direction,
} from '../params';
import { citation, clear, formatDuration, trigger, unchanged, withUnit, type Evaluation } from '../verdicts';

/**
 * Sustained-for-duration: the value reaches `limit` on every reading for at least `durationMs`.
 * The run starts at the first reading that reaches the limit and breaks on a reading that does not, or on a gap
 * between readings longer than `maxGapMs` (no data is not evidence that the condition held).
 * Its own clear condition: the value back past the limit by `hysteresis` on every reading for `clearDurationMs`
 * (0: the first such reading clears). A data gap neither raises nor clears.
 */
export interface SustainedParams {
  readonly direction: Direction;
  readonly limit: number;
  readonly durationMs: number;
  readonly maxGapMs: number;
  readonly hysteresis: number;
  readonly clearDurationMs: number;
  readonly level: 1 | 2;
}

export interface SustainedState {
  readonly kind: 'sustained';
  readonly v: 1;
  readonly lastTs: number | null;
  /** Timestamp of the first reading of the current run that reaches the limit; null when no run. */
  readonly since: number | null;
  /** Timestamp of the first reading of the current run on the clear side; null when none. */
  readonly clearSince: number | null;
  readonly active: boolean;
}

const KIND = 'sustained';
export const SUSTAINED_KEYS = [
  'direction',
  'limit',
  'durationMs',
  'maxGapMs',
  'hysteresis',
  'clearDurationMs',
  'level',
] as const;

export function parseSustainedParams(raw: unknown): SustainedParams {
  const p = paramsObject(KIND, raw, SUSTAINED_KEYS);
  const duration = durationMs(KIND, p, 'durationMs');
  return {
    direction: oneOf(KIND, p, 'direction', ['above', 'below'] as const, 'above'),
    limit: requiredNumber(KIND, p, 'limit'),
    durationMs: duration,
    maxGapMs: durationMs(KIND, p, 'maxGapMs', duration),
    hysteresis: optionalNumber(KIND, p, 'hysteresis', 0, { min: 0 }),
    clearDurationMs: durationMs(KIND, p, 'clearDurationMs', 0, true),
    level: alertLevel(KIND, p),
  };
}

export function initialSustainedState(): SustainedState {
  return { kind: 'sustained', v: 1, lastTs: null, since: null, clearSince: null, active: false };
}

export function stepSustained(
  ctx: RuleContext,
  params: SustainedParams,
  state: SustainedState,
  input: RuleInput,
): Evaluation<SustainedState> {
  if (input.kind !== 'reading' || (state.lastTs !== null && input.ts <= state.lastTs))
    return unchanged(state);
  const value = input.values[ctx.metric];
  if (typeof value !== 'number') return unchanged(state);
  const ts = input.ts;
  const gap = state.lastTs !== null && ts - state.lastTs > params.maxGapMs;
  const holds = reaches(params.direction, value, params.limit);
  const clearSide = pastBand(params.direction, value, params.limit, params.hysteresis);
  const since = holds ? (gap || state.since === null ? ts : state.since) : null;
  const clearSince = clearSide ? (gap || state.clearSince === null ? ts : state.clearSince) : null;
  const next: SustainedState = { ...state, lastTs: ts, since, clearSince };
  const unit = ctx.info.unit;
  const label = ctx.info.label;
  const cite = citation(ctx.source);
  const cmp =
    params.direction === 'above'
      ? { zh: '高于或等于', en: 'at or above' }
      : { zh: '低于或等于', en: 'at or below' };

  if (holds && since !== null && ts - since >= params.durationMs) {
    const held = formatDuration(ts - since);
    const set = formatDuration(params.durationMs);
    return {
      state: { ...next, active: true },
      verdicts: [
        trigger({
          change: state.active ? 'continuing' : 'opened',
          level: params.level,
          value,
          limit: params.limit,
          unit,
          ts,
          explanation: {
            zh: `${label.zh} 已连续 ${held.zh}${cmp.zh} ${withUnit(params.limit, unit)}（当前 ${withUnit(value, unit)}），达到持续时间设定 ${set.zh}${cite.zh}`,
            en: `${label.en} has been ${cmp.en} ${withUnit(params.limit, unit)} for ${held.en} (now ${withUnit(value, unit)}), reaching the set duration of ${set.en}${cite.en}`,
          },
        }),
      ],
      issues: [],
    };
  }
  if (state.active && clearSince !== null && ts - clearSince >= params.clearDurationMs) {
    const back =
      params.direction === 'above' ? { zh: '以下', en: 'at or below' } : { zh: '以上', en: 'at or above' };
    const bound =
      params.direction === 'above' ? params.limit - params.hysteresis : params.limit + params.hysteresis;
    const forHow =
      params.clearDurationMs > 0
        ? {
            zh: `并保持 ${formatDuration(ts - clearSince).zh}`,
            en: ` and stayed there for ${formatDuration(ts - clearSince).en}`,
          }
        : { zh: '', en: '' };
    return {
      state: { ...next, active: false, since: null },
      verdicts: [
        clear({
          value,
          unit,
          ts,
          explanation: {
            zh: `${label.zh} 恢复至 ${withUnit(value, unit)}，回到 ${withUnit(bound, unit)} ${back.zh}${forHow.zh}（设定值 ${withUnit(params.limit, unit)}，回差 ${withUnit(params.hysteresis, unit)}）`,
            en: `${label.en} back to ${withUnit(value, unit)}, ${back.en} ${withUnit(bound, unit)}${forHow.en} (set point ${withUnit(params.limit, unit)}, hysteresis ${withUnit(params.hysteresis, unit)})`,
          },
        }),
      ],
      issues: [],
    };
  }
  return unchanged(next);
}

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
 * Repeated N times in a window: an intermittent excursion (a leak that comes and goes) that a plain threshold
 * would raise and clear over and over. An occurrence is a reading that reaches `limit` while the rule is armed;
 * the rule re-arms once the value is back past the limit by `hysteresis`, so one long excursion counts once.
 * Triggers on the occurrence that makes `count` occurrences within `windowMs` (that one included).
 * Its own clear condition: the value is on the clear side and no occurrence for `quietMs` (default: the window).
 */
export interface RepeatedParams {
  readonly direction: Direction;
  readonly limit: number;
  readonly count: number;
  readonly windowMs: number;
  readonly hysteresis: number;
  readonly quietMs: number;
  readonly level: 1 | 2;
}

export interface RepeatedState {
  readonly kind: 'repeated';
  readonly v: 1;
  readonly lastTs: number | null;
  readonly armed: boolean;
  /** Timestamps of the latest occurrences (at most `count` of them), oldest first. */
  readonly occurrences: readonly number[];
  readonly lastOccurrence: number | null;
  readonly active: boolean;
}

const KIND = 'repeated';
export const REPEATED_KEYS = [
  'direction',
  'limit',
  'count',
  'windowMs',
  'hysteresis',
  'quietMs',
  'level',
] as const;

export function parseRepeatedParams(raw: unknown): RepeatedParams {
  const p = paramsObject(KIND, raw, REPEATED_KEYS);
  const windowMs = durationMs(KIND, p, 'windowMs');
  return {
    direction: oneOf(KIND, p, 'direction', ['above', 'below'] as const, 'above'),
    limit: requiredNumber(KIND, p, 'limit'),
    count: requiredNumber(KIND, p, 'count', { integer: true, min: 2, max: 1000 }),
    windowMs,
    hysteresis: optionalNumber(KIND, p, 'hysteresis', 0, { min: 0 }),
    quietMs: durationMs(KIND, p, 'quietMs', windowMs),
    level: alertLevel(KIND, p),
  };
}

export function initialRepeatedState(): RepeatedState {
  return {
    kind: 'repeated',
    v: 1,
    lastTs: null,
    armed: true,
    occurrences: [],
    lastOccurrence: null,
    active: false,
  };
}

export function stepRepeated(
  ctx: RuleContext,
  params: RepeatedParams,
  state: RepeatedState,
  input: RuleInput,
): Evaluation<RepeatedState> {
  if (input.kind !== 'reading' || (state.lastTs !== null && input.ts <= state.lastTs))
    return unchanged(state);
  const value = input.values[ctx.metric];
  if (typeof value !== 'number') return unchanged(state);
  const ts = input.ts;
  const inWindow = state.occurrences.filter((t) => t > ts - params.windowMs);
  const occurs = state.armed && reaches(params.direction, value, params.limit);
  const clearSide = pastBand(params.direction, value, params.limit, params.hysteresis);
  const occurrences = occurs ? [...inWindow, ts].slice(-params.count) : inWindow;
  const armed = occurs ? false : state.armed || clearSide;
  const lastOccurrence = occurs ? ts : state.lastOccurrence;
  const next: RepeatedState = { ...state, lastTs: ts, armed, occurrences, lastOccurrence };
  const unit = ctx.info.unit;
  const label = ctx.info.label;

  if (occurs && occurrences.length >= params.count) {
    const cite = citation(ctx.source);
    const window = formatDuration(params.windowMs);
    const cmp =
      params.direction === 'above'
        ? { zh: '达到或超过', en: 'reached' }
        : { zh: '低于或等于', en: 'fell to' };
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
            zh: `${label.zh} 在 ${window.zh}内已 ${occurrences.length} 次${cmp.zh} ${withUnit(params.limit, unit)}（本次 ${withUnit(value, unit)}），达到设定次数 ${params.count} 次${cite.zh}`,
            en: `${label.en} ${cmp.en} ${withUnit(params.limit, unit)} ${occurrences.length} times within ${window.en} (this time ${withUnit(value, unit)}), reaching the set count of ${params.count}${cite.en}`,
          },
        }),
      ],
      issues: [],
    };
  }
  if (state.active && clearSide && (lastOccurrence === null || ts - lastOccurrence >= params.quietMs)) {
    const quiet = formatDuration(params.quietMs);
    return {
      state: { ...next, active: false },
      verdicts: [
        clear({
          value,
          unit,
          ts,
          explanation: {
            zh: `${label.zh} 已 ${quiet.zh}未再${params.direction === 'above' ? '超过' : '低于'} ${withUnit(params.limit, unit)}，当前 ${withUnit(value, unit)}`,
            en: `${label.en} has not ${params.direction === 'above' ? 'reached' : 'fallen to'} ${withUnit(params.limit, unit)} again for ${quiet.en}; now ${withUnit(value, unit)}`,
          },
        }),
      ],
      issues: [],
    };
  }
  return unchanged(next);
}

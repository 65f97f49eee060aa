import type { Bilingual } from '../evaluate';
import type { RuleContext, RuleInput } from '../inputs';
import { alertLevel, durationMs, nullableNumber, optionalNumber, paramsObject } from '../params';
import { RuleParamsError } from '../threshold';
import {
  citation,
  clear,
  formatDuration,
  issue,
  trigger,
  unchanged,
  withUnit,
  type AlertLevel,
  type Evaluation,
} from '../verdicts';

/**
 * Process safety limits of a major hazard installation (GB 18218-2018: a tank's or a reactor's temperature, pressure,
 * liquid level): high (H) and high-high (HH), low (L) and low-low (LL) set points, any of them left unset (null).
 * H and L are level 1 (warning), HH and LL level 2 (critical) — `level` caps them, for a metric where the
 * trip settings are only advisory. Set points are the installation's own design values, so the park default leaves
 * them null and each device states them (`resolveRuleDefinition`, the device layer); with none set the rule judges
 * nothing and says so (`not-configured`).
 *
 * Judged on readings, for one device:
 * - the value *reaches* a set point when value ≥ H/HH (≤ L/LL);
 * - a level is raised once the value has reached its set point on every reading for at least `delayMs` (0: on the
 *   first such reading) — a transmitter's spike is not a high-high;
 * - a raised level holds while the value stays within `hysteresis` of its set point, and steps down (de-escalates or
 *   clears) at once on the first reading past the band;
 * - a reading that confirms the open level while reaching its set point is a repeat (`continuing`); one inside the
 *   band says nothing.
 * Readings at or before the last one applied change nothing.
 */
export interface ProcessLimitParams {
  readonly high: number | null;
  readonly highHigh: number | null;
  readonly low: number | null;
  readonly lowLow: number | null;
  readonly hysteresis: number;
  readonly delayMs: number;
  /** The highest level this rule raises (HH/LL are level 2 unless capped at 1). */
  readonly level: AlertLevel;
}

type Side = 'high' | 'low';

export interface ProcessLimitState {
  readonly kind: 'process-limit';
  readonly v: 1;
  readonly lastTs: number | null;
  /** The side of the open alert and the set point it stands at (1 = H/L, 2 = HH/LL); 0 when none is open. */
  readonly side: Side | null;
  readonly setLevel: 0 | 1 | 2;
  /** First reading of the current run reaching each set point (H, HH, L, LL); null when the run is broken. */
  readonly since: {
    readonly h: number | null;
    readonly hh: number | null;
    readonly l: number | null;
    readonly ll: number | null;
  };
}

const KIND = 'process-limit';
export const PROCESS_LIMIT_KEYS = [
  'high',
  'highHigh',
  'low',
  'lowLow',
  'hysteresis',
  'delayMs',
  'level',
] as const;

export function parseProcessLimitParams(raw: unknown): ProcessLimitParams {
  const p = paramsObject(KIND, raw, PROCESS_LIMIT_KEYS);
  const params: ProcessLimitParams = {
    high: nullableNumber(KIND, p, 'high'),
    highHigh: nullableNumber(KIND, p, 'highHigh'),
    low: nullableNumber(KIND, p, 'low'),
    lowLow: nullableNumber(KIND, p, 'lowLow'),
    hysteresis: optionalNumber(KIND, p, 'hysteresis', 0, { min: 0 }),
    delayMs: durationMs(KIND, p, 'delayMs', 0, true),
    level: alertLevel(KIND, p, 2),
  };
  const { high, highHigh, low, lowLow } = params;
  if (high !== null && highHigh !== null && highHigh <= high)
    throw new RuleParamsError(
      `${KIND}: highHigh must be above high`,
      { type: 'order', op: 'above', than: 'high' },
      'highHigh',
    );
  if (low !== null && lowLow !== null && lowLow >= low)
    throw new RuleParamsError(
      `${KIND}: lowLow must be below low`,
      { type: 'order', op: 'below', than: 'low' },
      'lowLow',
    );
  const highest = [low, lowLow].filter((x): x is number => x !== null);
  const lowest = [high, highHigh].filter((x): x is number => x !== null);
  if (highest.length > 0 && lowest.length > 0 && Math.max(...highest) >= Math.min(...lowest))
    throw new RuleParamsError(
      `${KIND}: low and lowLow must be below high and highHigh`,
      { type: 'order', op: 'below', than: high !== null ? 'high' : 'highHigh' },
      low !== null ? 'low' : 'lowLow',
    );
  return params;
}

export function initialProcessLimitState(): ProcessLimitState {
  return {
    kind: 'process-limit',
    v: 1,
    lastTs: null,
    side: null,
    setLevel: 0,
    since: { h: null, hh: null, l: null, ll: null },
  };
}

const NAMES: Readonly<Record<Side, Readonly<Record<AlertLevel, Bilingual>>>> = {
  high: { 1: { zh: '高报 (H)', en: 'high (H)' }, 2: { zh: '高高报 (HH)', en: 'high-high (HH)' } },
  low: { 1: { zh: '低报 (L)', en: 'low (L)' }, 2: { zh: '低低报 (LL)', en: 'low-low (LL)' } },
};

/** The set point of a side's level, or null when it is not set. */
function setPoint(p: ProcessLimitParams, side: Side, level: AlertLevel): number | null {
  if (side === 'high') return level === 2 ? p.highHigh : p.high;
  return level === 2 ? p.lowLow : p.low;
}

const reaches = (side: Side, value: number, sp: number | null) =>
  sp !== null && (side === 'high' ? value >= sp : value <= sp);
/** Still within the hysteresis band of a set point it reached (not yet past the band). */
const within = (side: Side, value: number, sp: number | null, hysteresis: number) =>
  sp !== null && (side === 'high' ? value > sp - hysteresis : value < sp + hysteresis);

/** The alert level of set point `level` on a side: HH/LL are 2 unless the rule caps them. */
const alertOf = (p: ProcessLimitParams, level: AlertLevel): AlertLevel => (level === 2 ? p.level : 1);

export function stepProcessLimit(
  ctx: RuleContext,
  params: ProcessLimitParams,
  state: ProcessLimitState,
  input: RuleInput,
): Evaluation<ProcessLimitState> {
  if (input.kind !== 'reading' || (state.lastTs !== null && input.ts <= state.lastTs))
    return unchanged(state);
  const value = input.values[ctx.metric];
  if (typeof value !== 'number') return unchanged(state);
  const ts = input.ts;
  if (params.high === null && params.highHigh === null && params.low === null && params.lowLow === null) {
    return {
      state: { ...state, lastTs: ts },
      verdicts: [],
      issues: [
        issue('not-configured', ts, {
          zh: `${ctx.info.label.zh}未设置高报/高高报/低报/低低报设定值（应按设备设计值逐台设置），未判定`,
          en: `${ctx.info.label.en} has no H/HH/L/LL set point (set them per device from its design values); not judged`,
        }),
      ],
    };
  }
  const run = (key: 'h' | 'hh' | 'l' | 'll', reached: boolean) => (reached ? (state.since[key] ?? ts) : null);
  const since = {
    h: run('h', reaches('high', value, params.high)),
    hh: run('hh', reaches('high', value, params.highHigh)),
    l: run('l', reaches('low', value, params.low)),
    ll: run('ll', reaches('low', value, params.lowLow)),
  };
  const raised = (s: number | null) => s !== null && ts - s >= params.delayMs;
  // The level each side stands at: raised by a run that lasted the delay, or held inside the band of an open level.
  const levelOn = (side: Side): { level: 0 | AlertLevel; setLevel: 0 | 1 | 2 } => {
    const [s1, s2] = side === 'high' ? [since.h, since.hh] : [since.l, since.ll];
    let setLevel: 0 | 1 | 2 = raised(s2) ? 2 : raised(s1) ? 1 : 0;
    if (state.side === side && state.setLevel > 0) {
      for (const l of [2, 1] as const) {
        if (
          l <= state.setLevel &&
          l > setLevel &&
          within(side, value, setPoint(params, side, l), params.hysteresis)
        ) {
          setLevel = l;
          break;
        }
      }
    }
    return { level: setLevel === 0 ? 0 : alertOf(params, setLevel), setLevel };
  };
  const high = levelOn('high');
  const low = levelOn('low');
  const side: Side | null = high.setLevel > 0 ? 'high' : low.setLevel > 0 ? 'low' : null;
  const target = side === 'high' ? high : side === 'low' ? low : { level: 0 as const, setLevel: 0 as const };
  const next: ProcessLimitState = { ...state, lastTs: ts, since, side, setLevel: target.setLevel };
  const openLevel: 0 | AlertLevel = state.setLevel === 0 ? 0 : alertOf(params, state.setLevel);
  const unit = ctx.info.unit;
  const label = ctx.info.label;

  if (side !== null && target.setLevel > 0 && target.level > 0) {
    const setLevel = target.setLevel as AlertLevel;
    const sp = setPoint(params, side, setLevel) as number;
    const sameSide = state.side === side && state.setLevel > 0;
    const change = !sameSide
      ? 'opened'
      : target.level > openLevel
        ? 'escalated'
        : target.level < openLevel
          ? 'de-escalated'
          : 'continuing';
    // Held inside the band without reaching the set point: the alert stays as it is, and nothing is said.
    if (change === 'continuing' && !reaches(side, value, sp)) return unchanged(next);
    const runStart =
      setLevel === 2 ? (side === 'high' ? since.hh : since.ll) : side === 'high' ? since.h : since.l;
    const held =
      params.delayMs > 0 && runStart !== null && reaches(side, value, sp)
        ? {
            zh: `，已持续 ${formatDuration(ts - runStart).zh}（延时 ${formatDuration(params.delayMs).zh}）`,
            en: ` for ${formatDuration(ts - runStart).en} (delay ${formatDuration(params.delayMs).en})`,
          }
        : { zh: '', en: '' };
    const name = NAMES[side][setLevel];
    const cmp = reaches(side, value, sp)
      ? side === 'high'
        ? { zh: '达到或超过', en: 'reached' }
        : { zh: '低于或等于', en: 'fell to' }
      : { zh: '回落至回差带内，仍处于', en: 'is back inside the hysteresis band of' };
    const cite = citation(ctx.source);
    const verdicts = [];
    // Jumping from one side to the other closes the old alert first: one alert per episode and side.
    if (state.side !== null && state.side !== side && state.setLevel > 0) {
      verdicts.push(
        clear({
          value,
          unit,
          ts,
          explanation: {
            zh: `${label.zh} ${withUnit(value, unit)}，已离开${NAMES[state.side][1].zh}区间`,
            en: `${label.en} ${withUnit(value, unit)}, out of the ${NAMES[state.side][1].en} range`,
          },
        }),
      );
    }
    verdicts.push(
      trigger({
        change: state.side !== null && state.side !== side ? 'opened' : change,
        level: target.level as AlertLevel,
        value,
        limit: sp,
        unit,
        ts,
        explanation: {
          zh: `${label.zh} ${withUnit(value, unit)} ${cmp.zh}${name.zh}设定值 ${withUnit(sp, unit)}${held.zh}${cite.zh}`,
          en: `${label.en} ${withUnit(value, unit)} ${cmp.en} the ${name.en} set point ${withUnit(sp, unit)}${held.en}${cite.en}`,
        },
      }),
    );
    return { state: next, verdicts, issues: [] };
  }
  if (state.setLevel > 0 && state.side !== null) {
    // A side opened only through a set point it has, so the last fallback is never taken.
    const first = setPoint(params, state.side, 1) ?? setPoint(params, state.side, 2) ?? value;
    const bound = state.side === 'high' ? first - params.hysteresis : first + params.hysteresis;
    return {
      state: next,
      verdicts: [
        clear({
          value,
          unit,
          ts,
          explanation: {
            zh: `${label.zh} 恢复至 ${withUnit(value, unit)}，回到 ${withUnit(bound, unit)} ${state.side === 'high' ? '以下' : '以上'}（${NAMES[state.side][1].zh}设定值 ${withUnit(first, unit)}，回差 ${withUnit(params.hysteresis, unit)}）`,
            en: `${label.en} back to ${withUnit(value, unit)}, ${state.side === 'high' ? 'at or below' : 'at or above'} ${withUnit(bound, unit)} (${NAMES[state.side][1].en} set point ${withUnit(first, unit)}, hysteresis ${withUnit(params.hysteresis, unit)})`,
          },
        }),
      ],
      issues: [],
    };
  }
  return unchanged(next);
}

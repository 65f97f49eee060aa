import type { Bilingual, MetricInfo } from '../evaluate';
import type { RuleContext, RuleInput } from '../inputs';
import { alertLevel, durationMs, oneOf, optionalNumber, paramsObject, type RawParams } from '../params';
import { RuleParamsError } from '../threshold';
import {
  citation,
  clear,
  formatBeijingTime,
  formatDuration,
  trigger,
  unchanged,
  type Evaluation,
} from '../verdicts';

/**
 * State signals: a metric whose value is a state, not a quantity — smoke, fire, flame, a gas detector's fault output,
 * an emergency stop, a door or valve position. Booleans, or whole numbers that code an enumerated state (a valve:
 * 0 closed, 1 open, 2 travelling, 3 fault). `alarmStates` lists the values that are the alarm state; every other
 * value is normal. One rule judges one of three things (`check`), each its own alert, because the lifecycle keeps one
 * open alert per (rule, device) and a flapping or stuck detector is a maintenance job, not a second fire:
 *
 * - `alarm`: raised by the first reading in the alarm state (or once it has held for `delayMs`, 0 = at once — a fire
 *   detector's signal is not debounced by the platform, the detector and its controller already confirmed it).
 *   Cleared once the normal state has held for `clearAfterMs` since the first normal reading, judged on readings and
 *   on ticks: a detector that reports only on change says "normal" once, and the last reported state holds until it
 *   reports another (a silent device is judged by the device-offline rule, not here).
 * - `stuck`: the device keeps reporting, and the value has not changed for `stuckAfterMs` while in `stuckState`
 *   ('alarm': latched in alarm, 'normal': never seen in alarm — a detector whose periodic test, which puts it in the
 *   alarm state, is never seen; 'any'). Judged on readings only: silence is not evidence of a stuck signal.
 *   Cleared by the first reading with another value.
 * - `chattering`: at least `chatterCount` activations (normal → alarm, the first reading counting when it is in
 *   alarm) within `chatterWindowMs`. Cleared once no alarm/normal transition has happened for
 *   max(`chatterWindowMs`, `clearAfterMs`), judged on readings and ticks.
 *
 * Readings at or before the last one applied change nothing (replays, late readings). Value and limit of a verdict:
 * the state as a number (true 1, false 0) for `alarm`; minutes unchanged vs `stuckAfterMs` in minutes for `stuck`;
 * activations in the window vs `chatterCount` for `chattering`.
 */
export type StateValue = boolean | number;
export type StateSignalCheck = 'alarm' | 'stuck' | 'chattering';
export type StuckState = 'alarm' | 'normal' | 'any';

export interface StateSignalParams {
  readonly check: StateSignalCheck;
  readonly alarmStates: readonly StateValue[];
  readonly delayMs: number;
  readonly clearAfterMs: number;
  /** Null unless `check` is 'stuck', where it is required. */
  readonly stuckAfterMs: number | null;
  readonly stuckState: StuckState;
  readonly chatterCount: number;
  readonly chatterWindowMs: number;
  readonly level: 1 | 2;
}

export interface StateSignalState {
  readonly kind: 'state-signal';
  readonly v: 1;
  readonly lastTs: number | null;
  /** The last reading's value, as reported. */
  readonly value: StateValue | null;
  /** Timestamp of the first reading of the current run of that exact value. */
  readonly valueSince: number | null;
  /** Timestamp of the first reading of the current run in the alarm state; null when the state is normal. */
  readonly alarmSince: number | null;
  /** Timestamp of the first reading of the current run in the normal state; null when the state is alarm. */
  readonly normalSince: number | null;
  /** Timestamp of the last alarm/normal transition (or of the first reading). */
  readonly changedAt: number | null;
  /** Activation timestamps within the chattering window, oldest first, at most `chatterCount` of them. */
  readonly activations: readonly number[];
  readonly active: boolean;
}

const KIND = 'state-signal';
const MINUTE = 60_000;
const MAX_ALARM_STATES = 16;

export const STATE_SIGNAL_KEYS = [
  'check',
  'alarmStates',
  'delayMs',
  'clearAfterMs',
  'stuckAfterMs',
  'stuckState',
  'chatterCount',
  'chatterWindowMs',
  'level',
] as const;

function alarmStatesParam(p: RawParams): StateValue[] {
  const raw = p.alarmStates ?? [true];
  const what = 'a non-empty list of true/false or whole numbers (the values that are the alarm state)';
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_ALARM_STATES) {
    throw new RuleParamsError(
      `${KIND}: alarmStates must be ${what}, at most ${MAX_ALARM_STATES}`,
      { type: 'states', issue: 'shape' },
      'alarmStates',
    );
  }
  const out: StateValue[] = [];
  for (const v of raw as unknown[]) {
    if (typeof v !== 'boolean' && !(typeof v === 'number' && Number.isInteger(v))) {
      throw new RuleParamsError(
        `${KIND}: alarmStates must be ${what}, got ${JSON.stringify(v)}`,
        { type: 'states', issue: 'shape' },
        'alarmStates',
      );
    }
    if (out.includes(v)) {
      throw new RuleParamsError(
        `${KIND}: alarmStates lists ${String(v)} twice`,
        { type: 'states', issue: 'duplicate' },
        'alarmStates',
      );
    }
    out.push(v);
  }
  if (out.some((v) => typeof v === 'boolean') && out.some((v) => typeof v === 'number')) {
    throw new RuleParamsError(
      `${KIND}: alarmStates must be all true/false or all numbers, not both`,
      { type: 'states', issue: 'mixed' },
      'alarmStates',
    );
  }
  if (out.length === 2 && out.includes(true) && out.includes(false)) {
    throw new RuleParamsError(
      `${KIND}: alarmStates lists both true and false: nothing would be normal`,
      { type: 'states', issue: 'both' },
      'alarmStates',
    );
  }
  return out;
}

export function parseStateSignalParams(raw: unknown): StateSignalParams {
  const p = paramsObject(KIND, raw, STATE_SIGNAL_KEYS);
  const check = oneOf(KIND, p, 'check', ['alarm', 'stuck', 'chattering'] as const, 'alarm');
  const stuckAfterMs =
    p.stuckAfterMs === undefined || p.stuckAfterMs === null ? null : durationMs(KIND, p, 'stuckAfterMs');
  if (check === 'stuck' && stuckAfterMs === null) {
    throw new RuleParamsError(
      `${KIND}: stuckAfterMs is required when check is "stuck" (milliseconds, > 0)`,
      { type: 'required' },
      'stuckAfterMs',
    );
  }
  return {
    check,
    alarmStates: alarmStatesParam(p),
    delayMs: durationMs(KIND, p, 'delayMs', 0, true),
    clearAfterMs: durationMs(KIND, p, 'clearAfterMs', 0, true),
    stuckAfterMs,
    stuckState: oneOf(KIND, p, 'stuckState', ['alarm', 'normal', 'any'] as const, 'any'),
    chatterCount: optionalNumber(KIND, p, 'chatterCount', 3, { integer: true, min: 2, max: 100 }),
    chatterWindowMs: durationMs(KIND, p, 'chatterWindowMs', MINUTE),
    level: alertLevel(KIND, p),
  };
}

export function initialStateSignalState(): StateSignalState {
  return {
    kind: 'state-signal',
    v: 1,
    lastTs: null,
    value: null,
    valueSince: null,
    alarmSince: null,
    normalSince: null,
    changedAt: null,
    activations: [],
    active: false,
  };
}

/** Whether `value` is one of the alarm states (a number matches a number, a boolean a boolean). */
export function isAlarmState(params: Pick<StateSignalParams, 'alarmStates'>, value: StateValue): boolean {
  return params.alarmStates.includes(value);
}

/** A state as an officer reads it: the metric's own state name when it has one ("行程中 (2)"), else 是/否, true/false. */
export function stateText(info: MetricInfo, value: StateValue): Bilingual {
  if (typeof value === 'boolean') return value ? { zh: '是', en: 'true' } : { zh: '否', en: 'false' };
  const named = info.states?.[String(value)];
  return named
    ? { zh: `${named.zh} (${value})`, en: `${named.en} (${value})` }
    : { zh: String(value), en: String(value) };
}

const asNumber = (value: StateValue): number => (typeof value === 'boolean' ? (value ? 1 : 0) : value);

/** Applies one reading to the state's bookkeeping, common to the three checks. */
function observe(
  params: StateSignalParams,
  state: StateSignalState,
  ts: number,
  value: StateValue,
): StateSignalState {
  const alarm = isAlarmState(params, value);
  const before = state.value === null ? null : isAlarmState(params, state.value);
  const activation = alarm && before !== true;
  const kept = state.activations.filter((t) => t > ts - params.chatterWindowMs);
  const activations = activation ? [...kept, ts].slice(-params.chatterCount) : kept;
  return {
    ...state,
    lastTs: ts,
    value,
    valueSince: state.value === value && state.valueSince !== null ? state.valueSince : ts,
    alarmSince: alarm ? (before === true ? state.alarmSince : ts) : null,
    normalSince: alarm ? null : before === false ? state.normalSince : ts,
    changedAt: before === null || before !== alarm ? ts : state.changedAt,
    activations,
  };
}

export function stepStateSignal(
  ctx: RuleContext,
  params: StateSignalParams,
  state: StateSignalState,
  input: RuleInput,
  now: number,
): Evaluation<StateSignalState> {
  if (input.kind === 'reading') {
    if (state.lastTs !== null && input.ts <= state.lastTs) return unchanged(state);
    const value = input.values[ctx.metric];
    if (typeof value !== 'boolean' && typeof value !== 'number') return unchanged(state);
    const next = observe(params, state, input.ts, value);
    switch (params.check) {
      case 'alarm':
        return judgeAlarm(ctx, params, state, next, input.ts, true);
      case 'stuck':
        return judgeStuck(ctx, params, state, next, input.ts);
      case 'chattering':
        return judgeChattering(ctx, params, state, next, input.ts, true);
    }
  }
  if (input.kind === 'tick' && state.lastTs !== null && now > state.lastTs) {
    // Time alone can open a delayed alarm and clear an alarm or chattering alert; never a stuck one.
    if (params.check === 'alarm') return judgeAlarm(ctx, params, state, state, now, false);
    if (params.check === 'chattering') return judgeChattering(ctx, params, state, state, now, false);
  }
  return unchanged(state);
}

/** `at` is the reading's timestamp, or `now` on a tick. */
function judgeAlarm(
  ctx: RuleContext,
  params: StateSignalParams,
  before: StateSignalState,
  next: StateSignalState,
  at: number,
  isReading: boolean,
): Evaluation<StateSignalState> {
  const { label, unit } = ctx.info;
  const cite = citation(ctx.source);
  const value = next.value;
  if (value === null) return unchanged(next);
  if (next.alarmSince !== null && at - next.alarmSince >= params.delayMs) {
    // On a tick, an alert already open needs no confirmation: only readings count as repeats.
    if (before.active && !isReading) return unchanged(next);
    const state = stateText(ctx.info, value);
    const held =
      params.delayMs > 0
        ? {
            zh: `，已持续 ${formatDuration(at - next.alarmSince).zh}（延时设定 ${formatDuration(params.delayMs).zh}）`,
            en: `, held for ${formatDuration(at - next.alarmSince).en} (delay ${formatDuration(params.delayMs).en})`,
          }
        : { zh: '', en: '' };
    return {
      state: { ...next, active: true },
      verdicts: [
        trigger({
          change: before.active ? 'continuing' : 'opened',
          level: params.level,
          value: asNumber(value),
          limit: asNumber(value),
          unit,
          ts: at,
          explanation: {
            zh: `${label.zh}报警：状态为「${state.zh}」，自 ${formatBeijingTime(next.alarmSince)} 起${held.zh}${cite.zh}`,
            en: `${label.en} in alarm: state ${state.en} since ${formatBeijingTime(next.alarmSince)}${held.en}${cite.en}`,
          },
        }),
      ],
      issues: [],
    };
  }
  if (before.active && next.normalSince !== null && at - next.normalSince >= params.clearAfterMs) {
    const state = stateText(ctx.info, value);
    const held =
      params.clearAfterMs > 0
        ? {
            zh: `，已保持 ${formatDuration(at - next.normalSince).zh}（设定 ${formatDuration(params.clearAfterMs).zh}）`,
            en: `, held for ${formatDuration(at - next.normalSince).en} (set ${formatDuration(params.clearAfterMs).en})`,
          }
        : { zh: '', en: '' };
    return {
      state: { ...next, active: false },
      verdicts: [
        clear({
          value: asNumber(value),
          unit,
          ts: at,
          explanation: {
            zh: `${label.zh}恢复正常：状态为「${state.zh}」，自 ${formatBeijingTime(next.normalSince)} 起${held.zh}`,
            en: `${label.en} back to normal: state ${state.en} since ${formatBeijingTime(next.normalSince)}${held.en}`,
          },
        }),
      ],
      issues: [],
    };
  }
  return unchanged(next);
}

function judgeStuck(
  ctx: RuleContext,
  params: StateSignalParams,
  before: StateSignalState,
  next: StateSignalState,
  ts: number,
): Evaluation<StateSignalState> {
  const stuckAfter = params.stuckAfterMs ?? Number.POSITIVE_INFINITY;
  const value = next.value;
  if (value === null || next.valueSince === null) return unchanged(next);
  const alarm = isAlarmState(params, value);
  const watched = params.stuckState === 'any' || (params.stuckState === 'alarm') === alarm;
  const { label } = ctx.info;
  const state = stateText(ctx.info, value);
  const unchangedFor = ts - next.valueSince;
  if (watched && unchangedFor >= stuckAfter) {
    const which = alarm ? { zh: '报警', en: 'alarm' } : { zh: '正常', en: 'normal' };
    return {
      state: { ...next, active: true },
      verdicts: [
        trigger({
          change: before.active ? 'continuing' : 'opened',
          level: params.level,
          value: unchangedFor / MINUTE,
          limit: stuckAfter / MINUTE,
          unit: 'min',
          ts,
          explanation: {
            zh: `${label.zh}疑似卡滞：自 ${formatBeijingTime(next.valueSince)} 起一直为「${state.zh}」（${which.zh}状态）已 ${formatDuration(unchangedFor).zh}，超过设定 ${formatDuration(stuckAfter).zh}，期间设备持续上报${citation(ctx.source).zh}`,
            en: `${label.en} looks stuck: ${state.en} (${which.en} state) since ${formatBeijingTime(next.valueSince)}, ${formatDuration(unchangedFor).en} unchanged while the device kept reporting, longer than the set ${formatDuration(stuckAfter).en}${citation(ctx.source).en}`,
          },
        }),
      ],
      issues: [],
    };
  }
  if (before.active && next.valueSince === ts) {
    return {
      state: { ...next, active: false },
      verdicts: [
        clear({
          value: 0,
          unit: 'min',
          ts,
          explanation: {
            zh: `${label.zh}状态已变化为「${state.zh}」（${formatBeijingTime(ts)}），不再卡滞`,
            en: `${label.en} changed to ${state.en} at ${formatBeijingTime(ts)}: no longer stuck`,
          },
        }),
      ],
      issues: [],
    };
  }
  return unchanged(next);
}

function judgeChattering(
  ctx: RuleContext,
  params: StateSignalParams,
  before: StateSignalState,
  next: StateSignalState,
  at: number,
  isReading: boolean,
): Evaluation<StateSignalState> {
  const { label } = ctx.info;
  const inWindow = next.activations.filter((t) => t > at - params.chatterWindowMs);
  const activated =
    isReading && next.activations.length > 0 && next.activations[next.activations.length - 1] === at;
  const window = formatDuration(params.chatterWindowMs);
  if (inWindow.length >= params.chatterCount && (activated || !before.active)) {
    return {
      state: { ...next, active: true },
      verdicts: [
        trigger({
          change: before.active ? 'continuing' : 'opened',
          level: params.level,
          value: inWindow.length,
          limit: params.chatterCount,
          unit: '',
          ts: at,
          explanation: {
            zh: `${label.zh}信号抖动：${window.zh}内报警/恢复往复 ${inWindow.length} 次（设定 ${params.chatterCount} 次），首次 ${formatBeijingTime(inWindow[0])}；请检查探测器及其接线${citation(ctx.source).zh}`,
            en: `${label.en} chattering: ${inWindow.length} alarm activations within ${window.en} (set ${params.chatterCount}), first at ${formatBeijingTime(inWindow[0])}; check the detector and its wiring${citation(ctx.source).en}`,
          },
        }),
      ],
      issues: [],
    };
  }
  const quiet = Math.max(params.chatterWindowMs, params.clearAfterMs);
  if (before.active && next.changedAt !== null && at - next.changedAt >= quiet) {
    const steady = formatDuration(at - next.changedAt);
    return {
      state: { ...next, active: false, activations: inWindow },
      verdicts: [
        clear({
          value: inWindow.length,
          unit: '',
          ts: at,
          explanation: {
            zh: `${label.zh}信号已稳定 ${steady.zh}，未再抖动（自 ${formatBeijingTime(next.changedAt)} 起无状态变化）`,
            en: `${label.en} steady for ${steady.en}: no state change since ${formatBeijingTime(next.changedAt)}`,
          },
        }),
      ],
      issues: [],
    };
  }
  return unchanged(isReading ? next : { ...next, activations: inWindow });
}

import { evaluateThreshold, type ThresholdRule } from '../evaluate';
import type { RuleContext, RuleInput } from '../inputs';
import { paramsObject } from '../params';
import { limitForLevel, parseThresholdParams, type ThresholdLevel, type ThresholdParams } from '../threshold';
import { changeFrom, clear, trigger, unchanged, type Evaluation } from '../verdicts';

/**
 * Two-level threshold with hysteresis (GB/T 50493-2019 §5.5.2), carrying the open level in its own state instead of
 * asking the alert table. Same wording as `evaluateThreshold`, which it delegates to.
 */
export interface ThresholdState {
  readonly kind: 'threshold';
  readonly v: 1;
  readonly lastTs: number | null;
  readonly level: ThresholdLevel;
}

export const THRESHOLD_KEYS = ['direction', 'level1', 'level2', 'hysteresis'] as const;

export function parseThresholdRuleParams(raw: unknown): ThresholdParams {
  paramsObject('threshold', raw, THRESHOLD_KEYS);
  return parseThresholdParams(raw);
}

export function initialThresholdState(): ThresholdState {
  return { kind: 'threshold', v: 1, lastTs: null, level: 0 };
}

export function stepThreshold(
  ctx: RuleContext,
  params: ThresholdParams,
  state: ThresholdState,
  input: RuleInput,
): Evaluation<ThresholdState> {
  if (input.kind !== 'reading' || (state.lastTs !== null && input.ts <= state.lastTs))
    return unchanged(state);
  const value = input.values[ctx.metric];
  if (typeof value !== 'number') return unchanged(state);
  const rule: ThresholdRule = {
    id: ctx.id,
    kind: 'threshold',
    name: ctx.name,
    deviceKind: '',
    metric: ctx.metric,
    params,
    autoResolve: true,
    source: ctx.source,
  };
  const verdict = evaluateThreshold(rule, ctx.info, value, state.level);
  if (verdict.action === 'trigger') {
    const next: ThresholdState = { ...state, lastTs: input.ts, level: verdict.level };
    // Inside the hysteresis band the alert stays open, but the value no longer reaches the set point:
    // say nothing rather than "reached the set point" about a value that did not.
    const reached =
      params.direction === 'above'
        ? value >= limitForLevel(params, verdict.level)
        : value <= limitForLevel(params, verdict.level);
    if (!reached) return unchanged(next);
    const { action: _action, severity: _severity, ...fields } = verdict;
    return {
      state: next,
      verdicts: [
        trigger({
          ...fields,
          change: changeFrom(state.level, verdict.level),
          unit: ctx.info.unit,
          ts: input.ts,
        }),
      ],
      issues: [],
    };
  }
  const next: ThresholdState = { ...state, lastTs: input.ts, level: 0 };
  if (verdict.action === 'clear') {
    return {
      state: next,
      verdicts: [clear({ value, unit: ctx.info.unit, ts: input.ts, explanation: verdict.explanation })],
      issues: [],
    };
  }
  return unchanged(next);
}

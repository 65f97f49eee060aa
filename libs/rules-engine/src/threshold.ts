/**
 * Two-level threshold with hysteresis — the rule GB/T 50493-2019 §5.5 prescribes for gas detection:
 * a first-level and a second-level alarm set point. An alert, once raised, clears only when the value
 * has gone back past the first level by the hysteresis band, so a value hovering at the limit does not flap.
 */
export interface ThresholdParams {
  /** 'above': alarm when value ≥ limit (gas concentration); 'below': alarm when value ≤ limit (oxygen deficiency). */
  readonly direction: 'above' | 'below';
  readonly level1: number;
  readonly level2?: number;
  /** Absolute band, in the metric's unit, the value must retreat past level1 to clear. */
  readonly hysteresis: number;
}

export type ThresholdLevel = 0 | 1 | 2;

/** Bounds of a numeric parameter: inclusive min/max, exclusive above/below. */
export interface NumberBounds {
  readonly min?: number;
  readonly max?: number;
  /** Exclusive lower bound. */
  readonly above?: number;
  /** Exclusive upper bound. */
  readonly below?: number;
  readonly integer?: boolean;
}

/**
 * What is wrong with a rule's parameters, as data: the web form words it in the user's language with its own
 * labels (a Chinese form must not show "level2 must be above level1"); `message` is the English wording for the
 * API and logs. `param` names the parameter at fault; `than`/`of` name the other one in a relation.
 */
export type RuleParamsProblem =
  | { readonly type: 'not-object' }
  | { readonly type: 'unknown-kind' }
  | { readonly type: 'unknown-params'; readonly names: readonly string[] }
  | { readonly type: 'required' }
  /** `duration`: milliseconds (the form types seconds). */
  | { readonly type: 'number'; readonly bounds: NumberBounds; readonly duration: boolean }
  | { readonly type: 'one-of'; readonly values: readonly string[] }
  | { readonly type: 'boolean' }
  | { readonly type: 'level' }
  | { readonly type: 'metric' }
  /** `param` must be above / below / not above `than`. */
  | { readonly type: 'order'; readonly op: 'above' | 'below' | 'not-above'; readonly than: string }
  | { readonly type: 'multiple-of'; readonly of: string; readonly maxMultiple: number }
  | { readonly type: 'states'; readonly issue: 'shape' | 'duplicate' | 'mixed' | 'both' }
  | { readonly type: 'flags'; readonly allowed: readonly string[] };

export class RuleParamsError extends Error {
  constructor(
    message: string,
    readonly problem: RuleParamsProblem,
    readonly param: string | null = null,
    /** Set when the value came from an enterprise's or a device's override of the park default. */
    readonly override: readonly string[] = [],
  ) {
    super(message);
    this.name = 'RuleParamsError';
  }
}

/** Validates untrusted parameters (from the rules table or the API). */
export function parseThresholdParams(raw: unknown): ThresholdParams {
  if (typeof raw !== 'object' || raw === null)
    throw new RuleParamsError('threshold params must be an object', { type: 'not-object' });
  const p = raw as Record<string, unknown>;
  const direction = p.direction ?? 'above';
  if (direction !== 'above' && direction !== 'below')
    throw new RuleParamsError(
      'direction must be "above" or "below"',
      { type: 'one-of', values: ['above', 'below'] },
      'direction',
    );
  const level1 = p.level1;
  if (typeof level1 !== 'number' || !Number.isFinite(level1))
    throw new RuleParamsError(
      'level1 must be a finite number',
      { type: 'number', bounds: {}, duration: false },
      'level1',
    );
  const level2 = p.level2;
  if (level2 !== undefined && (typeof level2 !== 'number' || !Number.isFinite(level2))) {
    throw new RuleParamsError(
      'level2 must be a finite number when given',
      { type: 'number', bounds: {}, duration: false },
      'level2',
    );
  }
  if (typeof level2 === 'number' && (direction === 'above' ? level2 <= level1 : level2 >= level1)) {
    throw new RuleParamsError(
      `level2 must be ${direction === 'above' ? 'above' : 'below'} level1`,
      { type: 'order', op: direction, than: 'level1' },
      'level2',
    );
  }
  const hysteresis = p.hysteresis ?? 0;
  if (typeof hysteresis !== 'number' || !Number.isFinite(hysteresis) || hysteresis < 0) {
    throw new RuleParamsError(
      'hysteresis must be a number ≥ 0',
      { type: 'number', bounds: { min: 0 }, duration: false },
      'hysteresis',
    );
  }
  return { direction, level1, level2: level2, hysteresis };
}

/** The level a value stands at, given the level currently raised (0 when no alert is open). */
export function thresholdLevel(
  params: ThresholdParams,
  value: number,
  current: ThresholdLevel,
): ThresholdLevel {
  // Normalise 'below' to 'above' by negation so one comparison serves both directions.
  const sign = params.direction === 'above' ? 1 : -1;
  const v = sign * value;
  const l1 = sign * params.level1;
  const l2 = params.level2 === undefined ? undefined : sign * params.level2;
  const h = params.hysteresis;
  if (l2 !== undefined && (v >= l2 || (current === 2 && v > l2 - h))) return 2;
  if (v >= l1 || (current >= 1 && v > l1 - h)) return 1;
  return 0;
}

export function limitForLevel(params: ThresholdParams, level: ThresholdLevel): number {
  return level === 2 && params.level2 !== undefined ? params.level2 : params.level1;
}

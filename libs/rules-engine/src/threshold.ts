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

export class RuleParamsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleParamsError';
  }
}

/** Validates untrusted parameters (from the rules table or the API). */
export function parseThresholdParams(raw: unknown): ThresholdParams {
  if (typeof raw !== 'object' || raw === null)
    throw new RuleParamsError('threshold params must be an object');
  const p = raw as Record<string, unknown>;
  const direction = p.direction ?? 'above';
  if (direction !== 'above' && direction !== 'below')
    throw new RuleParamsError('direction must be "above" or "below"');
  const level1 = p.level1;
  if (typeof level1 !== 'number' || !Number.isFinite(level1))
    throw new RuleParamsError('level1 must be a finite number');
  const level2 = p.level2;
  if (level2 !== undefined && (typeof level2 !== 'number' || !Number.isFinite(level2))) {
    throw new RuleParamsError('level2 must be a finite number when given');
  }
  if (typeof level2 === 'number' && (direction === 'above' ? level2 <= level1 : level2 >= level1)) {
    throw new RuleParamsError(`level2 must be ${direction === 'above' ? 'above' : 'below'} level1`);
  }
  const hysteresis = p.hysteresis ?? 0;
  if (typeof hysteresis !== 'number' || !Number.isFinite(hysteresis) || hysteresis < 0) {
    throw new RuleParamsError('hysteresis must be a number ≥ 0');
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

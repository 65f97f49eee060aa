import { RuleParamsError, type NumberBounds } from './threshold';

/**
 * Small readers for untrusted rule parameters (the rules table, the rules CRUD API). Every message names the
 * kind and the parameter and says what was expected, so an administrator can fix the row without reading code.
 */
export type RawParams = Readonly<Record<string, unknown>>;

export function paramsObject(kind: string, raw: unknown, known: readonly string[]): RawParams {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new RuleParamsError(`${kind} params must be an object`, { type: 'not-object' });
  }
  const unknown = Object.keys(raw).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new RuleParamsError(
      `${kind}: unknown parameter${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')} ` +
        `(known: ${known.join(', ')})`,
      { type: 'unknown-params', names: unknown },
    );
  }
  return raw as RawParams;
}

type NumberRule = NumberBounds;

function describe(rule: NumberRule): string {
  const parts: string[] = [];
  if (rule.integer) parts.push('a whole number');
  else parts.push('a finite number');
  if (rule.above !== undefined) parts.push(`> ${rule.above}`);
  if (rule.min !== undefined) parts.push(`≥ ${rule.min}`);
  if (rule.below !== undefined) parts.push(`< ${rule.below}`);
  if (rule.max !== undefined) parts.push(`≤ ${rule.max}`);
  return parts.join(' ');
}

function check(kind: string, key: string, value: unknown, rule: NumberRule, duration = false): number {
  const problem = { type: 'number', bounds: rule, duration } as const;
  const name = duration ? `${key} (milliseconds)` : key;
  if (typeof value !== 'number') {
    throw new RuleParamsError(
      `${kind}: ${name} must be ${describe(rule)}, got ${JSON.stringify(value)}`,
      problem,
      key,
    );
  }
  const ok =
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || value >= rule.min) &&
    (rule.max === undefined || value <= rule.max) &&
    (rule.above === undefined || value > rule.above) &&
    (rule.below === undefined || value < rule.below);
  if (!ok)
    throw new RuleParamsError(
      `${kind}: ${name} must be ${describe(rule)}, got ${String(value)}`,
      problem,
      key,
    );
  return value;
}

export function requiredNumber(kind: string, p: RawParams, key: string, rule: NumberRule = {}): number {
  if (p[key] === undefined) {
    throw new RuleParamsError(`${kind}: ${key} is required (${describe(rule)})`, { type: 'required' }, key);
  }
  return check(kind, key, p[key], rule);
}

export function optionalNumber(
  kind: string,
  p: RawParams,
  key: string,
  fallback: number,
  rule: NumberRule = {},
): number {
  return p[key] === undefined ? fallback : check(kind, key, p[key], rule);
}

/** A number that may be left unset (null or absent) in a park default, to be given per device or enterprise. */
export function nullableNumber(
  kind: string,
  p: RawParams,
  key: string,
  rule: NumberRule = {},
): number | null {
  return p[key] === undefined || p[key] === null ? null : check(kind, key, p[key], rule);
}

/** Milliseconds, a whole number > 0 (or ≥ 0 when `allowZero`). */
export function durationMs(
  kind: string,
  p: RawParams,
  key: string,
  fallback?: number,
  allowZero = false,
): number {
  const rule: NumberRule = allowZero ? { integer: true, min: 0 } : { integer: true, above: 0 };
  if (p[key] === undefined) {
    if (fallback === undefined)
      throw new RuleParamsError(
        `${kind}: ${key} is required (milliseconds, ${describe(rule)})`,
        { type: 'required' },
        key,
      );
    return fallback;
  }
  return check(kind, key, p[key], rule, true);
}

export function oneOf<T extends string>(
  kind: string,
  p: RawParams,
  key: string,
  values: readonly T[],
  fallback?: T,
): T {
  const value = p[key] ?? fallback;
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
    throw new RuleParamsError(
      `${kind}: ${key} must be one of ${values.map((v) => `"${v}"`).join(', ')}`,
      { type: 'one-of', values },
      key,
    );
  }
  return value as T;
}

export function booleanParam(kind: string, p: RawParams, key: string, fallback: boolean): boolean {
  const value = p[key] ?? fallback;
  if (typeof value !== 'boolean') {
    throw new RuleParamsError(`${kind}: ${key} must be true or false`, { type: 'boolean' }, key);
  }
  return value;
}

export function alertLevel(kind: string, p: RawParams, fallback: 1 | 2 = 1): 1 | 2 {
  const value = p.level ?? fallback;
  if (value !== 1 && value !== 2) {
    throw new RuleParamsError(`${kind}: level must be 1 or 2`, { type: 'level' }, 'level');
  }
  return value;
}

export function metricName(kind: string, p: RawParams, key: string, fallback: string): string {
  const value = p[key] ?? fallback;
  if (typeof value !== 'string' || !/^[a-z][a-z0-9_]{0,31}$/.test(value)) {
    throw new RuleParamsError(
      `${kind}: ${key} must be a metric name (lower-case letters, digits, _)`,
      { type: 'metric' },
      key,
    );
  }
  return value;
}

/** 'above' reaches at value ≥ limit; 'below' at value ≤ limit. */
export type Direction = 'above' | 'below';

export function reaches(direction: Direction, value: number, limit: number): boolean {
  return direction === 'above' ? value >= limit : value <= limit;
}

/**
 * Back past `limit` by the hysteresis band: the clear side of a limit, as `thresholdLevel` judges it
 * (with no hysteresis, simply no longer reaching the limit).
 */
export function pastBand(direction: Direction, value: number, limit: number, hysteresis: number): boolean {
  if (reaches(direction, value, limit)) return false;
  return direction === 'above' ? value <= limit - hysteresis : value >= limit + hysteresis;
}

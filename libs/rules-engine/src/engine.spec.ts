import {
  RULE_KINDS,
  RULE_KIND_INFO,
  RULE_PARAM_KEYS,
  closeHour,
  evaluate,
  initialState,
  parseRuleDefinition,
  reviveState,
  type RuleKind,
} from './engine';
import { RuleParamsError } from './threshold';
import { MINUTE, ruleOf } from './testing/harness';

/** The smallest valid params of each kind. */
const MINIMAL: Record<RuleKind, object> = {
  threshold: { level1: 25 },
  sustained: { limit: 10, durationMs: MINUTE },
  repeated: { limit: 10, count: 3, windowMs: MINUTE },
  'rate-of-change': { ratePerMinute: 2, windowMs: MINUTE },
  'device-offline': { expectedIntervalMs: MINUTE },
  'hourly-mean-emission': {},
  'treatment-power': { check: 'treatment-off', durationMs: MINUTE },
  'emission-spike': {},
  'state-signal': {},
  'process-limit': {},
  'analyser-abnormal': { durationMs: MINUTE },
};

describe('parseRuleDefinition', () => {
  it.each(RULE_KINDS)('accepts minimal %s params and fills in the documented defaults', (kind) => {
    const definition = parseRuleDefinition(kind, MINIMAL[kind]);
    expect(definition.kind).toBe(kind);
    expect(JSON.parse(JSON.stringify(definition.params))).toEqual(definition.params);
  });

  it.each(RULE_KINDS)(
    'takes exactly the %s keys RULE_PARAM_KEYS lists (the web form offers those)',
    (kind) => {
      const listed = Object.fromEntries(RULE_PARAM_KEYS[kind].map((key) => [key, undefined]));
      expect(() => parseRuleDefinition(kind, { ...listed, ...MINIMAL[kind] })).not.toThrow();
      expect(() => parseRuleDefinition(kind, { ...MINIMAL[kind], notAParameter: 1 })).toThrow(
        `unknown parameter "notAParameter" (known: ${RULE_PARAM_KEYS[kind].join(', ')})`,
      );
    },
  );

  it('fills in defaults an administrator can rely on', () => {
    expect(parseRuleDefinition('sustained', MINIMAL.sustained).params).toEqual({
      direction: 'above',
      limit: 10,
      durationMs: MINUTE,
      maxGapMs: MINUTE,
      hysteresis: 0,
      clearDurationMs: 0,
      level: 1,
    });
    expect(parseRuleDefinition('device-offline', MINIMAL['device-offline']).params).toEqual({
      expectedIntervalMs: MINUTE,
      factor: 3,
      level: 1,
    });
    expect(parseRuleDefinition('hourly-mean-emission', {}).params).toEqual({
      limit: null,
      o2Reference: null,
      requireO2Reference: false,
      o2Metric: 'o2',
      minSamples: 1,
      hysteresis: 0,
      level: 1,
      period: 'hour',
      lowerLimit: null,
      minHours: 0,
    });
  });

  it.each<[string, string, unknown, RegExp]>([
    [
      'an unknown kind',
      'flapping',
      {},
      /unknown rule kind "flapping" \(known: threshold, sustained, .*emission-spike, state-signal, process-limit, analyser-abnormal\)/,
    ],
    ['a non-string kind', 42 as unknown as string, {}, /unknown rule kind 42/],
    ['params that are not an object', 'sustained', [1, 2], /sustained params must be an object/],
    [
      'a misspelt parameter',
      'sustained',
      { limit: 1, durationMS: 5 },
      /sustained: unknown parameter "durationMS" \(known: direction, limit, durationMs/,
    ],
    [
      'a missing required number',
      'sustained',
      { durationMs: 1000 },
      /sustained: limit is required \(a finite number\)/,
    ],
    [
      'a fractional duration',
      'sustained',
      { limit: 1, durationMs: 1.5 },
      /durationMs \(milliseconds\) must be a whole number > 0, got 1.5/,
    ],
    [
      'a zero duration',
      'sustained',
      { limit: 1, durationMs: 0 },
      /durationMs \(milliseconds\) must be a whole number > 0/,
    ],
    [
      'a string number',
      'repeated',
      { limit: '10', count: 3, windowMs: 1000 },
      /repeated: limit must be a finite number, got "10"/,
    ],
    [
      'a count of one',
      'repeated',
      { limit: 10, count: 1, windowMs: 1000 },
      /count must be a whole number ≥ 2 ≤ 1000, got 1/,
    ],
    [
      'a bad direction',
      'rate-of-change',
      { direction: 'up', ratePerMinute: 1, windowMs: 1000 },
      /direction must be one of "rise", "fall", "either"/,
    ],
    [
      'a clear rate above the set rate',
      'rate-of-change',
      { ratePerMinute: 1, clearRatePerMinute: 2, windowMs: 1000 },
      /clearRatePerMinute must be a finite number ≥ 0 < 1/,
    ],
    [
      'a span longer than the window',
      'rate-of-change',
      { ratePerMinute: 1, windowMs: 1000, minSpanMs: 2000 },
      /minSpanMs must not exceed windowMs/,
    ],
    [
      'a factor below one',
      'device-offline',
      { expectedIntervalMs: 1000, factor: 0.5 },
      /factor must be a finite number ≥ 1/,
    ],
    [
      'a reference O₂ of 21 %',
      'hourly-mean-emission',
      { o2Reference: 21 },
      /o2Reference must be a finite number ≥ 0 < 21/,
    ],
    ['a negative permit limit', 'hourly-mean-emission', { limit: -5 }, /limit must be a finite number > 0/],
    ['a level 3', 'hourly-mean-emission', { level: 3 }, /level must be 1 or 2/],
    [
      'an unknown 分表计电 check',
      'treatment-power',
      { check: 'late', durationMs: 1000 },
      /check must be one of "treatment-off", "late-start", "early-stop"/,
    ],
    [
      'a running fraction above 1',
      'treatment-power',
      { check: 'late-start', durationMs: 1000, productionRunningFraction: 1.5 },
      /productionRunningFraction must be a finite number > 0 ≤ 1/,
    ],
    [
      'a window not made of whole buckets',
      'emission-spike',
      { baselineWindowMs: 90_000, bucketMs: 60_000 },
      /multiple of bucketMs/,
    ],
    ['threshold level2 under level1', 'threshold', { level1: 50, level2: 25 }, /level2 must be above level1/],
    [
      'a threshold misspelling',
      'threshold',
      { level1: 50, hysterisis: 2 },
      /threshold: unknown parameter "hysterisis"/,
    ],
  ])('refuses %s with a message that says what to fix', (_label, kind, params, message) => {
    expect(() => parseRuleDefinition(kind, params)).toThrow(RuleParamsError);
    expect(() => parseRuleDefinition(kind, params)).toThrow(message);
  });
});

describe('state handling', () => {
  it('starts afresh, with an issue, from a stored state of another kind or version', () => {
    const definition = parseRuleDefinition('sustained', MINIMAL.sustained);
    expect(reviveState(definition, null, 5)).toEqual({
      state: initialState(definition),
      verdicts: [],
      issues: [],
    });
    const other = reviveState(definition, { kind: 'threshold', v: 1, lastTs: 3, level: 1 }, 5);
    expect(other.state).toEqual(initialState(definition));
    expect(other.issues).toMatchObject([{ code: 'state-reset', ts: 5 }]);
    expect(reviveState(definition, { ...initialState(definition), v: 0 }, 5).issues).toHaveLength(1);
    const kept = { ...initialState(definition), lastTs: 9 };
    expect(reviveState(definition, kept, 5).state).toBe(kept);
  });

  it('evaluate reports the reset alongside the verdicts of the input', () => {
    const rule = ruleOf('threshold', { level1: 25 });
    const r = evaluate(rule, { kind: 'sustained', v: 1 }, { kind: 'reading', ts: 1, values: { lel: 30 } }, 1);
    expect(r.issues.map((i) => i.code)).toEqual(['state-reset']);
    expect(r.verdicts).toHaveLength(1);
  });

  it('closeHour leaves every kind but the hourly mean alone — a device-offline rule does not see a tick', () => {
    const offline = ruleOf('device-offline', { expectedIntervalMs: MINUTE });
    const seen = evaluate(offline, null, { kind: 'reading', ts: 0, values: {} }, 0);
    expect(closeHour(offline, seen.state, 60 * MINUTE).verdicts).toEqual([]);
    expect(evaluate(offline, seen.state, { kind: 'tick' }, 60 * MINUTE).verdicts).toHaveLength(1);
  });

  it('tells the rules service which subject and inputs each kind takes', () => {
    expect(Object.keys(RULE_KIND_INFO).sort()).toEqual([...RULE_KINDS].sort());
    expect(RULE_KIND_INFO['treatment-power']).toEqual({ subject: 'line', inputs: ['meter'] });
    expect(RULE_KIND_INFO['device-offline'].inputs).toContain('tick');
  });

  it('words a rule with no metric info with its own name and no unit', () => {
    const rule = {
      ...ruleOf('sustained', { limit: 1, durationMs: 5000, maxGapMs: MINUTE }),
      metricInfo: undefined,
    };
    const r = evaluate(rule, null, { kind: 'reading', ts: 0, values: { lel: 2 } }, 0);
    const again = evaluate(rule, r.state, { kind: 'reading', ts: 5000, values: { lel: 2 } }, 5000);
    expect(again.verdicts[0].explanation.zh).toContain('测试规则 已连续 5 秒高于或等于 1（当前 2）');
  });
});

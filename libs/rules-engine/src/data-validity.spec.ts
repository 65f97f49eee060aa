import fc from 'fast-check';
import { DATA_QUALITIES, type DataQuality } from '@park/contracts';
import { INVALID_FLAGS, LOWER_BOUND_KINDS, judgesFlag, validInput } from './data-validity';
import { RULE_KINDS, type RuleKind } from './engine';
import type { RuleInput } from './inputs';
import { HOUR_MS } from './kinds/hourly-mean-emission-rule';
import { MINUTE, ruleOf, run, triggers, type Step } from './testing/harness';

const T0 = Date.UTC(2025, 5, 1, 0, 0, 0);
const flagged = (ts: number, metric: string, value: number, flag?: DataQuality): Step => ({
  input: { kind: 'reading', ts, values: { [metric]: value }, ...(flag ? { flags: { [metric]: flag } } : {}) },
});

describe('validInput', () => {
  it('hands back the very input when nothing is flagged (the hot path allocates nothing)', () => {
    const input: RuleInput = { kind: 'reading', ts: 1, values: { so2: 3 } };
    expect(validInput('threshold', input)).toBe(input);
    const tick: RuleInput = { kind: 'tick' };
    expect(validInput('hourly-mean-emission', tick)).toBe(tick);
  });

  it('leaves F, M, S, D, C and B values out for every kind but analyser-abnormal, which reads the flags', () => {
    for (const kind of RULE_KINDS) {
      for (const flag of INVALID_FLAGS) {
        const input: RuleInput = { kind: 'reading', ts: 1, values: { so2: 0, o2: 9 }, flags: { so2: flag } };
        const out = validInput(kind, input);
        if (kind === 'analyser-abnormal') expect(out).toBe(input);
        else expect(out).toMatchObject({ values: { o2: 9 } });
        if (kind !== 'analyser-abnormal') expect('so2' in (out as { values: object }).values).toBe(false);
      }
    }
  });

  it('keeps an over-range (T) value only for the kinds that judge a set point, where it is a lower bound', () => {
    const judged = RULE_KINDS.filter((k) => judgesFlag(k, 'T'));
    expect(judged.sort()).toEqual(['process-limit', 'repeated', 'sustained', 'threshold']);
    expect(judgesFlag('hourly-mean-emission', 'T')).toBe(false);
    expect(judgesFlag('rate-of-change', 'T')).toBe(false);
    expect(judgesFlag('emission-spike', 'T')).toBe(false);
  });

  it('property: a flagged value is never passed to a kind that must not judge it; the rest pass untouched', () => {
    const quality = fc.constantFrom(...DATA_QUALITIES);
    const kind = fc.constantFrom(...RULE_KINDS.filter((k) => k !== 'analyser-abnormal'));
    fc.assert(
      fc.property(
        kind,
        fc.dictionary(
          fc.constantFrom('a', 'b', 'c', 'd'),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
        ),
        fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e'), quality),
        (k: RuleKind, values, flags) => {
          const out = validInput(k, { kind: 'reading', ts: 5, values, flags });
          if (out.kind !== 'reading') throw new Error('a reading stays a reading');
          for (const [metric, value] of Object.entries(values)) {
            const flag = flags[metric];
            if (judgesFlag(k, flag)) expect(out.values[metric]).toBe(value);
            else expect(metric in out.values).toBe(false);
          }
          expect(Object.keys(out.values).every((m) => m in values)).toBe(true);
          expect(out.ts).toBe(5);
        },
      ),
    );
  });
});

describe('flagged values in the rule kinds', () => {
  const threshold = ruleOf('threshold', { direction: 'above', level1: 25, hysteresis: 2 });

  it('a D-flagged value neither raises nor clears a threshold alarm', () => {
    const raised = run(threshold, [flagged(T0, 'lel', 30)]);
    expect(triggers(raised.verdicts)).toHaveLength(1);
    // A D-flagged 0 would clear the alarm if it were a real 0; it is not.
    const after = run(threshold, [flagged(T0 + MINUTE, 'lel', 0, 'D')], raised.state);
    expect(after.verdicts).toEqual([]);
    const fault = run(threshold, [flagged(T0, 'lel', 99, 'D')]);
    expect(fault.verdicts).toEqual([]);
  });

  it('an over-range (T) value past an upper set point raises: the true value is at least that', () => {
    expect(triggers(run(threshold, [flagged(T0, 'lel', 100, 'T')]).verdicts)).toHaveLength(1);
  });

  it('property: the hourly mean equals the mean of the valid values alone, whatever is flagged', () => {
    const rule = ruleOf(
      'hourly-mean-emission',
      { limit: 50, minSamples: 1 },
      { metric: 'cod', info: { unit: 'mg/L', label: { zh: 'COD', en: 'COD' } } },
    );
    const item = fc.record({
      value: fc.integer({ min: 0, max: 200 }),
      flag: fc.option(fc.constantFrom(...DATA_QUALITIES), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 30 }), (items) => {
        const steps = items.map((it, i) => flagged(T0 + (i + 1) * MINUTE, 'cod', it.value, it.flag));
        const result = run(rule, [...steps, { input: { kind: 'tick' }, now: T0 + HOUR_MS }]);
        const valid = items.filter((it) => it.flag === undefined).map((it) => it.value);
        const fired = triggers(result.verdicts);
        if (valid.length === 0) {
          expect(fired).toEqual([]);
          expect(result.issues.map((i) => i.code)).toEqual(['too-few-samples']);
          return;
        }
        const mean = valid.reduce((a, b) => a + b, 0) / valid.length;
        if (mean > 50) expect(fired.map((v) => v.value)).toEqual([mean]);
        else expect(fired).toEqual([]);
      }),
    );
  });

  it('LOWER_BOUND_KINDS are all real kinds', () => {
    for (const k of LOWER_BOUND_KINDS) expect(RULE_KINDS).toContain(k);
  });
});

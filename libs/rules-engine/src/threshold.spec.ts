import fc from 'fast-check';
import { DEFAULT_RULES } from './default-rules';
import {
  limitForLevel,
  parseThresholdParams,
  RuleParamsError,
  thresholdLevel,
  type ThresholdLevel,
  type ThresholdParams,
} from './threshold';

/** GB/T 50493-2019 §5.5.2 combustible gas: level 1 at 25 %LEL, level 2 at 50 %LEL; 2 %LEL hysteresis. */
const LEL: ThresholdParams = { direction: 'above', level1: 25, level2: 50, hysteresis: 2 };
/** Oxygen deficiency: alarm at or below 19.5 %VOL, 0.2 %VOL hysteresis. */
const O2_LOW: ThresholdParams = { direction: 'below', level1: 19.5, hysteresis: 0.2 };

describe('thresholdLevel — two levels above (combustible gas)', () => {
  it.each<[number, ThresholdLevel]>([
    [0, 0],
    [24.9, 0],
    [25, 1],
    [49.9, 1],
    [50, 2],
    [100, 2],
  ])('with no alert open, %s %%LEL is level %s', (value, level) => {
    expect(thresholdLevel(LEL, value, 0)).toBe(level);
  });

  it('escalates an open level-1 alert to level 2 at 50', () => {
    expect(thresholdLevel(LEL, 50, 1)).toBe(2);
  });

  it('keeps a level-1 alert open while the value hovers at 24 (inside the 2 %LEL band)', () => {
    for (const value of [24.9, 24, 23.5, 23.1]) expect(thresholdLevel(LEL, value, 1)).toBe(1);
  });

  it('clears a level-1 alert once the value is past the band: 23 and 22.9', () => {
    expect(thresholdLevel(LEL, 23, 1)).toBe(0);
    expect(thresholdLevel(LEL, 22.9, 1)).toBe(0);
  });

  it('does not raise an alert at 24 when none is open: hysteresis only holds, it never triggers', () => {
    expect(thresholdLevel(LEL, 24, 0)).toBe(0);
  });

  it('stays at level 2 inside the band below 50', () => {
    for (const value of [49.9, 49, 48.1]) expect(thresholdLevel(LEL, value, 2)).toBe(2);
  });

  it('steps down from 2 to 1 past the level-2 band, and to 0 only past the level-1 band', () => {
    expect(thresholdLevel(LEL, 48, 2)).toBe(1);
    expect(thresholdLevel(LEL, 30, 2)).toBe(1);
    expect(thresholdLevel(LEL, 24, 2)).toBe(1);
    expect(thresholdLevel(LEL, 22.9, 2)).toBe(0);
  });

  it('does not jump to level 2 from inside the level-2 band when level 2 was never reached', () => {
    expect(thresholdLevel(LEL, 49, 1)).toBe(1);
  });
});

describe('thresholdLevel — below (oxygen deficiency)', () => {
  it('alarms at or below 19.5 %VOL', () => {
    expect(thresholdLevel(O2_LOW, 20.9, 0)).toBe(0);
    expect(thresholdLevel(O2_LOW, 19.6, 0)).toBe(0);
    expect(thresholdLevel(O2_LOW, 19.5, 0)).toBe(1);
    expect(thresholdLevel(O2_LOW, 15, 0)).toBe(1);
  });

  it('holds the alert until oxygen is back above 19.7 %VOL', () => {
    expect(thresholdLevel(O2_LOW, 19.6, 1)).toBe(1);
    expect(thresholdLevel(O2_LOW, 19.65, 1)).toBe(1);
    expect(thresholdLevel(O2_LOW, 19.75, 1)).toBe(0);
    expect(thresholdLevel(O2_LOW, 20.9, 1)).toBe(0);
  });

  it('has no level 2 when level2 is not set, however low the value', () => {
    expect(thresholdLevel(O2_LOW, 0, 1)).toBe(1);
  });

  it('reaches level 2 at or below a lower level2', () => {
    const params: ThresholdParams = { direction: 'below', level1: 19.5, level2: 18, hysteresis: 0.5 };
    expect(thresholdLevel(params, 18.1, 1)).toBe(1);
    expect(thresholdLevel(params, 18, 1)).toBe(2);
    expect(thresholdLevel(params, 18.4, 2)).toBe(2);
    expect(thresholdLevel(params, 18.6, 2)).toBe(1);
  });
});

describe('limitForLevel', () => {
  it('gives the set point the alert was raised against', () => {
    expect(limitForLevel(LEL, 1)).toBe(25);
    expect(limitForLevel(LEL, 2)).toBe(50);
    expect(limitForLevel(O2_LOW, 2)).toBe(19.5);
  });
});

describe('parseThresholdParams', () => {
  it('accepts a full set of parameters unchanged', () => {
    expect(parseThresholdParams({ direction: 'above', level1: 25, level2: 50, hysteresis: 2 })).toEqual(LEL);
  });

  it('defaults to "above" with no hysteresis', () => {
    expect(parseThresholdParams({ level1: 10 })).toEqual({
      direction: 'above',
      level1: 10,
      level2: undefined,
      hysteresis: 0,
    });
  });

  it('accepts every park-wide default rule as written', () => {
    for (const rule of DEFAULT_RULES)
      expect(parseThresholdParams(rule.params)).toEqual({ level2: undefined, ...rule.params });
  });

  it.each<[string, unknown, RegExp]>([
    ['level2 equal to level1', { level1: 25, level2: 25 }, /level2 must be above level1/],
    ['level2 below level1 for "above"', { level1: 50, level2: 25 }, /level2 must be above level1/],
    [
      'level2 above level1 for "below"',
      { direction: 'below', level1: 19.5, level2: 20 },
      /level2 must be below level1/,
    ],
    ['a negative hysteresis', { level1: 25, hysteresis: -2 }, /hysteresis must be a number ≥ 0/],
    ['a string hysteresis', { level1: 25, hysteresis: '2' }, /hysteresis/],
    ['a string level1', { level1: '25' }, /level1 must be a finite number/],
    ['a missing level1', { level2: 50 }, /level1 must be a finite number/],
    ['an infinite level1', { level1: Infinity }, /level1 must be a finite number/],
    ['a NaN level2', { level1: 25, level2: NaN }, /level2 must be a finite number/],
    ['a string level2', { level1: 25, level2: '50' }, /level2 must be a finite number/],
    ['an unknown direction', { direction: 'up', level1: 25 }, /direction must be "above" or "below"/],
    ['null', null, /must be an object/],
    ['a number', 25, /must be an object/],
  ])('refuses %s', (_label, raw, message) => {
    expect(() => parseThresholdParams(raw)).toThrow(RuleParamsError);
    expect(() => parseThresholdParams(raw)).toThrow(message);
  });
});

describe('thresholdLevel — properties over random rules and value sequences', () => {
  // fast-check: each property runs RULES random rules, each with a sequence of up to STEPS values; a failure is
  // shrunk and reported with its seed and path — replay it with fc.assert(…, { seed, path }).
  const RULES = 300;
  const STEPS = 60;
  /** Values with one decimal, as sensors report them, so that exact hits on set points happen too. */
  const tenths = (lo: number, hi: number) =>
    fc.integer({ min: Math.round(lo * 10), max: Math.round(hi * 10) }).map((x) => x / 10);
  const round1 = (x: number) => Math.round(x * 10) / 10;

  const paramsArb: fc.Arbitrary<ThresholdParams> = fc
    .record({
      direction: fc.constantFrom('above' as const, 'below' as const),
      level1: tenths(0, 100),
      gap: tenths(0.1, 40),
      hasLevel2: fc.oneof(
        { weight: 7, arbitrary: fc.constant(true) },
        { weight: 3, arbitrary: fc.constant(false) },
      ),
      hysteresis: fc.oneof(fc.constant(0), tenths(0, 5), tenths(0, 50)),
    })
    .map(({ direction, level1, gap, hasLevel2, hysteresis }) => ({
      direction,
      level1,
      level2: hasLevel2 ? round1(direction === 'above' ? level1 + gap : level1 - gap) : undefined,
      hysteresis,
    }));

  /** A rule and a random walk around its set points, with occasional jumps, like a leak that starts and is vented. */
  const cases = fc
    .record({
      params: paramsArb,
      start: fc.integer({ min: 0, max: 1000 }),
      moves: fc.array(
        fc.oneof(
          { weight: 9, arbitrary: tenths(-3, 3).map((by) => ({ by })) },
          { weight: 1, arbitrary: fc.integer({ min: 0, max: 1000 }).map((to) => ({ to })) },
        ),
        { minLength: 1, maxLength: STEPS, size: 'max' },
      ),
    })
    .map(({ params, start, moves }) => {
      const lo = Math.min(params.level1, params.level2 ?? params.level1) - 10;
      const hi = Math.max(params.level1, params.level2 ?? params.level1) + 10;
      const at = (permille: number) => round1(lo + ((hi - lo) * permille) / 1000);
      let v = at(start);
      const values = moves.map((m) => (v = 'to' in m ? at(m.to) : round1(v + m.by)));
      return { params, values };
    });

  const forAll = (check: (c: { params: ThresholdParams; values: number[] }) => unknown[]) =>
    fc.assert(
      fc.property(cases, (c) => {
        expect(check(c)).toEqual([]);
      }),
      { numRuns: RULES },
    );

  /** The level with no alert open: a plain comparison against the set points. */
  function plainLevel(p: ThresholdParams, value: number): ThresholdLevel {
    const reached = (limit: number) => (p.direction === 'above' ? value >= limit : value <= limit);
    if (p.level2 !== undefined && reached(p.level2)) return 2;
    return reached(p.level1) ? 1 : 0;
  }

  it('level is monotone in the value for a fixed current level', () => {
    forAll(({ params, values }) => {
      const failures: unknown[] = [];
      const sorted = [...values].sort((a, b) => (params.direction === 'above' ? a - b : b - a));
      for (const current of [0, 1, 2] as const) {
        for (let i = 1; i < sorted.length; i++) {
          const before = thresholdLevel(params, sorted[i - 1], current);
          const after = thresholdLevel(params, sorted[i], current);
          if (after < before)
            failures.push({ current, values: [sorted[i - 1], sorted[i]], levels: [before, after] });
        }
      }
      return failures;
    });
  });

  it('with hysteresis 0 the level is the plain comparison, whatever is open', () => {
    forAll(({ params, values }) => {
      const failures: unknown[] = [];
      const p = { ...params, hysteresis: 0 };
      for (const value of values) {
        for (const current of [0, 1, 2] as const) {
          const level = thresholdLevel(p, value, current);
          if (level !== plainLevel(p, value)) failures.push({ value, current, level });
        }
      }
      return failures;
    });
  });

  it('with no alert open the level is the plain comparison, whatever the hysteresis', () => {
    forAll(({ params, values }) =>
      values.flatMap((value) => {
        const level = thresholdLevel(params, value, 0);
        return level === plainLevel(params, value) ? [] : [{ value, level }];
      }),
    );
  });

  it('a value at or past level2 is always level 2', () => {
    forAll(({ params, values }) => {
      const failures: unknown[] = [];
      const level2 = params.level2;
      if (level2 === undefined) return failures;
      for (const value of [...values, level2]) {
        const past = params.direction === 'above' ? value >= level2 : value <= level2;
        if (!past) continue;
        for (const current of [0, 1, 2] as const) {
          if (thresholdLevel(params, value, current) !== 2) failures.push({ value, current });
        }
      }
      return failures;
    });
  });

  it('fed its own output, an alert clears only once the value is past level1 by the hysteresis', () => {
    forAll(({ params, values }) => {
      const failures: unknown[] = [];
      const sign = params.direction === 'above' ? 1 : -1;
      let open: ThresholdLevel = 0;
      for (const value of values) {
        const next = thresholdLevel(params, value, open);
        const pastBand = sign * value <= sign * params.level1 - params.hysteresis;
        if (open > 0 && next === 0 && !pastBand) failures.push({ value, open, next });
        if (open > 0 && next > 0 && pastBand && sign * value < sign * params.level1) {
          failures.push({ value, open, next });
        }
        open = next;
      }
      return failures;
    });
  });
});

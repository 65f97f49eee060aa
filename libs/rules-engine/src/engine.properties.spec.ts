import fc from 'fast-check';
import type { DataQuality, MeterRole } from '@park/contracts';
import { RULE_KINDS, type EngineRule } from './engine';
import type { MetricInfo } from './evaluate';
import { HOUR_MS } from './kinds/hourly-mean-emission-rule';
import { pastBand, reaches } from './params';
import { MINUTE, clears, opened, ruleOf, run, triggers, type Step } from './testing/harness';
import type { EngineVerdict } from './verdicts';

/**
 * Properties of the engine over random input sequences, with fast-check. Each property runs CASES cases from a fresh
 * seed; a failure is shrunk to a small counterexample and reported with its seed and path. To replay one, pass them
 * as forAll's last argument, `{ seed, path }` (they go to `fc.assert(property, { seed, path })`).
 */
const CASES = 100;

function forAll<C>(
  name: string,
  cases: fc.Arbitrary<C>,
  check: (c: C) => unknown[],
  replay: Pick<fc.Parameters<[C]>, 'seed' | 'path'> = {},
): void {
  it(`${name} (${CASES} cases)`, () => {
    fc.assert(
      fc.property(cases, (c) => {
        expect(check(c)).toEqual([]);
      }),
      { numRuns: CASES, ...replay },
    );
  });
}

/** `arb` about `percent` % of the time, `otherwise` the rest. */
const sometimes = <A, B>(
  percent: number,
  arb: fc.Arbitrary<A>,
  otherwise: fc.Arbitrary<B>,
): fc.Arbitrary<A | B> =>
  fc.oneof({ weight: percent, arbitrary: arb }, { weight: 100 - percent, arbitrary: otherwise });

/**
 * A number in [lo, hi] to the hundredth. Not fc.double: it spreads over the floats' bit patterns, most of them tiny,
 * where these cases need values spread over the range (fc.integer's bias adds the ends and zero).
 */
const between = (lo: number, hi: number) =>
  fc.integer({ min: Math.round(lo * 100), max: Math.round(hi * 100) }).map((x) => x / 100);
/** An integer in [lo, hi]. */
const intBetween = (lo: number, hi: number) => fc.integer({ min: lo, max: hi });
const seconds = (lo: number, hi: number) => intBetween(lo, hi).map((s) => s * 1000);
const minutes = (lo: number, hi: number) => intBetween(lo, hi).map((m) => m * MINUTE);
/** One to n items: shrinking can shorten a sequence down to one step. */
const upTo = <T>(n: number, item: fc.Arbitrary<T>) =>
  fc.array(item, { minLength: 1, maxLength: n, size: 'max' });
/** A fraction in [0, 1), to scale a draw to a range that depends on another draw. */
const fraction = fc.integer({ min: 0, max: 9_999 }).map((x) => x / 10_000);
/** An integer of [lo, hi] picked by a fraction. */
const scaled = (u: number, lo: number, hi: number) => lo + Math.floor(u * (hi - lo + 1));

/** One decimal, as sensors report, so exact hits on set points happen too. */
const round1 = (x: number): number => Math.round(x * 10) / 10;

/** A reading step's time and numeric values (the generators here only make numeric readings). */
function readingOf(step: Step): { ts: number; values: Readonly<Record<string, number>> } {
  if (step.input.kind !== 'reading') throw new Error(`expected a reading, got ${step.input.kind}`);
  return { ts: step.input.ts, values: step.input.values as Readonly<Record<string, number>> };
}

const changes = (verdicts: readonly EngineVerdict[]) =>
  verdicts.map((v) => (v.action === 'trigger' ? `${v.change}@${v.ts}:${v.level}` : `clear@${v.ts}`));

// ---------------------------------------------------------------- random cases for every kind

interface Case {
  readonly rule: EngineRule;
  readonly steps: readonly Step[];
}

/** Readings of one metric: a random walk with jumps and gaps, around the limit. */
function walk(centre: number, spread: number, n = 80): fc.Arbitrary<Step[]> {
  const move = fc.record({
    gap: sometimes(10, minutes(5, 40), seconds(10, 120)),
    jump: sometimes(10, fc.constant(true), fc.constant(false)),
    by: between(-spread, spread),
  });
  return fc.tuple(minutes(0, 10), between(-spread, spread), upTo(n, move)).map(([start, offset, moves]) => {
    let ts = start;
    let v = centre + offset;
    return moves.map(({ gap, jump, by }): Step => {
      ts += gap;
      v = jump ? centre + by : v + by / 5;
      return { input: { kind: 'reading', ts, values: { lel: round1(v) } } };
    });
  });
}

const METERS: readonly [string, MeterRole][] = [
  ['P1', 'production'],
  ['P2', 'production'],
  ['T1', 'pollution-control'],
  ['G1', 'general'],
];

/**
 * Readings of four meters of a line, each a walk with jumps; some arrive late (an older timestamp than the meter's
 * last one). With `productionUnder`, production meters read below it instead.
 */
function meterWalk(n = 120, productionUnder?: number): fc.Arbitrary<Step[]> {
  const reading = fc.record({
    gap: seconds(5, 180),
    meter: intBetween(0, METERS.length - 1),
    level: sometimes(
      15,
      fc.constantFrom(0, 5, 50, 90).map((to) => ({ to })),
      between(-10, 10).map((by) => ({ by })),
    ),
    late: sometimes(10, seconds(1, 300), fc.constant(0)),
    low: fraction,
  });
  return upTo(n, reading).map((readings) => {
    const level: Record<string, number> = { P1: 40, P2: 40, T1: 10, G1: 5 };
    let ts = 0;
    return readings.map((r): Step => {
      ts += r.gap;
      const [meterId, role] = METERS[r.meter];
      level[meterId] = 'to' in r.level ? r.level.to : Math.max(0, level[meterId] + r.level.by);
      const kw =
        productionUnder !== undefined && role === 'production' ? r.low * productionUnder : level[meterId];
      return { input: { kind: 'meter', ts: ts - r.late, meterId, role, kw: round1(kw) } };
    });
  });
}

const KIND_CASES: Record<string, fc.Arbitrary<Case>> = {
  threshold: fc.record({
    rule: fc
      .constantFrom(0, 2, 5)
      .map((hysteresis) => ruleOf('threshold', { level1: 25, level2: 50, hysteresis })),
    steps: walk(30, 30),
  }),
  sustained: fc.record({
    rule: fc
      .record({
        durationMs: minutes(1, 10),
        maxGapMs: minutes(1, 5),
        hysteresis: fc.constantFrom(0, 1),
        clearDurationMs: fc.constantFrom(0, MINUTE),
      })
      .map((params) => ruleOf('sustained', { limit: 20, ...params })),
    steps: walk(20, 10),
  }),
  repeated: fc.record({
    rule: fc
      .record({ count: intBetween(2, 4), windowMs: minutes(5, 30) })
      .map((params) => ruleOf('repeated', { limit: 20, ...params })),
    steps: walk(20, 10),
  }),
  'rate-of-change': fc.record({
    rule: fc
      .record({
        direction: fc.constantFrom('rise' as const, 'fall' as const, 'either' as const),
        ratePerMinute: fc.constantFrom(1, 3),
        windowMs: minutes(2, 10),
        maxSamples: fc.constantFrom(4, 120),
      })
      .map((params) => ruleOf('rate-of-change', params)),
    steps: walk(20, 15),
  }),
  'device-offline': fc.record({
    rule: fc
      .constantFrom(2, 3)
      .map((factor) => ruleOf('device-offline', { expectedIntervalMs: MINUTE, factor })),
    steps: upTo(
      60,
      fc.tuple(
        seconds(10, 400),
        fc.oneof(
          { weight: 6, arbitrary: minutes(0, 5).map((late) => ({ reading: late })) },
          {
            weight: 1,
            arbitrary: fc.constantFrom('online' as const, 'offline' as const).map((status) => ({ status })),
          },
          { weight: 3, arbitrary: fc.constant({ tick: true as const }) },
        ),
      ),
    ).map((draws) => {
      let ts = 0;
      return draws.map(([gap, what]): Step => {
        ts += gap;
        if ('reading' in what)
          return { input: { kind: 'reading', ts, values: { lel: 1 } }, now: ts + what.reading };
        if ('status' in what) return { input: { kind: 'status', ts, status: what.status }, now: ts };
        return { input: { kind: 'tick' }, now: ts };
      });
    }),
  }),
  'hourly-mean-emission': fc.record({
    rule: fc
      .constantFrom(null, 3.5, 9)
      .map((o2Reference) => ruleOf('hourly-mean-emission', { limit: 100, o2Reference }, { metric: 'so2' })),
    steps: upTo(
      150,
      fc.tuple(
        minutes(1, 25),
        sometimes(10, fc.constant(null), fc.record({ so2: between(0, 200), o2: between(3, 21.5) })),
      ),
    ).map((draws) => {
      let ts = 0;
      return draws.map(([gap, values]): Step => {
        ts += gap;
        return values === null
          ? { input: { kind: 'tick' }, now: ts }
          : { input: { kind: 'reading', ts, values: { so2: round1(values.so2), o2: round1(values.o2) } } };
      });
    }),
  }),
  'treatment-power': fc.record({
    rule: fc
      .record({
        check: fc.constantFrom('treatment-off' as const, 'late-start' as const, 'early-stop' as const),
        durationMs: minutes(1, 20),
      })
      .map((params) =>
        ruleOf('treatment-power', { productionNormalKw: 100, treatmentNormalKw: 20, ...params }),
      ),
    steps: meterWalk(),
  }),
  'process-limit': fc.record({
    rule: fc
      .record({
        highHigh: fc.constantFrom(30, null),
        low: fc.constantFrom(10, null),
        lowLow: fc.constantFrom(5, null),
        hysteresis: fc.constantFrom(0, 1, 2),
        delayMs: fc.constantFrom(0, 0, MINUTE),
        level: fc.constantFrom(1 as const, 2 as const),
      })
      .map((params) => ruleOf('process-limit', { high: 25, ...params })),
    steps: walk(18, 15),
  }),
  // A detector that reports on change and on a heartbeat, with bursts of flapping, and ticks in between.
  'state-signal': fc.record({
    rule: fc
      .record({
        check: fc.constantFrom('alarm' as const, 'stuck' as const, 'chattering' as const),
        delayMs: fc.constantFrom(0, 0, 30_000),
        clearAfterMs: fc.constantFrom(0, MINUTE, 5 * MINUTE),
        stuckAfterMs: fc.constantFrom(5 * MINUTE, 10 * MINUTE),
        stuckState: fc.constantFrom('alarm' as const, 'normal' as const, 'any' as const),
        chatterCount: intBetween(2, 3),
        chatterWindowMs: fc.constantFrom(2 * MINUTE, 5 * MINUTE),
      })
      .map(({ stuckAfterMs, ...params }) =>
        ruleOf('state-signal', {
          ...params,
          stuckAfterMs: params.check === 'stuck' ? stuckAfterMs : undefined,
        }),
      ),
    steps: fc
      .tuple(
        seconds(0, 10),
        upTo(
          100,
          fc.tuple(
            sometimes(30, seconds(1, 15), seconds(30, 300)),
            fc.oneof(
              { weight: 20, arbitrary: fc.constant('tick' as const) },
              { weight: 28, arbitrary: fc.constant('toggle' as const) },
              { weight: 52, arbitrary: fc.constant('same' as const) },
            ),
          ),
        ),
      )
      .map(([start, draws]) => {
        let ts = start;
        let on = false;
        return draws.map(([gap, what]): Step => {
          ts += gap;
          if (what === 'tick') return { input: { kind: 'tick' }, now: ts };
          if (what === 'toggle') on = !on;
          return { input: { kind: 'reading', ts, values: { lel: on } } };
        });
      }),
  }),
  'emission-spike': fc.record({
    rule: fc.constant(
      ruleOf('emission-spike', {
        baselineWindowMs: 10 * MINUTE,
        productionNormalKw: 100,
        minBaselineSamples: 3,
      }),
    ),
    steps: upTo(
      150,
      fc.tuple(
        seconds(10, 90),
        sometimes(
          40,
          fc.record({ meterId: fc.constantFrom('P1', 'P2'), kw: between(20, 90) }),
          sometimes(
            10,
            fc.constantFrom(5, 10, 30).map((to) => ({ to })),
            between(-2, 2).map((by) => ({ by })),
          ),
        ),
      ),
    ).map((draws) => {
      let ts = 0;
      let e = 10;
      return draws.map(([gap, what]): Step => {
        ts += gap;
        if ('meterId' in what)
          return {
            input: { kind: 'meter', ts, meterId: what.meterId, role: 'production', kw: round1(what.kw) },
          };
        e = 'to' in what ? what.to : Math.max(0, e + what.by);
        return { input: { kind: 'reading', ts, values: { lel: round1(e) } } };
      });
    }),
  }),
  // A CEMS with two analysers: runs of fault flags (D/B/F), planned work (M/C), other flags and normal readings.
  'analyser-abnormal': fc.record({
    rule: fc
      .record({
        durationMs: minutes(5, 30),
        flags: fc.constantFrom<DataQuality[]>(['B', 'D', 'F'], ['D'], ['B', 'D', 'F', 'T']),
      })
      .map((params) => ruleOf('analyser-abnormal', params, { metric: '*' })),
    steps: upTo(
      120,
      fc.tuple(
        seconds(30, 300),
        fc.constantFrom('so2', 'nox'),
        fc.oneof(
          { weight: 3, arbitrary: fc.constant(undefined) },
          { weight: 3, arbitrary: fc.constantFrom<DataQuality>('D', 'B', 'F') },
          { weight: 1, arbitrary: fc.constantFrom<DataQuality>('M', 'C', 'T', 'S') },
        ),
        sometimes(20, fc.constant(true), fc.constant(false)),
      ),
    ).map((draws) => {
      // Each analyser keeps its flag until a draw changes it; both report on every reading.
      const flagOf: Record<string, DataQuality | undefined> = {};
      let ts = 0;
      return draws.map(([gap, metric, flag, tick]): Step => {
        ts += gap;
        if (tick) return { input: { kind: 'tick' }, now: ts };
        flagOf[metric] = flag;
        const flags = Object.fromEntries(
          Object.entries(flagOf).filter((e): e is [string, DataQuality] => e[1] !== undefined),
        );
        return {
          input: {
            kind: 'reading',
            ts,
            values: { so2: 20, nox: 40 },
            ...(Object.keys(flags).length > 0 ? { flags } : {}),
          },
        };
      });
    }),
  }),
};

it('has random cases for every kind of the engine', () => {
  expect(RULE_KINDS.filter((kind) => !(kind in KIND_CASES))).toEqual([]);
});

describe.each(Object.keys(KIND_CASES))('%s — properties every kind has', (kind) => {
  const cases = KIND_CASES[kind];

  it('its random cases are not vacuous: they open and clear alerts', () => {
    // A fixed seed: the same 40 cases on every run.
    let openedCount = 0;
    let clearedCount = 0;
    for (const { rule, steps } of fc.sample(cases, { numRuns: 40, seed: 0x2025_0601 })) {
      const { verdicts } = run(rule, steps);
      openedCount += opened(verdicts).length;
      clearedCount += clears(verdicts).length;
    }
    expect({ kind, opens: openedCount > 0, clears: clearedCount > 0 }).toEqual({
      kind,
      opens: true,
      clears: true,
    });
  });

  forAll(
    'replaying the whole sequence after it raises nothing and leaves the state as it was',
    cases,
    ({ rule, steps }) => {
      const once = run(rule, steps);
      const again = run(rule, steps, once.state);
      // A replayed tick at an old `now` can still close nothing new; readings and events are ignored outright.
      const problems: unknown[] = [];
      if (again.verdicts.length > 0) problems.push({ replayVerdicts: changes(again.verdicts) });
      if (JSON.stringify(again.state) !== JSON.stringify(once.state))
        problems.push('state changed on replay');
      return problems;
    },
  );

  forAll(
    'delivering every input twice (at-least-once) gives the verdicts of delivering it once',
    cases,
    ({ rule, steps }) => {
      const once = run(rule, steps);
      const twice = run(
        rule,
        steps.flatMap((s) => [s, s]),
      );
      return JSON.stringify(changes(twice.verdicts)) === JSON.stringify(changes(once.verdicts))
        ? []
        : [{ once: changes(once.verdicts), twice: changes(twice.verdicts) }];
    },
  );

  forAll('storing the state as JSON between inputs changes nothing', cases, ({ rule, steps }) => {
    const direct = run(rule, steps);
    const stored = run(rule, steps, null, true);
    const problems: unknown[] = [];
    if (JSON.stringify(stored.verdicts) !== JSON.stringify(direct.verdicts)) problems.push('verdicts differ');
    if (JSON.stringify(stored.state) !== JSON.stringify(direct.state)) problems.push('states differ');
    return problems;
  });

  forAll(
    'alternates open and clear: never clears what is not open, never opens what is',
    cases,
    ({ rule, steps }) => {
      let open = false;
      const problems: unknown[] = [];
      for (const v of run(rule, steps).verdicts) {
        if (v.action === 'clear' && !open) problems.push({ clearWhileClosed: v.ts });
        if (v.action === 'trigger' && (v.change === 'opened') === open)
          problems.push({ badChange: v.change, ts: v.ts });
        open = v.action === 'trigger';
      }
      return problems;
    },
  );
});

// ---------------------------------------------------------------- kind-specific properties

describe('threshold hysteresis', () => {
  forAll(
    'opens and clears no more often than the value crosses from the set point to past the band',
    fc.record({ hysteresis: fc.constantFrom(0, 1, 2, 5), steps: walk(25, 15, 120) }),
    ({ hysteresis, steps }) => {
      const rule = ruleOf('threshold', { level1: 25, hysteresis });
      const r = run(rule, steps);
      // The sequence reduced to the two regions that can change the alert: R (reaches 25) and C (past the band).
      const regions: string[] = [];
      for (const s of steps) {
        if (s.input.kind !== 'reading') continue;
        const v = s.input.values.lel as number;
        const region = reaches('above', v, 25) ? 'R' : pastBand('above', v, 25, hysteresis) ? 'C' : null;
        if (region && region !== regions[regions.length - 1]) regions.push(region);
      }
      const crossings =
        regions.filter((x) => x === 'R').length + regions.filter((x, i) => x === 'C' && i > 0).length;
      const flips = opened(r.verdicts).length + clears(r.verdicts).length;
      const problems: unknown[] = [];
      if (flips > crossings) problems.push({ flips, crossings });
      for (const v of opened(r.verdicts)) if (v.value < 25) problems.push({ openedBelow: v.value });
      for (const v of clears(r.verdicts))
        if (!pastBand('above', v.value, 25, hysteresis)) problems.push({ clearedInBand: v.value });
      return problems;
    },
  );
});

describe('sustained', () => {
  forAll(
    'never raises on a sequence that spans less than the duration',
    fc.tuple(minutes(2, 30), upTo(40, fc.tuple(fraction, between(15, 40)))).map(([durationMs, draws]) => {
      // n readings whose gaps add up to less than the duration.
      const maxGapS = Math.floor((durationMs - 1) / draws.length / 1000);
      let ts = 0;
      const steps = draws.map(([u, value]): Step => {
        ts += scaled(u, 0, maxGapS) * 1000 + 1;
        return { input: { kind: 'reading', ts, values: { lel: round1(value) } } };
      });
      return { durationMs, steps };
    }),
    ({ durationMs, steps }) => {
      const rule = ruleOf('sustained', { limit: 20, durationMs, maxGapMs: durationMs });
      return triggers(run(rule, steps).verdicts).map((v) => ({ raisedAt: v.ts }));
    },
  );

  forAll(
    'raises only at the end of an unbroken run of readings at the limit lasting the duration',
    fc.record({ durationMs: minutes(1, 10), maxGapMs: minutes(1, 5), steps: walk(20, 8, 120) }),
    ({ durationMs, maxGapMs, steps }) => {
      const rule = ruleOf('sustained', { limit: 20, durationMs, maxGapMs });
      const r = run(rule, steps);
      const problems: unknown[] = [];
      r.perStep.forEach((verdicts, i) => {
        if (!verdicts.some((v) => v.action === 'trigger')) return;
        // Walk back over the run: every reading reaches 20, no gap over maxGapMs, and it spans the duration.
        let j = i;
        const tsOf = (k: number) => readingOf(steps[k]).ts;
        const valueOf = (k: number) => readingOf(steps[k]).values.lel;
        while (j > 0 && valueOf(j - 1) >= 20 && tsOf(j) - tsOf(j - 1) <= maxGapMs) j--;
        if (valueOf(i) < 20 || tsOf(i) - tsOf(j) < durationMs)
          problems.push({ at: tsOf(i), runFrom: tsOf(j) });
      });
      return problems;
    },
  );
});

describe('repeated', () => {
  forAll(
    'raises exactly on the occurrences that complete N within the window',
    fc.record({ count: intBetween(2, 4), windowMs: minutes(5, 40), steps: walk(20, 8, 120) }),
    ({ count, windowMs, steps }) => {
      const rule = ruleOf('repeated', { limit: 20, count, windowMs, hysteresis: 2 });
      const r = run(rule, steps);
      // Brute force: occurrences are readings ≥ 20 when armed; re-armed at ≤ 18.
      const occurrences: number[] = [];
      const expected: number[] = [];
      let armed = true;
      for (const s of steps) {
        const { ts, values } = readingOf(s);
        if (armed && values.lel >= 20) {
          armed = false;
          occurrences.push(ts);
          if (occurrences.filter((t) => t > ts - windowMs).length >= count) expected.push(ts);
        } else if (values.lel <= 18) armed = true;
      }
      const actual = triggers(r.verdicts).map((v) => v.ts);
      return JSON.stringify(actual) === JSON.stringify(expected) ? [] : [{ expected, actual }];
    },
  );
});

describe('rate of change', () => {
  forAll(
    'every trigger is backed by an earlier reading in the window with at least the set rate',
    fc.record({ windowMs: minutes(2, 10), steps: walk(20, 15, 120) }),
    ({ windowMs, steps }) => {
      const rule = ruleOf('rate-of-change', {
        direction: 'either',
        ratePerMinute: 2,
        windowMs,
        maxSamples: 8,
      });
      const r = run(rule, steps);
      const readings = steps.map(readingOf);
      return triggers(r.verdicts).flatMap((v): unknown[] => {
        const now = readings.find((x) => x.ts === v.ts);
        if (!now) return [{ noReadingAt: v.ts }];
        const backed = readings.some(
          (x) =>
            x.ts < now.ts &&
            x.ts >= now.ts - windowMs &&
            Math.abs(((now.values.lel - x.values.lel) / (now.ts - x.ts)) * MINUTE) >= 2 - 1e-9,
        );
        return backed ? [] : [{ unbackedAt: v.ts }];
      });
    },
  );
});

describe('device offline', () => {
  forAll(
    'never raises while every silence, up to the last tick, is within k × the interval',
    fc
      .tuple(
        fc.constantFrom(2, 3),
        upTo(80, fc.tuple(fraction, sometimes(70, fc.constant(true), fc.constant(false)))),
      )
      .map(([factor, draws]) => {
        let ts = 0;
        const steps = draws.map(([u, isReading]): Step => {
          ts += scaled(u, 1, factor * 60) * 1000;
          return isReading
            ? { input: { kind: 'reading', ts, values: { lel: 1 } } }
            : { input: { kind: 'tick' }, now: ts };
        });
        // Silences may only end in a reading: drop ticks that come later than k × interval after the last reading.
        let lastSeen = -Infinity;
        const kept = steps.filter((s) => {
          if (s.input.kind === 'reading') lastSeen = s.input.ts;
          return s.input.kind === 'reading' || (s.now ?? 0) - lastSeen <= factor * MINUTE;
        });
        return { factor, steps: kept };
      }),
    ({ factor, steps }) =>
      triggers(run(ruleOf('device-offline', { expectedIntervalMs: MINUTE, factor }), steps).verdicts),
  );
});

describe('hourly-mean emission', () => {
  forAll(
    'each hour’s verdict value is the arithmetic mean of that hour’s readings, O₂-corrected when configured',
    fc
      .tuple(
        fc.constantFrom(null, 3.5, 9),
        minutes(0, 59),
        upTo(200, fc.tuple(seconds(10, 1200), between(1, 300), between(2, 20))),
      )
      .map(([o2Reference, start, draws]) => {
        let ts = start;
        const steps = draws.map(([gap, so2, o2]): Step => {
          ts += gap;
          return { input: { kind: 'reading', ts, values: { so2: round1(so2), o2: round1(o2) } } };
        });
        return { o2Reference, steps };
      }),
    ({ o2Reference, steps }) => {
      // A limit every hour exceeds, so every closed hour gives a verdict carrying its value.
      const rule = ruleOf('hourly-mean-emission', { limit: 1e-6, o2Reference }, { metric: 'so2' });
      const r = run(rule, steps);
      const byHour = new Map<number, { so2: number[]; o2: number[] }>();
      for (const s of steps) {
        const { ts, values } = readingOf(s);
        const hour = Math.floor(ts / HOUR_MS) * HOUR_MS;
        const bucket = byHour.get(hour) ?? { so2: [], o2: [] };
        bucket.so2.push(values.so2);
        bucket.o2.push(values.o2);
        byHour.set(hour, bucket);
      }
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      const hours = [...byHour.keys()].sort((a, b) => a - b).slice(0, -1); // the last hour is still open
      const problems: unknown[] = [];
      if (r.verdicts.length !== hours.length)
        problems.push({ verdicts: r.verdicts.length, closedHours: hours.length });
      hours.forEach((hour, i) => {
        const { so2, o2 } = byHour.get(hour)!;
        const m = mean(so2);
        const expected = o2Reference === null ? m : (m * (21 - o2Reference)) / (21 - mean(o2));
        const v = r.verdicts[i];
        if (!v || v.ts !== hour + HOUR_MS || Math.abs(v.value - expected) > 1e-9 * Math.max(1, expected)) {
          problems.push({ hour, expected, got: v && { ts: v.ts, value: v.value } });
        }
      });
      return problems;
    },
  );
});

describe('分表计电 gating', () => {
  const CHECKS = ['treatment-off', 'late-start', 'early-stop'] as const;
  const rule = (check: (typeof CHECKS)[number], durationMs: number) =>
    ruleOf('treatment-power', { check, productionNormalKw: 100, treatmentNormalKw: 20, durationMs });

  forAll(
    'raises nothing, whatever treatment does, while production stays below its running threshold',
    fc.record({
      check: fc.constantFrom(...CHECKS),
      durationMs: minutes(1, 10),
      // Two production meters, each under 15 kW: together under the 30 kW running threshold.
      steps: meterWalk(150, 14.9),
    }),
    ({ check, durationMs, steps }) => triggers(run(rule(check, durationMs), steps).verdicts),
  );

  /**
   * Physical loads sampled by meters that each report on their own random schedule: every 1 to `maxEveryMin`
   * minutes, ±20 s, from an hour and up to 20 minutes before 0 until `horizon`.
   */
  const schedules = (maxEveryMin = 20) =>
    fc.array(
      fc.record({
        every: minutes(1, maxEveryMin),
        start: minutes(0, 20),
        jitter: fc.array(seconds(-20, 20), { minLength: 1, maxLength: 32 }),
      }),
      { minLength: 3, maxLength: 3 },
    );

  type Schedule = { every: number; start: number; jitter: number[] };

  function plant(
    schedule: readonly Schedule[],
    productionKw: (t: number) => number,
    treatmentKw: (t: number) => number,
    horizon: number,
  ): Step[] {
    const meters: { id: string; role: MeterRole; kw: (t: number) => number }[] = [
      { id: 'P1', role: 'production', kw: (t) => productionKw(t) / 2 },
      { id: 'P2', role: 'production', kw: (t) => productionKw(t) / 2 },
      { id: 'T1', role: 'pollution-control', kw: treatmentKw },
    ];
    const steps: { ts: number; step: Step }[] = [];
    meters.forEach((m, i) => {
      const { every, start, jitter } = schedule[i];
      for (let t = -start - 60 * MINUTE, k = 0; t <= horizon; t += every + jitter[k++ % jitter.length]) {
        steps.push({
          ts: t,
          step: { input: { kind: 'meter', ts: t, meterId: m.id, role: m.role, kw: round1(m.kw(t)) } },
        });
      }
    });
    return steps
      .sort((a, b) => a.ts - b.ts || a.step.input.kind.localeCompare(b.step.input.kind))
      .map((s) => s.step);
  }

  forAll(
    'an orderly shutdown — treatment stops, production follows within the set time — raises nothing',
    fc
      .record({
        durationMs: minutes(5, 30),
        stopT: minutes(0, 60),
        lag: fraction,
        check: fc.constantFrom('treatment-off' as const, 'early-stop' as const),
        schedule: schedules(),
      })
      .map(({ durationMs, stopT, lag, check, schedule }) => {
        const stopP = stopT + scaled(lag, 0, durationMs / 1000 - 1) * 1000;
        const steps = plant(
          schedule,
          (t) => (t < stopP ? 80 : 0),
          (t) => (t < stopT ? 15 : 0),
          4 * 60 * MINUTE,
        );
        return { check, durationMs, steps };
      }),
    ({ check, durationMs, steps }) =>
      triggers(run(rule(check, durationMs), steps).verdicts).map((v) => ({ raisedAt: v.ts })),
  );

  forAll(
    'an orderly start-up — treatment starts no later than production — raises no late-start',
    fc
      .record({
        startP: minutes(0, 120),
        lead: minutes(0, 30),
        durationMs: minutes(5, 30),
        schedule: schedules(),
      })
      .map(({ startP, lead, durationMs, schedule }) => {
        const startT = startP - lead;
        const steps = plant(
          schedule,
          (t) => (t >= startP ? 80 : 0),
          (t) => (t >= startT ? 15 : 0),
          5 * 60 * MINUTE,
        );
        return { durationMs, steps };
      }),
    ({ durationMs, steps }) =>
      triggers(run(rule('late-start', durationMs), steps).verdicts).map((v) => ({ raisedAt: v.ts })),
  );

  forAll(
    'production running with treatment off for well over the set time is always raised, once, when the meters report',
    // Every meter reports at least every 14 minutes (the default staleAfterMs is 15).
    fc.record({ durationMs: minutes(5, 30), schedule: schedules(14) }).map(({ durationMs, schedule }) => ({
      durationMs,
      steps: plant(
        schedule,
        () => 80,
        () => 0,
        3 * 60 * MINUTE,
      ),
    })),
    ({ durationMs, steps }) =>
      opened(run(rule('treatment-off', durationMs), steps).verdicts).length === 1 ? [] : ['not raised'],
  );
});

describe('emission spike', () => {
  const PM: MetricInfo = { unit: 'mg/m³', label: { zh: '颗粒物', en: 'PM' } };
  forAll(
    'never raises when production rises in proportion with the emission',
    upTo(200, fc.tuple(seconds(20, 60), between(0, 1))).map((draws) => {
      let ts = 0;
      return draws.flatMap(([gap, noise]): Step[] => {
        ts += gap;
        const load = 40 + 40 * Math.max(0, Math.sin(ts / (37 * MINUTE))) + noise;
        return [
          { input: { kind: 'meter', ts, meterId: 'P1', role: 'production', kw: load } },
          { input: { kind: 'reading', ts, values: { pm: load / 4 } } },
        ];
      });
    }),
    (steps) => {
      const rule = ruleOf(
        'emission-spike',
        { baselineWindowMs: 10 * MINUTE, productionNormalKw: 100, minBaselineSamples: 3, followRatio: 0.5 },
        { metric: 'pm', info: PM },
      );
      return triggers(run(rule, steps).verdicts).map((v) => ({
        raisedAt: v.ts,
        explanation: v.explanation.en,
      }));
    },
  );
});

import type { MeterRole } from '@park/contracts';
import type { EngineRule } from './engine';
import type { MetricInfo } from './evaluate';
import { HOUR_MS } from './kinds/hourly-mean-emission-rule';
import { pastBand, reaches } from './params';
import { between, intBetween, mulberry32, pick, round1, type Rand } from './testing/prng';
import { MINUTE, clears, opened, ruleOf, run, triggers, type Step } from './testing/harness';
import type { EngineVerdict } from './verdicts';

/**
 * Properties of the engine over random input sequences. Each property runs CASES random cases from a fixed seed:
 * a failure names the seed and the first failing cases, so it can be replayed exactly.
 */
const SEED = 0x2025_0601;
const CASES = 100;

function forAll<C>(name: string, generate: (rand: Rand) => C, check: (c: C) => unknown[]): void {
  it(`${name} (seed ${SEED}, ${CASES} cases)`, () => {
    const rand = mulberry32(SEED ^ hash(name));
    const failures: unknown[] = [];
    for (let i = 0; i < CASES && failures.length < 3; i++) {
      const c = generate(rand);
      const problems = check(c);
      if (problems.length > 0) failures.push({ case: i, problems: problems.slice(0, 3), input: c });
    }
    expect(failures).toEqual([]);
  });
}

/** Each property draws its own stream, so adding one does not reshuffle the others' cases. */
function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

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
function walk(rand: Rand, centre: number, spread: number, n = 80): Step[] {
  let ts = intBetween(rand, 0, 10) * MINUTE;
  let v = centre + between(rand, -spread, spread);
  return Array.from({ length: n }, () => {
    ts += rand() < 0.1 ? intBetween(rand, 5, 40) * MINUTE : intBetween(rand, 10, 120) * 1000;
    v = rand() < 0.1 ? centre + between(rand, -spread, spread) : v + between(rand, -spread / 5, spread / 5);
    return { input: { kind: 'reading', ts, values: { lel: round1(v) } } };
  });
}

function meterWalk(rand: Rand, n = 120): Step[] {
  const meters: [string, MeterRole][] = [
    ['P1', 'production'],
    ['P2', 'production'],
    ['T1', 'pollution-control'],
    ['G1', 'general'],
  ];
  const level: Record<string, number> = { P1: 40, P2: 40, T1: 10, G1: 5 };
  let ts = 0;
  return Array.from({ length: n }, () => {
    ts += intBetween(rand, 5, 180) * 1000;
    const [meterId, role] = pick(rand, meters);
    level[meterId] =
      rand() < 0.15 ? pick(rand, [0, 5, 50, 90]) : Math.max(0, level[meterId] + between(rand, -10, 10));
    // Some readings arrive late: an older timestamp than the meter's last one.
    const at = rand() < 0.1 ? ts - intBetween(rand, 1, 300) * 1000 : ts;
    return { input: { kind: 'meter', ts: at, meterId, role, kw: round1(level[meterId]) } };
  });
}

const KIND_CASES: Record<string, (rand: Rand) => Case> = {
  threshold: (rand) => ({
    rule: ruleOf('threshold', { level1: 25, level2: 50, hysteresis: pick(rand, [0, 2, 5]) }),
    steps: walk(rand, 30, 30),
  }),
  sustained: (rand) => ({
    rule: ruleOf('sustained', {
      limit: 20,
      durationMs: intBetween(rand, 1, 10) * MINUTE,
      maxGapMs: intBetween(rand, 1, 5) * MINUTE,
      hysteresis: pick(rand, [0, 1]),
      clearDurationMs: pick(rand, [0, MINUTE]),
    }),
    steps: walk(rand, 20, 10),
  }),
  repeated: (rand) => ({
    rule: ruleOf('repeated', {
      limit: 20,
      count: intBetween(rand, 2, 4),
      windowMs: intBetween(rand, 5, 30) * MINUTE,
    }),
    steps: walk(rand, 20, 10),
  }),
  'rate-of-change': (rand) => ({
    rule: ruleOf('rate-of-change', {
      direction: pick(rand, ['rise', 'fall', 'either'] as const),
      ratePerMinute: pick(rand, [1, 3]),
      windowMs: intBetween(rand, 2, 10) * MINUTE,
      maxSamples: pick(rand, [4, 120]),
    }),
    steps: walk(rand, 20, 15),
  }),
  'device-offline': (rand) => {
    const steps: Step[] = [];
    let ts = 0;
    for (let i = 0; i < 60; i++) {
      ts += intBetween(rand, 10, 400) * 1000;
      const r = rand();
      if (r < 0.6)
        steps.push({
          input: { kind: 'reading', ts, values: { lel: 1 } },
          now: ts + intBetween(rand, 0, 5) * MINUTE,
        });
      else if (r < 0.7)
        steps.push({
          input: { kind: 'status', ts, status: pick(rand, ['online', 'offline'] as const) },
          now: ts,
        });
      else steps.push({ input: { kind: 'tick' }, now: ts });
    }
    return {
      rule: ruleOf('device-offline', { expectedIntervalMs: MINUTE, factor: pick(rand, [2, 3]) }),
      steps,
    };
  },
  'hourly-mean-emission': (rand) => {
    const steps: Step[] = [];
    let ts = 0;
    for (let i = 0; i < 150; i++) {
      ts += intBetween(rand, 1, 25) * MINUTE;
      if (rand() < 0.1) steps.push({ input: { kind: 'tick' }, now: ts });
      else
        steps.push({
          input: {
            kind: 'reading',
            ts,
            values: { so2: round1(between(rand, 0, 200)), o2: round1(between(rand, 3, 21.5)) },
          },
        });
    }
    return {
      rule: ruleOf(
        'hourly-mean-emission',
        { limit: 100, o2Reference: pick(rand, [null, 3.5, 9]) },
        { metric: 'so2' },
      ),
      steps,
    };
  },
  'treatment-power': (rand) => ({
    rule: ruleOf('treatment-power', {
      check: pick(rand, ['treatment-off', 'late-start', 'early-stop'] as const),
      productionNormalKw: 100,
      treatmentNormalKw: 20,
      durationMs: intBetween(rand, 1, 20) * MINUTE,
    }),
    steps: meterWalk(rand),
  }),
  'process-limit': (rand) => ({
    rule: ruleOf('process-limit', {
      high: 25,
      highHigh: pick(rand, [30, null]),
      low: pick(rand, [10, null]),
      lowLow: pick(rand, [5, null]),
      hysteresis: pick(rand, [0, 1, 2]),
      delayMs: pick(rand, [0, 0, MINUTE]),
      level: pick(rand, [1, 2] as const),
    }),
    steps: walk(rand, 18, 15),
  }),
  'state-signal': (rand) => {
    // A detector that reports on change and on a heartbeat, with bursts of flapping, and ticks in between.
    const steps: Step[] = [];
    let ts = intBetween(rand, 0, 10) * 1000;
    let on = false;
    for (let i = 0; i < 100; i++) {
      ts += rand() < 0.3 ? intBetween(rand, 1, 15) * 1000 : intBetween(rand, 30, 300) * 1000;
      if (rand() < 0.2) {
        steps.push({ input: { kind: 'tick' }, now: ts });
        continue;
      }
      if (rand() < 0.35) on = !on;
      steps.push({ input: { kind: 'reading', ts, values: { lel: on } } });
    }
    const check = pick(rand, ['alarm', 'stuck', 'chattering'] as const);
    return {
      rule: ruleOf('state-signal', {
        check,
        delayMs: pick(rand, [0, 0, 30_000]),
        clearAfterMs: pick(rand, [0, MINUTE, 5 * MINUTE]),
        stuckAfterMs: check === 'stuck' ? pick(rand, [5, 10]) * MINUTE : undefined,
        stuckState: pick(rand, ['alarm', 'normal', 'any'] as const),
        chatterCount: intBetween(rand, 2, 3),
        chatterWindowMs: pick(rand, [2, 5]) * MINUTE,
      }),
      steps,
    };
  },
  'emission-spike': (rand) => {
    const steps: Step[] = [];
    let ts = 0;
    let e = 10;
    for (let i = 0; i < 150; i++) {
      ts += intBetween(rand, 10, 90) * 1000;
      if (rand() < 0.4)
        steps.push({
          input: {
            kind: 'meter',
            ts,
            meterId: pick(rand, ['P1', 'P2']),
            role: 'production',
            kw: round1(between(rand, 20, 90)),
          },
        });
      else {
        e = rand() < 0.1 ? pick(rand, [5, 10, 30]) : Math.max(0, e + between(rand, -2, 2));
        steps.push({ input: { kind: 'reading', ts, values: { lel: round1(e) } } });
      }
    }
    return {
      rule: ruleOf('emission-spike', {
        baselineWindowMs: 10 * MINUTE,
        productionNormalKw: 100,
        minBaselineSamples: 3,
      }),
      steps,
    };
  },
};

describe.each(Object.keys(KIND_CASES))('%s — properties every kind has', (kind) => {
  const generate = KIND_CASES[kind];

  it('its random cases are not vacuous: they open and clear alerts', () => {
    const rand = mulberry32(SEED ^ hash(kind));
    let openedCount = 0;
    let clearedCount = 0;
    for (let i = 0; i < 40; i++) {
      const { rule, steps } = generate(rand);
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
    generate,
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
    generate,
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

  forAll('storing the state as JSON between inputs changes nothing', generate, ({ rule, steps }) => {
    const direct = run(rule, steps);
    const stored = run(rule, steps, null, true);
    const problems: unknown[] = [];
    if (JSON.stringify(stored.verdicts) !== JSON.stringify(direct.verdicts)) problems.push('verdicts differ');
    if (JSON.stringify(stored.state) !== JSON.stringify(direct.state)) problems.push('states differ');
    return problems;
  });

  forAll(
    'alternates open and clear: never clears what is not open, never opens what is',
    generate,
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
    (rand) => {
      const hysteresis = pick(rand, [0, 1, 2, 5]);
      return { hysteresis, steps: walk(rand, 25, 15, 120) };
    },
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
    (rand) => {
      const durationMs = intBetween(rand, 2, 30) * MINUTE;
      const n = intBetween(rand, 1, 40);
      let ts = 0;
      const steps: Step[] = Array.from({ length: n }, () => {
        ts += intBetween(rand, 0, Math.floor((durationMs - 1) / n / 1000)) * 1000 + 1;
        return { input: { kind: 'reading', ts, values: { lel: round1(between(rand, 15, 40)) } } };
      });
      return { durationMs, steps };
    },
    ({ durationMs, steps }) => {
      const rule = ruleOf('sustained', { limit: 20, durationMs, maxGapMs: durationMs });
      return triggers(run(rule, steps).verdicts).map((v) => ({ raisedAt: v.ts }));
    },
  );

  forAll(
    'raises only at the end of an unbroken run of readings at the limit lasting the duration',
    (rand) => ({
      durationMs: intBetween(rand, 1, 10) * MINUTE,
      maxGapMs: intBetween(rand, 1, 5) * MINUTE,
      steps: walk(rand, 20, 8, 120),
    }),
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
    (rand) => ({
      count: intBetween(rand, 2, 4),
      windowMs: intBetween(rand, 5, 40) * MINUTE,
      steps: walk(rand, 20, 8, 120),
    }),
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
    (rand) => ({ windowMs: intBetween(rand, 2, 10) * MINUTE, steps: walk(rand, 20, 15, 120) }),
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
    (rand) => {
      const factor = pick(rand, [2, 3]);
      const steps: Step[] = [];
      let ts = 0;
      for (let i = 0; i < 80; i++) {
        ts += intBetween(rand, 1, factor * 60) * 1000;
        steps.push(
          rand() < 0.7
            ? { input: { kind: 'reading', ts, values: { lel: 1 } } }
            : { input: { kind: 'tick' }, now: ts },
        );
      }
      // Silences may only end in a reading: drop ticks that come later than k × interval after the last reading.
      let lastSeen = -Infinity;
      const kept = steps.filter((s) => {
        if (s.input.kind === 'reading') lastSeen = s.input.ts;
        return s.input.kind === 'reading' || (s.now ?? 0) - lastSeen <= factor * MINUTE;
      });
      return { factor, steps: kept };
    },
    ({ factor, steps }) =>
      triggers(run(ruleOf('device-offline', { expectedIntervalMs: MINUTE, factor }), steps).verdicts),
  );
});

describe('hourly-mean emission', () => {
  forAll(
    'each hour’s verdict value is the arithmetic mean of that hour’s readings, O₂-corrected when configured',
    (rand) => {
      const o2Reference = pick(rand, [null, 3.5, 9]);
      const steps: Step[] = [];
      let ts = intBetween(rand, 0, 59) * MINUTE;
      for (let i = 0; i < 200; i++) {
        ts += intBetween(rand, 10, 1200) * 1000;
        steps.push({
          input: {
            kind: 'reading',
            ts,
            values: { so2: round1(between(rand, 1, 300)), o2: round1(between(rand, 2, 20)) },
          },
        });
      }
      return { o2Reference, steps };
    },
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
    (rand) => {
      const steps = meterWalk(rand, 150).map((s) => {
        // Two production meters, each under 15 kW: together under the 30 kW running threshold.
        const input = s.input;
        return input.kind === 'meter' && input.role === 'production'
          ? { input: { ...input, kw: round1(between(rand, 0, 14.9)) } }
          : s;
      });
      return { check: pick(rand, CHECKS), durationMs: intBetween(rand, 1, 10) * MINUTE, steps };
    },
    ({ check, durationMs, steps }) => triggers(run(rule(check, durationMs), steps).verdicts),
  );

  /** Physical loads sampled by meters that each report on their own random schedule. */
  function plant(
    rand: Rand,
    productionKw: (t: number) => number,
    treatmentKw: (t: number) => number,
    horizon: number,
    maxEveryMin = 20,
  ): Step[] {
    const every = () => intBetween(rand, 1, maxEveryMin) * MINUTE;
    const meters: { id: string; role: MeterRole; every: number; kw: (t: number) => number }[] = [
      { id: 'P1', role: 'production', every: every(), kw: (t) => productionKw(t) / 2 },
      { id: 'P2', role: 'production', every: every(), kw: (t) => productionKw(t) / 2 },
      { id: 'T1', role: 'pollution-control', every: every(), kw: treatmentKw },
    ];
    const steps: { ts: number; step: Step }[] = [];
    for (const m of meters) {
      for (
        let t = -intBetween(rand, 0, 20) * MINUTE - 60 * MINUTE;
        t <= horizon;
        t += m.every + intBetween(rand, -20, 20) * 1000
      ) {
        steps.push({
          ts: t,
          step: { input: { kind: 'meter', ts: t, meterId: m.id, role: m.role, kw: round1(m.kw(t)) } },
        });
      }
    }
    return steps
      .sort((a, b) => a.ts - b.ts || a.step.input.kind.localeCompare(b.step.input.kind))
      .map((s) => s.step);
  }

  forAll(
    'an orderly shutdown — treatment stops, production follows within the set time — raises nothing',
    (rand) => {
      const durationMs = intBetween(rand, 5, 30) * MINUTE;
      const stopT = intBetween(rand, 0, 60) * MINUTE;
      const stopP = stopT + intBetween(rand, 0, durationMs / 1000 - 1) * 1000;
      const steps = plant(
        rand,
        (t) => (t < stopP ? 80 : 0),
        (t) => (t < stopT ? 15 : 0),
        4 * 60 * MINUTE,
      );
      return { check: pick(rand, ['treatment-off', 'early-stop'] as const), durationMs, steps };
    },
    ({ check, durationMs, steps }) =>
      triggers(run(rule(check, durationMs), steps).verdicts).map((v) => ({ raisedAt: v.ts })),
  );

  forAll(
    'an orderly start-up — treatment starts no later than production — raises no late-start',
    (rand) => {
      const startP = intBetween(rand, 0, 120) * MINUTE;
      const startT = startP - intBetween(rand, 0, 30) * MINUTE;
      const steps = plant(
        rand,
        (t) => (t >= startP ? 80 : 0),
        (t) => (t >= startT ? 15 : 0),
        5 * 60 * MINUTE,
      );
      return { durationMs: intBetween(rand, 5, 30) * MINUTE, steps };
    },
    ({ durationMs, steps }) =>
      triggers(run(rule('late-start', durationMs), steps).verdicts).map((v) => ({ raisedAt: v.ts })),
  );

  forAll(
    'production running with treatment off for well over the set time is always raised, once, when the meters report',
    (rand) => {
      const durationMs = intBetween(rand, 5, 30) * MINUTE;
      // Every meter reports at least every 14 minutes (the default staleAfterMs is 15).
      const steps = plant(
        rand,
        () => 80,
        () => 0,
        3 * 60 * MINUTE,
        14,
      );
      return { durationMs, steps };
    },
    ({ durationMs, steps }) =>
      opened(run(rule('treatment-off', durationMs), steps).verdicts).length === 1 ? [] : ['not raised'],
  );
});

describe('emission spike', () => {
  const PM: MetricInfo = { unit: 'mg/m³', label: { zh: '颗粒物', en: 'PM' } };
  forAll(
    'never raises when production rises in proportion with the emission',
    (rand) => {
      const steps: Step[] = [];
      let ts = 0;
      for (let i = 0; i < 200; i++) {
        ts += intBetween(rand, 20, 60) * 1000;
        const load = 40 + 40 * Math.max(0, Math.sin(ts / (37 * MINUTE))) + between(rand, 0, 1);
        steps.push({ input: { kind: 'meter', ts, meterId: 'P1', role: 'production', kw: load } });
        steps.push({ input: { kind: 'reading', ts, values: { pm: load / 4 } } });
      }
      return { steps };
    },
    ({ steps }) => {
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

import fc from 'fast-check';
import { parseRuleDefinition } from '../engine';
import type { MetricInfo } from '../evaluate';
import { MINUTE, clears, opened, ruleOf, run, triggers, type Step } from '../testing/harness';
import { RuleParamsError } from '../threshold';
import type { EngineVerdict } from '../verdicts';

const SMOKE: MetricInfo = { unit: '', label: { zh: '烟雾报警', en: 'Smoke alarm' } };
const VALVE: MetricInfo = {
  unit: '',
  label: { zh: '紧急切断阀阀位', en: 'Shut-off valve position' },
  states: {
    '0': { zh: '关', en: 'closed' },
    '1': { zh: '开', en: 'open' },
    '2': { zh: '行程中', en: 'travelling' },
    '3': { zh: '故障', en: 'fault' },
  },
};
// 2025-06-01 09:00 Beijing time.
const T0 = Date.UTC(2025, 5, 1, 1, 0);
const at = (seconds: number) => T0 + seconds * 1000;
const smoke = (seconds: number, value: boolean): Step => ({
  input: { kind: 'reading', ts: at(seconds), values: { smoke: value } },
});
const valve = (seconds: number, value: number): Step => ({
  input: { kind: 'reading', ts: at(seconds), values: { valve: value } },
});
const tick = (seconds: number): Step => ({ input: { kind: 'tick' }, now: at(seconds) });

const rule = (params: object, info: MetricInfo = SMOKE, metric = 'smoke') =>
  ruleOf('state-signal', params, { metric, info, source: 'GB 50116-2013' });

const changes = (verdicts: readonly EngineVerdict[]) =>
  verdicts.map((v) => (v.action === 'trigger' ? `${v.change}@${v.ts}` : `clear@${v.ts}`));

describe('state-signal parameters', () => {
  it('fills in the documented defaults', () => {
    expect(parseRuleDefinition('state-signal', {}).params).toEqual({
      check: 'alarm',
      alarmStates: [true],
      delayMs: 0,
      clearAfterMs: 0,
      stuckAfterMs: null,
      stuckState: 'any',
      chatterCount: 3,
      chatterWindowMs: MINUTE,
      level: 1,
    });
  });

  it.each<[string, object, RegExp]>([
    [
      'a stuck check without its duration',
      { check: 'stuck' },
      /stuckAfterMs is required when check is "stuck"/,
    ],
    ['an unknown check', { check: 'flapping' }, /check must be one of "alarm", "stuck", "chattering"/],
    ['no alarm state', { alarmStates: [] }, /alarmStates must be a non-empty list/],
    ['a text state', { alarmStates: ['open'] }, /alarmStates must be .* got "open"/],
    ['a fractional state', { alarmStates: [1.5] }, /alarmStates must be .* got 1.5/],
    ['a state twice', { alarmStates: [3, 3] }, /alarmStates lists 3 twice/],
    ['true and false', { alarmStates: [true, false] }, /nothing would be normal/],
    ['booleans mixed with numbers', { alarmStates: [true, 1] }, /all true\/false or all numbers/],
    ['a chatter count of 1', { chatterCount: 1 }, /chatterCount must be a whole number ≥ 2 ≤ 100/],
    [
      'a negative clear time',
      { clearAfterMs: -1 },
      /clearAfterMs \(milliseconds\) must be a whole number ≥ 0/,
    ],
    ['a misspelt parameter', { clearAfterMS: 1000 }, /state-signal: unknown parameter "clearAfterMS"/],
    ['an unknown stuck state', { stuckState: 'open' }, /stuckState must be one of "alarm", "normal", "any"/],
  ])('refuses %s with a message naming the parameter', (_what, params, message) => {
    expect(() => parseRuleDefinition('state-signal', params)).toThrow(RuleParamsError);
    expect(() => parseRuleDefinition('state-signal', params)).toThrow(message);
  });
});

describe('state-signal alarm', () => {
  const FIRE = rule({ level: 2, clearAfterMs: 5 * MINUTE });

  it('raises a critical alert on the first alarm reading, at once, and words it for the officer', () => {
    const r = run(FIRE, [smoke(0, false), smoke(30, true)]);
    expect(r.perStep[0]).toEqual([]);
    const [v] = r.perStep[1];
    expect(v).toMatchObject({
      action: 'trigger',
      change: 'opened',
      level: 2,
      severity: 'critical',
      value: 1,
      limit: 1,
      unit: '',
      ts: at(30),
    });
    expect(v.explanation).toEqual({
      zh: '烟雾报警报警：状态为「是」，自 2025-06-01 09:00 起（依据 GB 50116-2013）',
      en: 'Smoke alarm in alarm: state true since 2025-06-01 09:00 (per GB 50116-2013)',
    });
  });

  it('raises even when the very first reading it hears is the alarm', () => {
    expect(opened(run(FIRE, [smoke(0, true)]).verdicts)).toHaveLength(1);
  });

  it('confirms on every further alarm reading (the repeat count) and never opens twice', () => {
    const r = run(FIRE, [smoke(0, true), smoke(30, true), smoke(60, true)]);
    expect(changes(r.verdicts)).toEqual([`opened@${at(0)}`, `continuing@${at(30)}`, `continuing@${at(60)}`]);
  });

  it('clears only once the normal state has held for the clear time, on a reading or a tick', () => {
    const byReading = run(FIRE, [smoke(0, true), smoke(60, false), smoke(200, false), smoke(360, false)]);
    expect(changes(byReading.verdicts)).toEqual([`opened@${at(0)}`, `clear@${at(360)}`]);
    const [c] = clears(byReading.verdicts);
    expect(c.explanation.zh).toBe(
      '烟雾报警恢复正常：状态为「否」，自 2025-06-01 09:01 起，已保持 5 分钟（设定 5 分钟）',
    );
    // A detector that reports only on change says "false" once: time then clears it.
    const byTick = run(FIRE, [smoke(0, true), smoke(60, false), tick(300), tick(359), tick(360), tick(400)]);
    expect(changes(byTick.verdicts)).toEqual([`opened@${at(0)}`, `clear@${at(360)}`]);
  });

  it('starts the clear time again when the alarm comes back before it ran out', () => {
    const r = run(FIRE, [smoke(0, true), smoke(60, false), smoke(200, true), smoke(260, false), tick(560)]);
    expect(changes(r.verdicts)).toEqual([`opened@${at(0)}`, `continuing@${at(200)}`, `clear@${at(560)}`]);
  });

  it('waits for delayMs when one is set (a fire door held open), on readings or ticks', () => {
    const door = rule(
      { delayMs: 5 * MINUTE },
      { unit: '', label: { zh: '防火门开启', en: 'Fire door open' } },
      'smoke',
    );
    const r = run(door, [
      smoke(0, true),
      tick(120),
      smoke(200, true),
      tick(299),
      tick(300),
      smoke(310, true),
    ]);
    expect(changes(r.verdicts)).toEqual([`opened@${at(300)}`, `continuing@${at(310)}`]);
    expect(r.verdicts[0].explanation.en).toBe(
      'Fire door open in alarm: state true since 2025-06-01 09:00, held for 5 min (delay 5 min) (per GB 50116-2013)',
    );
    // Closed again before the delay ran out: nothing.
    expect(run(door, [smoke(0, true), smoke(100, false), tick(400)]).verdicts).toEqual([]);
  });

  it('reads an enumerated state by its codes and names the state', () => {
    const fault = rule({ alarmStates: [3] }, VALVE, 'valve');
    const r = run(fault, [valve(0, 1), valve(10, 2), valve(20, 0), valve(30, 3), valve(40, 0)]);
    expect(changes(r.verdicts)).toEqual([`opened@${at(30)}`, `clear@${at(40)}`]);
    expect(r.verdicts[0]).toMatchObject({ value: 3, limit: 3 });
    expect(r.verdicts[0].explanation.zh).toContain('状态为「故障 (3)」');
  });

  it('ignores readings that do not carry its metric, late readings and ticks before any reading', () => {
    const r = run(FIRE, [
      tick(0),
      { input: { kind: 'reading', ts: at(5), values: { fire: true } } },
      smoke(10, false),
      smoke(5, true),
    ]);
    expect(r.verdicts).toEqual([]);
  });
});

describe('state-signal stuck', () => {
  const LATCHED = rule({ check: 'stuck', stuckState: 'alarm', stuckAfterMs: 10 * MINUTE, level: 1 });

  it('raises when the value has not changed for stuckAfterMs while the device kept reporting', () => {
    const r = run(LATCHED, [smoke(0, true), smoke(300, true), smoke(599, true), smoke(600, true)]);
    expect(changes(r.verdicts)).toEqual([`opened@${at(600)}`]);
    expect(r.verdicts[0]).toMatchObject({ value: 10, limit: 10, unit: 'min', level: 1 });
    expect(r.verdicts[0].explanation.zh).toBe(
      '烟雾报警疑似卡滞：自 2025-06-01 09:00 起一直为「是」（报警状态）已 10 分钟，超过设定 10 分钟，期间设备持续上报（依据 GB 50116-2013）',
    );
  });

  it('judges silence as nothing: ticks never raise it', () => {
    expect(run(LATCHED, [smoke(0, true), tick(3600), tick(7200)]).verdicts).toEqual([]);
  });

  it('watches only the state it is told to', () => {
    expect(run(LATCHED, [smoke(0, false), smoke(3600, false)]).verdicts).toEqual([]);
    const neverTested = rule({ check: 'stuck', stuckState: 'normal', stuckAfterMs: 30 * MINUTE });
    expect(changes(run(neverTested, [smoke(0, false), smoke(1800, false)]).verdicts)).toEqual([
      `opened@${at(1800)}`,
    ]);
  });

  it('clears on the first reading with another value', () => {
    const r = run(LATCHED, [smoke(0, true), smoke(600, true), smoke(660, true), smoke(700, false)]);
    expect(changes(r.verdicts)).toEqual([`opened@${at(600)}`, `continuing@${at(660)}`, `clear@${at(700)}`]);
    expect(clears(r.verdicts)[0].explanation.en).toBe(
      'Smoke alarm changed to false at 2025-06-01 09:11: no longer stuck',
    );
  });
});

describe('state-signal chattering', () => {
  const CHATTER = rule({
    check: 'chattering',
    chatterCount: 3,
    chatterWindowMs: MINUTE,
    clearAfterMs: 5 * MINUTE,
  });

  it('raises on the third activation within the window, and words the count', () => {
    const flaps = [smoke(0, true), smoke(10, false), smoke(20, true), smoke(30, false), smoke(40, true)];
    const r = run(CHATTER, flaps);
    expect(changes(r.verdicts)).toEqual([`opened@${at(40)}`]);
    expect(r.verdicts[0]).toMatchObject({ value: 3, limit: 3, level: 1 });
    expect(r.verdicts[0].explanation.en).toBe(
      'Smoke alarm chattering: 3 alarm activations within 1 min (set 3), first at 2025-06-01 09:00; check the detector and its wiring (per GB 50116-2013)',
    );
  });

  it('does not raise for activations spread wider than the window', () => {
    const r = run(CHATTER, [
      smoke(0, true),
      smoke(30, false),
      smoke(61, true),
      smoke(90, false),
      smoke(122, true),
    ]);
    expect(r.verdicts).toEqual([]);
  });

  it('clears once the signal held still for max(window, clear time), on a reading or a tick', () => {
    const flaps = [smoke(0, true), smoke(10, false), smoke(20, true), smoke(30, false), smoke(40, true)];
    const r = run(CHATTER, [...flaps, smoke(100, true), tick(339), tick(340)]);
    expect(changes(r.verdicts)).toEqual([`opened@${at(40)}`, `clear@${at(340)}`]);
  });
});

// ---------------------------------------------------------------- properties (fast-check shrinks a failure)

/** A random detector history: readings of true/false at increasing times, with ticks in between. */
const history = fc
  .array(
    fc.record({
      gapS: fc.integer({ min: 1, max: 900 }),
      kind: fc.constantFrom('reading', 'reading', 'reading', 'tick'),
      value: fc.boolean(),
    }),
    { minLength: 1, maxLength: 60 },
  )
  .map((events) => {
    let s = 0;
    return events.map(({ gapS, kind, value }): Step => {
      s += gapS;
      return kind === 'tick' ? tick(s) : smoke(s, value);
    });
  });

const alarmParams = fc.record({
  clearAfterMs: fc.constantFrom(0, 30_000, 5 * MINUTE),
  delayMs: fc.constantFrom(0, 0, 60_000),
  level: fc.constantFrom(1, 2),
});

describe('state-signal properties', () => {
  it('with no delay, every alarm reading leaves an alert open (a fire is never missed)', () => {
    fc.assert(
      fc.property(history, alarmParams, (steps, p) => {
        const r = rule({ ...p, delayMs: 0 });
        let open = false;
        const { perStep } = run(r, steps);
        steps.forEach((step, i) => {
          for (const v of perStep[i]) open = v.action === 'trigger';
          if (step.input.kind === 'reading' && step.input.values.smoke === true) expect(open).toBe(true);
        });
      }),
    );
  });

  it('never clears before the normal state has held for clearAfterMs', () => {
    fc.assert(
      fc.property(history, alarmParams, (steps, p) => {
        const r = rule(p);
        const { perStep } = run(r, steps);
        let lastAlarmAt: number | null = null;
        let normalSince: number | null = null;
        steps.forEach((step, i) => {
          if (step.input.kind === 'reading') {
            const alarm = step.input.values.smoke === true;
            if (alarm) {
              lastAlarmAt = step.input.ts;
              normalSince = null;
            } else if (normalSince === null) normalSince = step.input.ts;
          }
          for (const v of perStep[i]) {
            if (v.action !== 'clear') continue;
            expect(normalSince).not.toBeNull();
            expect(v.ts - (normalSince as number)).toBeGreaterThanOrEqual(p.clearAfterMs);
            if (lastAlarmAt !== null) expect(v.ts).toBeGreaterThan(lastAlarmAt);
          }
        });
      }),
    );
  });

  it('opens and clears in turn, for every check, and states survive a JSON round trip', () => {
    const params = fc.record({
      check: fc.constantFrom('alarm', 'stuck', 'chattering'),
      stuckState: fc.constantFrom('alarm', 'normal', 'any'),
      stuckAfterMs: fc.constantFrom(MINUTE, 10 * MINUTE),
      chatterCount: fc.integer({ min: 2, max: 4 }),
      chatterWindowMs: fc.constantFrom(MINUTE, 10 * MINUTE),
      clearAfterMs: fc.constantFrom(0, 5 * MINUTE),
    });
    fc.assert(
      fc.property(history, params, (steps, p) => {
        const r = rule(p);
        const direct = run(r, steps);
        const stored = run(r, steps, null, true);
        expect(JSON.stringify(stored.verdicts)).toBe(JSON.stringify(direct.verdicts));
        let open = false;
        for (const v of direct.verdicts) {
          if (v.action === 'clear') expect(open).toBe(true);
          else expect(v.change === 'opened').toBe(!open);
          open = v.action === 'trigger';
        }
      }),
    );
  });

  it('chattering never raises with fewer than chatterCount activations inside one window', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 2, max: 5 }), (steps, chatterCount) => {
        const windowMs = 5 * MINUTE;
        const r = rule({ check: 'chattering', chatterCount, chatterWindowMs: windowMs });
        const activations: number[] = [];
        let last: boolean | null = null;
        const { perStep } = run(r, steps);
        steps.forEach((step, i) => {
          if (step.input.kind === 'reading' && step.input.values.smoke !== last) {
            if (step.input.values.smoke === true) activations.push(step.input.ts);
            last = step.input.values.smoke as boolean;
          }
          for (const v of opened(perStep[i])) {
            expect(activations.filter((t) => t > v.ts - windowMs).length).toBeGreaterThanOrEqual(
              chatterCount,
            );
          }
        });
      }),
    );
  });

  it('a steady signal never chatters and is never stuck when its state is not watched', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 3600 }), { maxLength: 40 }),
        (value, gaps) => {
          let s = 0;
          const steps = gaps.map((g) => smoke((s += g), value));
          const chatter = rule({ check: 'chattering', chatterCount: 2 });
          const stuckOther = rule({
            check: 'stuck',
            stuckState: value ? 'normal' : 'alarm',
            stuckAfterMs: MINUTE,
          });
          expect(triggers(run(chatter, steps).verdicts)).toEqual([]);
          expect(triggers(run(stuckOther, steps).verdicts)).toEqual([]);
        },
      ),
    );
  });
});

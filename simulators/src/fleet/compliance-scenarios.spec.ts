import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkReadingsForKind, parseTelemetryPayload, type DeviceReading } from '@park/contracts';
import {
  ANALYSER_RULES,
  evaluate,
  parseRuleDefinition,
  WASTEWATER_RULES,
  type BuiltInRule,
  type EngineRule,
  type EngineVerdict,
  type RuleState,
} from '@park/rules-engine';
import { WASTEWATER_GRADE_1_LIMITS } from '../models/wastewater';
import { DeviceSimulator, type OutgoingMessage } from './device-simulator';
import { parseManifest, scheduleOf, type ManifestDevice } from './manifest';

/*
 * The two compliance scenarios end to end without I/O: the simulator's payloads go through the platform's contract
 * validator and then through the built-in rules they are meant to trip, with the rules engine the service runs.
 */

const demo = parseManifest(JSON.parse(readFileSync(join(__dirname, '../../fleets/demo.json'), 'utf8')));
const MONDAY = Date.parse('2025-03-03T00:00:00+08:00');
const MIN = 60_000;
const HOUR = 60 * MIN;

const device = (id: string): ManifestDevice => demo.devices.find((d) => d.id === id)!;
const simulator = (id: string, seed = 1) => {
  const d = device(id);
  return new DeviceSimulator(d, scheduleOf(demo, d), seed);
};

function simulate(
  sim: DeviceSimulator,
  from: number,
  to: number,
  at: [number, (t: number) => void][] = [],
): OutgoingMessage[] {
  const out: OutgoingMessage[] = [];
  const events = [...at].sort((a, b) => a[0] - b[0]);
  for (let t = sim.firstDue(from); t < to; t = sim.nextDue(t)) {
    while (events.length > 0 && events[0][0] <= t) {
      const [when, apply] = events.shift()!;
      apply(when);
    }
    const message = sim.messageAt(t, t);
    if (message) out.push(message);
  }
  return out;
}

/** What ingestion makes of each message; fails the test on any rejection. */
function ingest(sim: DeviceSimulator, messages: readonly OutgoingMessage[]): DeviceReading[] {
  return messages.map((m) => {
    const parsed = parseTelemetryPayload(m.payload, m.ts);
    if (!parsed.ok) throw new Error(`rejected: ${parsed.rejection.reason} ${parsed.rejection.detail}`);
    const wrong = checkReadingsForKind(sim.kind, parsed.readings);
    if (wrong) throw new Error(`rejected: ${wrong.reason} ${wrong.detail}`);
    expect(parsed.readings).toHaveLength(1);
    return parsed.readings[0];
  });
}

/** A built-in rule as the service would run it, with the limit it resolves from the device's permit. */
function engineRule(builtIn: BuiltInRule, limit?: number): EngineRule {
  const params = limit === undefined ? builtIn.params : { ...builtIn.params, limit };
  return {
    id: builtIn.code,
    name: builtIn.name,
    source: builtIn.source,
    metric: builtIn.metric,
    definition: parseRuleDefinition(builtIn.kind, params),
  };
}

function judge(rule: EngineRule, readings: readonly DeviceReading[]) {
  let state: RuleState | null = null;
  const verdicts: EngineVerdict[] = [];
  for (const r of readings) {
    const input = {
      kind: 'reading' as const,
      ts: r.ts,
      values: r.values,
      ...(r.flags ? { flags: r.flags } : {}),
    };
    const result = evaluate(rule, state, input, r.ts);
    state = result.state;
    verdicts.push(...result.verdicts);
  }
  return verdicts;
}

const opened = (verdicts: readonly EngineVerdict[]) =>
  verdicts.filter((v) => v.action === 'trigger' && v.change === 'opened');
const builtIn = (rules: readonly BuiltInRule[], code: string) => rules.find((r) => r.code === code)!;

describe('wastewater-exceedance', () => {
  const permit = WASTEWATER_GRADE_1_LIMITS;
  const hourly = (metric: string) =>
    engineRule(builtIn(WASTEWATER_RULES, `wastewater.${metric}.hourly-mean`), permit[metric as 'cod']);
  const daily = engineRule(builtIn(WASTEWATER_RULES, 'wastewater.cod.daily-mean'), permit.cod);

  it('keeps the outlet inside its permit without the scenario: no hourly or daily COD/NH₃-N alert', () => {
    const sim = simulator('demo-ww-001');
    const readings = ingest(sim, simulate(sim, MONDAY, MONDAY + 50 * HOUR));
    expect(opened(judge(hourly('cod'), readings))).toEqual([]);
    expect(opened(judge(hourly('nh3n'), readings))).toEqual([]);
    expect(opened(judge(daily, readings))).toEqual([]);
  });

  it('raises COD and NH₃-N above the permit while on, so the hourly and then the daily mean rules open', () => {
    const sim = simulator('demo-ww-001');
    const on = MONDAY + 30 * MIN;
    const messages = simulate(sim, MONDAY, MONDAY + 26 * HOUR, [
      [on, (t) => sim.setScenario({ name: 'wastewater-exceedance', on: true }, t)],
    ]);
    const readings = ingest(sim, messages);
    // Past the 15 min ramp every reading is well above the limit.
    const settled = readings.filter((r) => r.ts >= on + 15 * MIN);
    expect(Math.min(...settled.map((r) => r.values.cod as number))).toBeGreaterThan(permit.cod * 1.4);
    expect(Math.min(...settled.map((r) => r.values.nh3n as number))).toBeGreaterThan(permit.nh3n * 1.2);

    const [firstCod] = opened(judge(hourly('cod'), readings));
    expect(firstCod).toMatchObject({ limit: permit.cod });
    // The first clock hour wholly inside the episode (01:00–02:00) is judged when 02:00's first reading arrives.
    expect(firstCod.ts).toBeLessThanOrEqual(MONDAY + 2 * HOUR + 2 * MIN);
    expect(opened(judge(hourly('nh3n'), readings))).toHaveLength(1);
    const [day] = opened(judge(daily, readings));
    expect(day).toMatchObject({ limit: permit.cod });
    expect(day.ts).toBeGreaterThanOrEqual(MONDAY + 24 * HOUR);
  });

  it('takes the outlet back to its own series once off, and leaves the series before it untouched', () => {
    const plain = simulate(simulator('demo-ww-001'), MONDAY, MONDAY + 6 * HOUR);
    const sim = simulator('demo-ww-001');
    const withEpisode = simulate(sim, MONDAY, MONDAY + 6 * HOUR, [
      [MONDAY + HOUR, (t) => sim.setScenario({ name: 'wastewater-exceedance', on: true, param: '2h' }, t)],
    ]);
    expect(withEpisode.map((m) => m.ts)).toEqual(plain.map((m) => m.ts));
    const after = MONDAY + 3 * HOUR + 15 * MIN;
    withEpisode.forEach((m, i) => {
      if (m.ts < MONDAY + HOUR || m.ts >= after) expect(m.payload).toEqual(plain[i].payload);
      else expect(m.values.cod).not.toEqual(plain[i].values.cod);
    });
  });
});

describe('analyser-fault', () => {
  const cemsAbnormal = engineRule(builtIn(ANALYSER_RULES, 'stack-gas.analyser-abnormal'));
  const waterAbnormal = engineRule(builtIn(ANALYSER_RULES, 'wastewater.analyser-abnormal'));

  it('flags SO₂ and NOx D at a frozen value while on, and the CEMS analyser-abnormal rule opens after 30 min', () => {
    const sim = simulator('demo-cems-001');
    const on = MONDAY + 10 * HOUR;
    const off = on + 45 * MIN;
    const messages = simulate(sim, on - HOUR, off + HOUR, [
      [on, (t) => sim.setScenario({ name: 'analyser-fault', on: true }, t)],
      [off, (t) => sim.setScenario({ name: 'analyser-fault', on: false }, t)],
    ]);
    const readings = ingest(sim, messages);
    const during = readings.filter((r) => r.ts >= on && r.ts < off);
    expect(during.length).toBeGreaterThan(30);
    for (const r of during) expect(r.flags).toEqual({ so2: 'D', nox: 'D' });
    expect(new Set(during.map((r) => r.values.so2)).size).toBe(1);
    expect(new Set(during.map((r) => r.values.o2)).size).toBeGreaterThan(1);
    for (const r of readings.filter((x) => x.ts < on || x.ts >= off)) expect(r.flags).toBeUndefined();

    const verdicts = judge(cemsAbnormal, readings);
    const [alert] = opened(verdicts);
    expect(alert.ts).toBeGreaterThanOrEqual(on + 30 * MIN);
    expect(alert.ts).toBeLessThan(on + 33 * MIN);
    expect(verdicts.some((v) => v.action === 'clear' && v.ts >= off)).toBe(true);
  });

  it('keeps every other value and the series after it exactly as without the fault', () => {
    const plain = simulate(simulator('demo-cems-001'), MONDAY, MONDAY + 4 * HOUR);
    const sim = simulator('demo-cems-001');
    const faulty = simulate(sim, MONDAY, MONDAY + 4 * HOUR, [
      [MONDAY + HOUR, (t) => sim.setScenario({ name: 'analyser-fault', on: true, param: 'so2' }, t)],
      [MONDAY + 2 * HOUR, (t) => sim.setScenario({ name: 'analyser-fault', on: false }, t)],
    ]);
    expect(faulty.map((m) => m.ts)).toEqual(plain.map((m) => m.ts));
    faulty.forEach((m, i) => {
      const { so2, ...rest } = m.values;
      const { so2: plainSo2, ...plainRest } = plain[i].values;
      expect(rest).toEqual(plainRest);
      if (m.ts < MONDAY + HOUR || m.ts >= MONDAY + 2 * HOUR) {
        expect(m.payload).toEqual(plain[i].payload);
        expect(so2).toBe(plainSo2);
      }
    });
  });

  it('raises nothing for planned calibration (C) on a water analyser, and the water rule opens for D after 2 h', () => {
    const run = (param: string) => {
      const sim = simulator('demo-ww-001');
      const messages = simulate(sim, MONDAY, MONDAY + 3 * HOUR, [
        [MONDAY + 10 * MIN, (t) => sim.setScenario({ name: 'analyser-fault', on: true, param }, t)],
      ]);
      return ingest(sim, messages);
    };
    const calibrating = run('cod,nh3n,C');
    expect(calibrating.at(-1)!.flags).toEqual({ cod: 'C', nh3n: 'C' });
    expect(judge(waterAbnormal, calibrating)).toEqual([]);

    const faulty = run('D');
    expect(faulty.at(-1)!.flags).toEqual({ cod: 'D' });
    const [alert] = opened(judge(waterAbnormal, faulty));
    expect(alert.ts).toBeGreaterThanOrEqual(MONDAY + 130 * MIN);
    expect(alert.ts).toBeLessThan(MONDAY + 133 * MIN);
  });

  it('refuses a metric the analyser does not measure and a device that is not an analyser', () => {
    expect(() =>
      simulator('demo-cems-001').setScenario({ name: 'analyser-fault', on: true, param: 'cod' }, MONDAY),
    ).toThrow('analyser-fault on demo-cems-001: cod is not a stack-gas metric');
    expect(() =>
      simulator('demo-temp-001').setScenario({ name: 'analyser-fault', on: true }, MONDAY),
    ).toThrow('analyser-fault does not apply to demo-temp-001');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkReadingsForKind,
  DEVICE_KINDS,
  parseTelemetryPayload,
  type DeviceKind,
  type RejectReason,
} from '@park/contracts';
import { SCENARIO_NAMES, SCENARIOS, type ScenarioName } from '../models/scenarios';
import { SimulatorErrorCode, SimulatorException } from '../simulator.exception';
import { DeviceSimulator, type OutgoingMessage } from './device-simulator';
import { parseManifest, scheduleOf, type ManifestDevice } from './manifest';

const demo = parseManifest(JSON.parse(readFileSync(join(__dirname, '../../fleets/demo.json'), 'utf8')));
const MONDAY = Date.parse('2025-03-03T00:00:00+08:00');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const device = (id: string): ManifestDevice => demo.devices.find((d) => d.id === id)!;
const simulator = (d: ManifestDevice, seed: number | string = 1) =>
  new DeviceSimulator(d, scheduleOf(demo, d), seed);

/** What ingestion would say about a payload, judged at `now`. */
function verdict(kind: DeviceKind, payload: Buffer, now: number): RejectReason | 'OK' {
  const parsed = parseTelemetryPayload(payload, now);
  if (!parsed.ok) return parsed.rejection.reason;
  return checkReadingsForKind(kind, parsed.readings)?.reason ?? 'OK';
}

/** Runs a device from `from` to `to` on its own schedule; `at` switches scenarios at given times. */
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

const applicable = (d: ManifestDevice): ScenarioName[] =>
  SCENARIO_NAMES.filter(
    (n) => n !== 'silent' && n !== 'bad-payloads' && SCENARIOS[n].appliesTo(d.kind, d.role),
  );

describe('every payload of the demo fleet passes the platform contract', () => {
  it.each(demo.devices.map((d) => [d.id, d.kind] as const))(
    '%s (%s), from Friday to Monday with each scenario that applies to it',
    (id) => {
      const d = device(id);
      const sim = simulator(d);
      const scenarios = applicable(d);
      const FRIDAY = MONDAY + 4 * DAY;
      const messages = simulate(sim, FRIDAY, FRIDAY + 3.5 * DAY, [
        [FRIDAY + 34 * HOUR, (t) => scenarios.forEach((name) => sim.setScenario({ name, on: true }, t))],
        [FRIDAY + 36 * HOUR, (t) => scenarios.forEach((name) => sim.setScenario({ name, on: false }, t))],
      ]);
      expect(messages.length).toBeGreaterThanOrEqual(
        Math.floor((3.5 * DAY) / (d.expectedIntervalS * 1000 * 1.1)),
      );
      const metrics = Object.keys(DEVICE_KINDS[d.kind].metrics).sort();
      const problems = new Map<string, number>();
      for (const m of messages) {
        const v = verdict(d.kind, m.payload, m.ts);
        if (v !== 'OK') problems.set(v, (problems.get(v) ?? 0) + 1);
        // Every message carries every metric of the kind.
        if (Object.keys(m.values).sort().join() !== metrics.join()) problems.set('MISSING_METRIC', 1);
      }
      expect(Object.fromEntries(problems)).toEqual({});
      if (d.kind === 'power-meter') {
        const kwh = messages.map((m) => m.values.kwh as number);
        const drops = kwh.filter((x, i) => i > 0 && x < kwh[i - 1]);
        // Only the meter replacement sends the counter back, once, to a small value.
        expect(drops).toHaveLength(1);
        expect(drops[0]).toBeLessThan(100);
      }
    },
  );
});

describe('determinism', () => {
  const run = (seed: number) =>
    demo.devices.flatMap((d) =>
      simulate(simulator(d, seed), MONDAY, MONDAY + 2 * HOUR).map((m) => m.payload.toString('utf8')),
    );

  it('sends exactly the same messages for the same seed', () => {
    expect(run(7)).toEqual(run(7));
  });

  it('sends different messages for another seed', () => {
    const a = run(7);
    const b = run(8);
    expect(a.filter((x, i) => x === b[i]).length).toBeLessThan(a.length / 10);
  });

  it('keeps a device’s values unchanged by faults switched on around them', () => {
    const d = device('demo-cems-001');
    const plain = simulate(simulator(d), MONDAY, MONDAY + 6 * HOUR);
    const faulty = simulator(d);
    const withFaults = simulate(faulty, MONDAY, MONDAY + 6 * HOUR, [
      [MONDAY + HOUR, (t) => faulty.setScenario({ name: 'bad-payloads', on: true, param: '0.5' }, t)],
      [MONDAY + 2 * HOUR, (t) => faulty.setScenario({ name: 'silent', on: true }, t)],
      [MONDAY + 3 * HOUR, (t) => faulty.setScenario({ name: 'silent', on: false }, t)],
    ]);
    const byTs = new Map(plain.map((m) => [m.ts, m.values]));
    expect(withFaults.length).toBeLessThan(plain.length);
    for (const m of withFaults) expect(m.values).toEqual(byTs.get(m.ts));
  });
});

describe('reporting interval', () => {
  it('reports on its expected interval with ±10 % jitter, starting within the first interval', () => {
    const sim = simulator(device('demo-gas-001'));
    const first = sim.firstDue(MONDAY);
    expect(first).toBeGreaterThanOrEqual(MONDAY);
    expect(first).toBeLessThan(MONDAY + 10_000);
    const gaps: number[] = [];
    for (let t = first, i = 0; i < 2000; i++) {
      const next = sim.nextDue(t);
      gaps.push(next - t);
      t = next;
    }
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(9000);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(11_000);
    expect(gaps.reduce((s, g) => s + g, 0) / gaps.length).toBeCloseTo(10_000, -2);
  });
});

describe('fault scenarios on a device', () => {
  it('bad-payloads sends about the asked share of invalid messages, each rejected for its stated reason', () => {
    const d = device('demo-meter-001');
    const sim = simulator(d);
    sim.setScenario({ name: 'bad-payloads', on: true, param: '0.25' }, MONDAY);
    const messages = simulate(sim, MONDAY, MONDAY + 40 * HOUR);
    const bad = messages.filter((m) => m.bad);
    expect(messages.length).toBeGreaterThan(2000);
    expect(bad.length / messages.length).toBeGreaterThan(0.2);
    expect(bad.length / messages.length).toBeLessThan(0.3);
    for (const m of messages) expect(verdict(d.kind, m.payload, m.ts)).toBe(m.bad ? m.bad.expected : 'OK');
    expect(new Set(bad.map((m) => m.bad!.variant)).size).toBe(6);
  });

  it('silent stops the messages and says whether to drop the connection; off resumes them', () => {
    const sim = simulator(device('demo-temp-001'));
    sim.setScenario({ name: 'silent', on: true, param: 'drop' }, MONDAY + HOUR);
    expect(sim.silentMode(MONDAY + HOUR)).toBe('drop');
    expect(sim.messageAt(MONDAY + HOUR + 1000, MONDAY)).toBeNull();
    sim.setScenario({ name: 'silent', on: false }, MONDAY + 2 * HOUR);
    expect(sim.silentMode(MONDAY + 2 * HOUR)).toBeNull();
    expect(sim.messageAt(MONDAY + 2 * HOUR + 1000, MONDAY)).not.toBeNull();
  });

  it('meter-replaced restarts the counter at the value asked for', () => {
    const sim = simulator(device('demo-meter-101'));
    expect(sim.messageAt(MONDAY + 9 * HOUR, 0)!.values.kwh).toBeGreaterThan(1000);
    expect(sim.setScenario({ name: 'meter-replaced', on: true, param: '1.5' }, MONDAY + 9 * HOUR)).toBe(
      'demo-meter-101: meter replaced, counter restarts at 1.5 kWh',
    );
    const kwh = sim.messageAt(MONDAY + 9 * HOUR + 60_000, 0)!.values.kwh as number;
    expect(kwh).toBeGreaterThanOrEqual(1.5);
    expect(kwh).toBeLessThan(10);
  });

  const refusal = (run: () => unknown): [SimulatorErrorCode, string] => {
    try {
      run();
    } catch (error) {
      if (error instanceof SimulatorException) return [error.code, error.message];
      throw error;
    }
    throw new Error('expected a refusal');
  };

  it('refuses a scenario that does not apply to the device, naming what it does', () => {
    const sim = simulator(device('demo-meter-001'));
    expect(refusal(() => sim.setScenario({ name: 'gas-leak', on: true }, MONDAY))).toEqual([
      SimulatorErrorCode.SCENARIO_NOT_APPLICABLE,
      "gas-leak does not apply to demo-meter-001 (power-meter, production): a combustible-gas detector's %LEL rises over minutes, past 25 (level 1) and then 50 (level 2)",
    ]);
    expect(refusal(() => sim.setScenario({ name: 'treatment-off', on: true }, MONDAY))[0]).toBe(
      SimulatorErrorCode.SCENARIO_NOT_APPLICABLE,
    );
  });

  it('refuses a bad parameter and an unknown scenario', () => {
    const sim = simulator(device('demo-gas-001'));
    expect(refusal(() => sim.setScenario({ name: 'bad-payloads', on: true, param: 'lots' }, MONDAY))).toEqual(
      [
        SimulatorErrorCode.BAD_SCENARIO_PARAM,
        'bad-payloads on demo-gas-001: rate must be a number 0–1, got "lots"',
      ],
    );
    expect(refusal(() => sim.setScenario({ name: 'meteor' as ScenarioName, on: true }, MONDAY))[0]).toBe(
      SimulatorErrorCode.UNKNOWN_SCENARIO,
    );
  });
});

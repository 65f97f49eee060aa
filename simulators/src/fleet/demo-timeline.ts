import type { ScenarioChange } from './device-simulator';

/**
 * The demo park's timeline in standalone mode (`DEMO_TIMELINE`, on by default): a newcomer who runs `npm start`
 * sees the alert path working — a gas leak that clears itself, a smoke alarm, a pressure vessel past its high-high
 * set point, a pollution-control meter switched off while production runs — instead of a park where nothing ever
 * happens. One cycle every CYCLE_MS, each step a scenario of
 * the simulator switched on or off (the same commands an operator types, docs/simulator.md); a device the park
 * does not have is left out. Pure: the standalone mode schedules the steps on its fleet.
 */
export interface TimelineStep {
  readonly deviceId: string;
  readonly change: ScenarioChange;
  /** From the start of the cycle, ms. */
  readonly afterMs: number;
}

const MINUTE = 60_000;
export const DEMO_CYCLE_MS = 60 * MINUTE;

/**
 * Each fault is long enough for its built-in rule to judge it (default-rules.ts): a leak past 25 %LEL opens 一级 at
 * once; a smoke or fire signal at once; tank pressure past its high-high set point at once (the seed gives
 * demo-press-001 set points); the treatment-off rule holds 30 minutes, so treatment stays off for 40.
 */
const STEPS: readonly TimelineStep[] = [
  // Rises past 25 %LEL (一级) and levels off below 50: one alert, cleared by itself when the leak stops.
  { deviceId: 'demo-gas-001', change: { name: 'gas-leak', on: true, param: '40' }, afterMs: 1 * MINUTE },
  { deviceId: 'demo-smoke-001', change: { name: 'fire-alarm', on: true, param: '1m' }, afterMs: 3 * MINUTE },
  { deviceId: 'demo-gas-001', change: { name: 'gas-leak', on: false }, afterMs: 6 * MINUTE },
  {
    deviceId: 'demo-press-001',
    change: { name: 'overpressure', on: true, param: '1.5' },
    afterMs: 10 * MINUTE,
  },
  { deviceId: 'demo-press-001', change: { name: 'overpressure', on: false }, afterMs: 14 * MINUTE },
  {
    deviceId: 'demo-meter-002',
    change: { name: 'treatment-off', on: true, param: '40m' },
    afterMs: 15 * MINUTE,
  },
];

/** The steps of one cycle for the devices the fleet drives, in time order. */
export function demoTimeline(driven: ReadonlySet<string>): TimelineStep[] {
  return STEPS.filter((step) => driven.has(step.deviceId)).sort((a, b) => a.afterMs - b.afterMs);
}

/** What the timeline needs of a running fleet (Fleet has it). */
export interface TimelineFleet {
  readonly clock: { now(): number };
  stats(): { readonly devices: readonly { readonly id: string }[] };
  scheduleScenario(deviceId: string, change: ScenarioChange, at: number): void;
}

/**
 * Runs the demo timeline on `fleet`: the first cycle now, then one every DEMO_CYCLE_MS until stopped. A step whose
 * scenario cannot start (the device is offline, say) is logged by the fleet and the rest go on.
 */
export function runDemoTimeline(fleet: TimelineFleet): { readonly steps: number; stop(): void } {
  const steps = demoTimeline(new Set(fleet.stats().devices.map((d) => d.id)));
  const cycle = () => {
    const start = fleet.clock.now();
    for (const step of steps) fleet.scheduleScenario(step.deviceId, step.change, start + step.afterMs);
  };
  if (steps.length > 0) cycle();
  const timer = steps.length > 0 ? setInterval(cycle, DEMO_CYCLE_MS) : null;
  return {
    steps: steps.length,
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeviceSimulator } from './device-simulator';
import { parseManifest, scheduleOf } from './manifest';
import { DEMO_CYCLE_MS, demoTimeline, runDemoTimeline, type TimelineFleet } from './demo-timeline';

const manifest = parseManifest(
  JSON.parse(readFileSync(join(__dirname, '../../fleets/demo.json'), 'utf8')) as unknown,
);

describe('the demo timeline', () => {
  it('drives only devices the fleet has, in time order, within one cycle', () => {
    const all = demoTimeline(new Set(manifest.devices.map((d) => d.id)));
    expect(all.length).toBeGreaterThanOrEqual(4);
    expect(all.map((s) => s.afterMs)).toEqual([...all.map((s) => s.afterMs)].sort((a, b) => a - b));
    for (const step of all) expect(step.afterMs).toBeLessThan(DEMO_CYCLE_MS);
    expect(demoTimeline(new Set(['demo-gas-001'])).map((s) => s.deviceId)).toEqual([
      'demo-gas-001',
      'demo-gas-001',
    ]);
    expect(demoTimeline(new Set())).toEqual([]);
  });

  it('asks each device only for a scenario that applies to it, with a valid parameter', () => {
    for (const step of demoTimeline(new Set(manifest.devices.map((d) => d.id)))) {
      const device = manifest.devices.find((d) => d.id === step.deviceId);
      if (!device) throw new Error(`no ${step.deviceId} in demo.json`);
      const sim = new DeviceSimulator(device, scheduleOf(manifest, device), 1);
      expect(() => sim.checkScenario(step.change)).not.toThrow();
    }
  });

  it('schedules a cycle now and one every cycle until stopped', () => {
    jest.useFakeTimers();
    try {
      const scheduled: { id: string; at: number }[] = [];
      let now = 1_000_000;
      const fleet: TimelineFleet = {
        clock: { now: () => now },
        stats: () => ({ devices: [{ id: 'demo-gas-001' }, { id: 'demo-smoke-001' }, { id: 'elsewhere' }] }),
        scheduleScenario: (id, _change, at) => scheduled.push({ id, at }),
      };
      const timeline = runDemoTimeline(fleet);
      expect(timeline.steps).toBe(3);
      expect(scheduled.map((s) => s.at - 1_000_000)).toEqual([60_000, 180_000, 360_000]);
      now += DEMO_CYCLE_MS;
      jest.advanceTimersByTime(DEMO_CYCLE_MS);
      expect(scheduled).toHaveLength(6);
      timeline.stop();
      jest.advanceTimersByTime(DEMO_CYCLE_MS * 3);
      expect(scheduled).toHaveLength(6);
    } finally {
      jest.useRealTimers();
    }
  });
});

import type { ScenarioChange } from './fleet/device-simulator';
import type { Fleet } from './fleet/fleet';
import { runControlLine } from './control-console';

/** A stand-in for the fleet: records the scenario changes it is asked for. */
function fakeFleet() {
  const changes: [string, ScenarioChange][] = [];
  const fleet = {
    setScenario: (deviceId: string, change: ScenarioChange) => {
      if (deviceId === 'nope') throw new Error('no device "nope" in the fleet');
      changes.push([deviceId, change]);
    },
    scenarios: () => [],
    stats: () => ({
      simNow: 0,
      devices: [],
      totals: { published: 3, acked: 2, failed: 0, bad: 0, skipped: 1, overflow: 0 },
    }),
  } as unknown as Fleet;
  return { fleet, changes };
}

describe('runControlLine', () => {
  it('switches a scenario on the device named, through the id resolver', () => {
    const { fleet, changes } = fakeFleet();
    const out: string[] = [];
    expect(
      runControlLine(
        'gas-leak demo-gas-001 on 60',
        fleet,
        (t) => out.push(t),
        (id) => `${id}-x`,
      ),
    ).toBeUndefined();
    expect(changes).toEqual([['demo-gas-001-x', { name: 'gas-leak', on: true, param: '60' }]]);
    expect(out.join('')).toBe('gas-leak on for demo-gas-001-x\n');
  });

  it('answers a mistake, an unknown device and help without stopping', () => {
    const { fleet, changes } = fakeFleet();
    const out: string[] = [];
    runControlLine('gas-leak demo-gas-001 maybe', fleet, (t) => out.push(t));
    runControlLine('gas-leak nope on', fleet, (t) => out.push(t));
    runControlLine('help', fleet, (t) => out.push(t));
    expect(changes).toEqual([]);
    expect(out[0]).toMatch(/usage: scenario gas-leak DEVICE on\|off/);
    expect(out[1]).toMatch(/no device "nope"/);
    expect(out[2]).toMatch(/^commands:/);
  });

  it('reports the fleet and says when to quit', () => {
    const { fleet } = fakeFleet();
    const out: string[] = [];
    runControlLine('status', fleet, (t) => out.push(t));
    runControlLine('scenarios', fleet, (t) => out.push(t));
    expect(out).toEqual([
      'sent 3 (acked 2, failed 0, bad 0), skipped 1, overflow 0\n',
      'no scenarios running\n',
    ]);
    expect(runControlLine('quit', fleet, () => undefined)).toBe('quit');
    expect(runControlLine('   ', fleet, () => undefined)).toBeUndefined();
  });
});

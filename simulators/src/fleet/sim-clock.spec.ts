import { ManualClock } from '@park/clock';
import { defaultSimStart, SimClock } from './sim-clock';

describe('SimClock', () => {
  it('runs `speed` times faster than the wall clock, from its start', () => {
    const wall = new ManualClock(1_000_000);
    const sim = new SimClock(wall, 60, 5_000_000);
    expect(sim.now()).toBe(5_000_000);
    wall.advance(1000);
    expect(sim.now()).toBe(5_060_000);
    expect(sim.wallNow()).toBe(1_001_000);
  });

  it('says how long to wait on the wall clock for a sim time', () => {
    const sim = new SimClock(new ManualClock(0), 60, 0);
    expect(sim.wallDelayUntil(60_000)).toBe(1000);
    expect(sim.wallDelayUntil(-5)).toBe(0);
  });

  it('refuses a speed that is not positive', () => {
    expect(() => new SimClock(new ManualClock(0), 0, 0)).toThrow('speed must be a positive number');
  });
});

describe('defaultSimStart', () => {
  it('starts an accelerated run in the past so that it reaches now as it ends', () => {
    const now = 10_000_000_000;
    const start = defaultSimStart(now, 60, 600_000);
    // At ×60 a 10-minute run covers 10 hours of sim time; it must end at the wall clock's end time.
    expect(start + 60 * 600_000).toBe(now + 600_000);
  });

  it('starts now in real time or without a known duration', () => {
    expect(defaultSimStart(123, 1, 600_000)).toBe(123);
    expect(defaultSimStart(123, 60, null)).toBe(123);
  });
});

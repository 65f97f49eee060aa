import { ManualClock } from '@park/clock';
import { TrailingThrottle } from './trailing-throttle';

/** Drives a throttle the way the fan-out service does: offers, and collects whenever the next window is due. */
function harness(windowMs: number, fold?: (held: number, incoming: number) => number) {
  const clock = new ManualClock(1_000_000);
  const throttle = new TrailingThrottle<number>({ windowMs, fold });
  const emitted: Array<{ at: number; key: string; value: number }> = [];
  const runTimers = () => {
    for (let due = throttle.nextDueAt(); due !== null && due <= clock.now(); due = throttle.nextDueAt()) {
      for (const [key, value] of throttle.collect(clock.now())) emitted.push({ at: clock.now(), key, value });
    }
  };
  return {
    clock,
    throttle,
    emitted,
    offer(key: string, value: number) {
      const out = throttle.offer(key, value, clock.now());
      if (out !== null) emitted.push({ at: clock.now(), key, value: out });
    },
    /** Moves time forward 1 ms at a time, firing due windows on the way, as a timer would. */
    advance(ms: number) {
      for (let i = 0; i < ms; i++) {
        clock.advance(1);
        runTimers();
      }
    },
  };
}

describe('TrailingThrottle', () => {
  it("emits a quiet key's first value at once", () => {
    const h = harness(1000);
    h.offer('meter-1', 1);
    expect(h.emitted).toEqual([{ at: 1_000_000, key: 'meter-1', value: 1 }]);
  });

  it('holds the values offered within the window and emits only the newest when it ends', () => {
    const h = harness(1000);
    h.offer('meter-1', 1);
    h.advance(100);
    h.offer('meter-1', 2);
    h.advance(300);
    h.offer('meter-1', 3);
    h.advance(599);
    expect(h.emitted.map((e) => e.value)).toEqual([1]);
    h.advance(1);
    expect(h.emitted).toEqual([
      { at: 1_000_000, key: 'meter-1', value: 1 },
      { at: 1_001_000, key: 'meter-1', value: 3 },
    ]);
  });

  it('emits at most once per window under a steady stream, and the last value always comes out', () => {
    const h = harness(1000);
    for (let i = 1; i <= 100; i++) {
      h.offer('meter-1', i);
      h.advance(50); // 20 values per window
    }
    h.advance(2000);
    const times = h.emitted.map((e) => e.at);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(1000);
    // 5 s of values at 20 per second: the leading one, then one per window.
    expect(h.emitted).toHaveLength(6);
    expect(h.emitted[h.emitted.length - 1].value).toBe(100);
  });

  it('throttles each key on its own', () => {
    const h = harness(1000);
    h.offer('meter-1', 1);
    h.offer('gas-1', 10);
    h.offer('meter-1', 2);
    h.advance(500);
    h.offer('gas-1', 11);
    h.advance(500);
    expect(h.emitted).toEqual([
      { at: 1_000_000, key: 'meter-1', value: 1 },
      { at: 1_000_000, key: 'gas-1', value: 10 },
      { at: 1_001_000, key: 'meter-1', value: 2 },
      { at: 1_001_000, key: 'gas-1', value: 11 },
    ]);
  });

  it('folds held values with the given function', () => {
    const h = harness(1000, (held, incoming) => Math.max(held, incoming));
    h.offer('meter-1', 5);
    h.offer('meter-1', 9);
    h.offer('meter-1', 7);
    h.advance(1000);
    expect(h.emitted.map((e) => e.value)).toEqual([5, 9]);
  });

  it('forgets a key whose window ended with nothing held, and then emits its next value at once', () => {
    const h = harness(1000);
    h.offer('meter-1', 1);
    expect(h.throttle.size).toBe(1);
    h.advance(1000);
    expect(h.throttle.size).toBe(0);
    expect(h.throttle.nextDueAt()).toBeNull();
    h.advance(5000);
    h.offer('meter-1', 2);
    expect(h.emitted).toEqual([
      { at: 1_000_000, key: 'meter-1', value: 1 },
      { at: 1_006_000, key: 'meter-1', value: 2 },
    ]);
  });

  it('emits a held value of a window that ended but was not collected yet together with the newcomer', () => {
    const clock = new ManualClock(0);
    const throttle = new TrailingThrottle<number[]>({ windowMs: 1000, fold: (a, b) => [...a, ...b] });
    expect(throttle.offer('meter-1', [1], clock.now())).toEqual([1]);
    expect(throttle.offer('meter-1', [2], clock.now())).toBeNull();
    clock.advance(1500); // the timer is late
    expect(throttle.offer('meter-1', [3], clock.now())).toEqual([2, 3]);
    expect(throttle.collect(clock.now())).toEqual([]);
  });

  it('keeps windows in order when the clock steps back', () => {
    const clock = new ManualClock(10_000);
    const throttle = new TrailingThrottle<number>({ windowMs: 1000 });
    throttle.offer('a', 1, clock.now());
    throttle.offer('a', 2, clock.now());
    clock.set(5_000);
    throttle.offer('b', 1, clock.now());
    throttle.offer('b', 2, clock.now());
    expect(throttle.nextDueAt()).toBe(11_000);
    expect(throttle.collect(10_999)).toEqual([]);
    expect(throttle.collect(11_000)).toEqual([
      ['a', 2],
      ['b', 2],
    ]);
  });

  it('lets everything through at once with a window of 0', () => {
    const h = harness(0);
    h.offer('meter-1', 1);
    h.offer('meter-1', 2);
    h.offer('meter-1', 3);
    expect(h.emitted.map((e) => e.value)).toEqual([1, 2, 3]);
    h.advance(1);
    expect(h.throttle.size).toBe(0);
  });

  it('refuses a negative or infinite window', () => {
    expect(() => new TrailingThrottle({ windowMs: -1 })).toThrow(RangeError);
    expect(() => new TrailingThrottle({ windowMs: Infinity })).toThrow(RangeError);
  });
});

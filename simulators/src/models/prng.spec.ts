import { Rng, Wander } from './prng';

describe('Rng', () => {
  it('repeats the same sequence for the same seed, and another for another seed', () => {
    const a = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.next()
      )(new Rng(42)),
    );
    const b = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.next()
      )(new Rng(42)),
    );
    const c = Array.from(
      { length: 5 },
      (
        (r) => () =>
          r.next()
      )(new Rng(43)),
    );
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('derives independent streams per label', () => {
    expect(Rng.derive(1, 'dev', 'values').next()).not.toBe(Rng.derive(1, 'dev', 'faults').next());
    expect(Rng.derive(1, 'dev', 'values').next()).toBe(Rng.derive(1, 'dev', 'values').next());
  });

  it('draws uniform values in [0, 1) and normals with the asked mean and spread', () => {
    const rng = new Rng('stats');
    const u = Array.from({ length: 20_000 }, () => rng.next());
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(u.reduce((s, x) => s + x, 0) / u.length).toBeCloseTo(0.5, 1);
    const n = Array.from({ length: 20_000 }, () => rng.normal(10, 2));
    const mean = n.reduce((s, x) => s + x, 0) / n.length;
    const sd = Math.sqrt(n.reduce((s, x) => s + (x - mean) ** 2, 0) / n.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeGreaterThan(1.9);
    expect(sd).toBeLessThan(2.1);
  });

  it('keeps int() within both bounds', () => {
    const rng = new Rng(3);
    const seen = new Set(Array.from({ length: 1000 }, () => rng.int(2, 8)));
    expect([...seen].sort()).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });
});

describe('Wander', () => {
  it('wanders around 0 with the asked spread, and correlates readings close in time', () => {
    const w = new Wander(new Rng(9), 1, 600_000);
    const xs = Array.from({ length: 20_000 }, (_, i) => w.at(i * 60_000));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.15);
    expect(sd).toBeGreaterThan(0.85);
    expect(sd).toBeLessThan(1.15);
    const steps = xs.slice(1).map((x, i) => Math.abs(x - xs[i]));
    // One minute against a 10-minute correlation time: consecutive readings stay close.
    expect(steps.reduce((s, x) => s + x, 0) / steps.length).toBeLessThan(0.4);
  });

  it('does not move when asked twice for the same time', () => {
    const w = new Wander(new Rng(1), 1, 1000);
    expect(w.at(5000)).toBe(w.at(5000));
  });
});

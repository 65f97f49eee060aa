/**
 * Seeded randomness for the engine's property tests: every run of a property is reproducible from its seed,
 * and a failing case names the seed. No dependency: mulberry32, a 32-bit generator good enough for test data.
 */
export type Rand = () => number;

export function mulberry32(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A float in [lo, hi). */
export const between = (rand: Rand, lo: number, hi: number): number => lo + (hi - lo) * rand();

/** An integer in [lo, hi]. */
export const intBetween = (rand: Rand, lo: number, hi: number): number =>
  lo + Math.floor(rand() * (hi - lo + 1));

export const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)];

/** One decimal, as sensors report, so exact hits on set points happen too. */
export const round1 = (x: number): number => Math.round(x * 10) / 10;

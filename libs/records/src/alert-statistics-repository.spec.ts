import { interpolatedPercentile } from './alert-statistics-repository';

/** percentile_cont as PostgreSQL documents it, on the whole sorted list. */
function percentileCont(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  return sorted[low] + (position - low) * (sorted[Math.ceil(position)] - sorted[low]);
}

/** The two rows the statistics query picks for tenths/10 (1-based ranks, integer arithmetic as in SQL). */
function neighbours(sorted: readonly number[], tenths: number): [number, number] {
  const n = sorted.length;
  const low = Math.trunc(((n - 1) * tenths) / 10) + 1;
  const high = Math.trunc(((n - 1) * tenths + (10 - 1)) / 10) + 1;
  return [sorted[low - 1], sorted[high - 1]];
}

describe('median and p90 from the two neighbouring rows, as percentile_cont', () => {
  it('gives the middle value of an odd count and the mean of the two middle ones of an even count', () => {
    expect(interpolatedPercentile(3, 5, 60, 60)).toBe(60);
    expect(interpolatedPercentile(4, 5, 60, 120)).toBe(90);
  });

  it('interpolates p90 between the ranks around (n − 1) × 0.9', () => {
    // n = 4: position 2.7 → 0.3 × row 3 + 0.7 × row 4.
    expect(interpolatedPercentile(4, 9, 100, 200)).toBeCloseTo(170, 9);
    // n = 31: position exactly 27, no interpolation (a float 0.9 × 30 would leave a fraction).
    expect(interpolatedPercentile(31, 9, 5, 999)).toBe(5);
  });

  it('agrees with percentile_cont on lists of every length from 1 to 60', () => {
    for (let n = 1; n <= 60; n++) {
      const sorted = Array.from({ length: n }, (_, i) => i * i * 7 + (i % 3) * 1000).sort((a, b) => a - b);
      for (const tenths of [5, 9]) {
        const [low, high] = neighbours(sorted, tenths);
        expect(interpolatedPercentile(n, tenths, low, high)).toBeCloseTo(
          percentileCont(sorted, tenths / 10),
          6,
        );
      }
    }
  });
});

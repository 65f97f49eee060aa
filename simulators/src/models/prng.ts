/**
 * A small seeded pseudo-random generator (sfc32, seeded through a 128-bit string hash) so that a simulation
 * is reproducible: the same seed and the same device id give the same readings, run after run.
 * Each device takes independent streams (`values`, `schedule`, `faults`) so that switching on a fault does
 * not change the values the device would otherwise have sent.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare: number | null = null;

  constructor(seed: string | number) {
    [this.a, this.b, this.c, this.d] = hash128(String(seed));
    // Discard the first outputs: sfc32 mixes its state over a few rounds.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** An independent generator derived from this seed and a label, e.g. `rng.fork('faults')`. */
  static derive(seed: string | number, ...labels: string[]): Rng {
    return new Rng([String(seed), ...labels].join('\u0000'));
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer uniform in [min, max] (both inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)];
  }

  /** Gaussian (Box–Muller, polar form). */
  normal(mean = 0, sd = 1): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return mean + sd * z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = this.next() * 2 - 1;
      v = this.next() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return mean + sd * u * f;
  }
}

/** cyrb128: a fast, well-mixed 128-bit string hash, used only to seed the generator. */
function hash128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * Mean-reverting noise (Ornstein–Uhlenbeck): slow, correlated wander around 0 with a stationary standard deviation
 * `sd` and correlation time `tauMs`. Real sensors drift like this; white noise alone looks fake on a chart.
 * Stepped with the reading's timestamp, so irregular intervals are handled exactly.
 */
export class Wander {
  private value: number;
  private lastTs: number | null = null;

  constructor(
    private readonly rng: Rng,
    private readonly sd: number,
    private readonly tauMs: number,
  ) {
    this.value = rng.normal(0, sd);
  }

  at(ts: number): number {
    if (this.lastTs !== null && ts > this.lastTs) {
      const decay = Math.exp(-(ts - this.lastTs) / this.tauMs);
      this.value = this.value * decay + this.rng.normal(0, this.sd * Math.sqrt(1 - decay * decay));
    }
    if (this.lastTs === null || ts > this.lastTs) this.lastTs = ts;
    return this.value;
  }
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Rounds to `digits` decimals; the result is what goes on the wire. */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

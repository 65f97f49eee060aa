/**
 * Sim time: wall-clock time, accelerated. `speed` 60 runs an hour of the park in a minute. The sim clock starts at
 * `simStart` when the fleet starts and advances `speed` ms per wall ms. Timestamps on the wire are sim time, so an
 * accelerated run must start in the past — by default it starts far enough back to reach "now" when it ends, so no
 * reading is ever ahead of the platform's clock (which would be rejected as TS_IN_FUTURE).
 */
import type { Clock } from '@park/clock';

export class SimClock implements Clock {
  private readonly wallStart: number;

  constructor(
    private readonly wall: Clock,
    readonly speed: number,
    readonly simStart: number,
  ) {
    if (!(speed > 0) || !Number.isFinite(speed))
      throw new Error(`speed must be a positive number, got ${speed}`);
    this.wallStart = wall.now();
  }

  now(): number {
    return Math.floor(this.simStart + (this.wall.now() - this.wallStart) * this.speed);
  }

  /** Wall-clock milliseconds until sim time `t` (0 when it has passed). */
  wallDelayUntil(t: number): number {
    return Math.max(0, (t - this.now()) / this.speed);
  }

  /** The real time, for what must be judged against the platform's clock. */
  wallNow(): number {
    return this.wall.now();
  }
}

/**
 * Where the sim clock starts: `start` if given; otherwise now, or — when accelerated — far enough in the past that
 * sim time reaches the wall clock when a run of `durationMs` ends.
 */
export function defaultSimStart(wallNow: number, speed: number, durationMs: number | null): number {
  if (speed <= 1 || durationMs === null) return wallNow;
  return Math.round(wallNow - (speed - 1) * durationMs);
}

/**
 * Per-key throttle with a leading and a trailing edge, as pure logic: the caller passes the time and runs the
 * timer (telemetry-fanout.service.ts). A key's first value goes out at once and opens a window of `windowMs`;
 * values offered while the window is open are folded into one held value, which goes out when the window ends
 * (`collect`) and opens the next window. So a key emits at most once per window, and the newest value offered is
 * never lost: it goes out at the latest one window after it arrived. A window that ends with nothing held closes,
 * and the key is forgotten (memory follows the keys active in the last window, not every key ever seen).
 */
export interface TrailingThrottleOptions<T> {
  /** Shortest time between two emits of one key; 0 lets every value through at once. */
  readonly windowMs: number;
  /** What to hold when `incoming` arrives while `held` waits for the window's end. Default: `incoming`. */
  readonly fold?: (held: T, incoming: T) => T;
}

interface Window<T> {
  readonly endsAt: number;
  held: T | null;
}

export class TrailingThrottle<T> {
  private readonly windowMs: number;
  private readonly fold: (held: T, incoming: T) => T;
  /** Insertion order is `endsAt` order: every window is (re)inserted with `endsAt` = latest time + windowMs. */
  private readonly windows = new Map<string, Window<T>>();
  /** The latest time seen: windows end in the order they opened even if the clock steps back. */
  private latest = Number.NEGATIVE_INFINITY;

  constructor(options: TrailingThrottleOptions<T>) {
    if (!Number.isFinite(options.windowMs) || options.windowMs < 0) {
      throw new RangeError(`windowMs must be a finite number >= 0, got ${options.windowMs}`);
    }
    this.windowMs = options.windowMs;
    this.fold = options.fold ?? ((_held, incoming) => incoming);
  }

  /** Returns the value to emit now, or null when it is held until the key's window ends. */
  offer(key: string, value: T, now: number): T | null {
    this.latest = Math.max(this.latest, now);
    const window = this.windows.get(key);
    if (window && this.latest < window.endsAt) {
      window.held = window.held === null ? value : this.fold(window.held, value);
      return null;
    }
    // No open window, or one that ended but was not collected yet: emit, including whatever it still held.
    const out = window?.held != null ? this.fold(window.held, value) : value;
    this.open(key);
    return out;
  }

  /** The values whose window ended by `now`, oldest window first; each one emitted opens its key's next window. */
  collect(now: number): Array<readonly [key: string, value: T]> {
    this.latest = Math.max(this.latest, now);
    const due: Array<readonly [string, T]> = [];
    for (const [key, window] of this.windows) {
      if (window.endsAt > this.latest) break;
      this.windows.delete(key);
      if (window.held !== null) due.push([key, window.held]);
    }
    for (const [key] of due) this.open(key);
    return due;
  }

  /** When the earliest open window ends (when to call `collect` next), or null when no window is open. */
  nextDueAt(): number | null {
    for (const window of this.windows.values()) return window.endsAt;
    return null;
  }

  /** Keys with an open window. */
  get size(): number {
    return this.windows.size;
  }

  private open(key: string): void {
    this.windows.delete(key);
    this.windows.set(key, { endsAt: this.latest + this.windowMs, held: null });
  }
}

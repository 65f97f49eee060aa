/** How the broker slows password guessing from one client address. */
export interface AuthThrottleOptions {
  /** Failed logins an address may have before it is slowed at all (a device with a typo is not). */
  readonly freeFailures: number;
  /** An address's failures are forgotten once it has had none for this long. */
  readonly windowMs: number;
  /** Delay before checking the first attempt over `freeFailures`; doubles with each further failure. */
  readonly baseDelayMs: number;
  /** The delay never exceeds this, so a device sharing the address with a guesser still gets in. */
  readonly maxDelayMs: number;
  /** Attempts of a slowed address that may wait their turn; more are refused at once without a check. */
  readonly maxQueued: number;
  /** Addresses remembered at most (the oldest are forgotten first), so the throttle's memory is bounded. */
  readonly maxAddresses: number;
}

/**
 * Defaults. A queued attempt waits at most `maxQueued × maxDelayMs` (8 s), inside the 10 s a connection has to log
 * in (DEFAULT_MQTT_CONNECTION_LIMITS.preAuthTimeoutMs), so the real device's attempt is checked, not cut off.
 */
export const DEFAULT_AUTH_THROTTLE: AuthThrottleOptions = {
  freeFailures: 5,
  windowMs: 10 * 60_000,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxQueued: 2,
  maxAddresses: 10_000,
};

/** The outcome of asking to check a password: go ahead (then report the result with `done`), or don't. */
export type AuthTurn =
  | { readonly outcome: 'go'; readonly delayedMs: number; done(succeeded: boolean): void }
  | { readonly outcome: 'busy' | 'gone' };

interface AddressState {
  failures: number;
  lastFailureAt: number;
  /** Resolves when the attempt ahead of the next one has been checked. */
  tail: Promise<void>;
  queued: number;
}

/**
 * Progressive delay per client address for MQTT logins. While an address has fewer than `freeFailures` recent
 * failures its attempts are checked at once. Past that, its attempts are checked one at a time, each after a
 * delay that doubles per failure up to `maxDelayMs`, and at most `maxQueued` may wait — so parallel connections
 * do not multiply the guessing rate, which stays at about one guess per `maxDelayMs` per address. A real device
 * behind the same address is slowed, never locked out: its attempt is checked after at most the queue's wait.
 * A success does not clear the address's failures (a device logging in from behind the guesser's NAT must not
 * reset the guesser's count); they are forgotten only after `windowMs` without a failure.
 */
export class AuthThrottle {
  private readonly addresses = new Map<string, AddressState>();

  constructor(
    private readonly options: AuthThrottleOptions = DEFAULT_AUTH_THROTTLE,
    private readonly now: () => number = Date.now,
  ) {}

  /** Recent failures of an address (0 once forgotten). */
  failures(address: string): number {
    const state = this.addresses.get(address);
    if (!state || this.now() - state.lastFailureAt > this.options.windowMs) return 0;
    return state.failures;
  }

  /**
   * Waits for the address's turn to have a password checked. `alive` is asked before and after waiting: a
   * connection that closed meanwhile gives up its turn (`gone`) instead of holding the queue.
   */
  async turn(address: string, alive: () => boolean): Promise<AuthTurn> {
    const state = this.state(address);
    if (state.failures < this.options.freeFailures) {
      return { outcome: 'go', delayedMs: 0, done: (ok) => this.record(address, ok) };
    }
    if (state.queued >= this.options.maxQueued) return { outcome: 'busy' };
    state.queued++;
    const ahead = state.tail;
    let release!: () => void;
    state.tail = new Promise<void>((resolve) => (release = resolve));
    await ahead;
    const delayMs = Math.min(
      this.options.baseDelayMs * 2 ** Math.min(state.failures - this.options.freeFailures, 20),
      this.options.maxDelayMs,
    );
    if (alive()) await sleep(delayMs);
    state.queued--;
    if (!alive()) {
      release();
      return { outcome: 'gone' };
    }
    return {
      outcome: 'go',
      delayedMs: delayMs,
      done: (ok) => {
        this.record(address, ok);
        release();
      },
    };
  }

  private record(address: string, succeeded: boolean): void {
    if (succeeded) return;
    const state = this.state(address);
    state.failures++;
    state.lastFailureAt = this.now();
  }

  private state(address: string): AddressState {
    const now = this.now();
    let state = this.addresses.get(address);
    if (state && state.queued === 0 && now - state.lastFailureAt > this.options.windowMs) {
      state.failures = 0;
    }
    if (!state) {
      state = { failures: 0, lastFailureAt: now, tail: Promise.resolve(), queued: 0 };
      this.addresses.set(address, state);
      this.prune(now);
    }
    return state;
  }

  /** Forgets quiet addresses, then the oldest, so at most `maxAddresses` are kept. */
  private prune(now: number): void {
    if (this.addresses.size <= this.options.maxAddresses) return;
    for (const [address, state] of this.addresses) {
      if (state.queued === 0 && now - state.lastFailureAt > this.options.windowMs)
        this.addresses.delete(address);
    }
    for (const [address, state] of this.addresses) {
      if (this.addresses.size <= this.options.maxAddresses) break;
      if (state.queued === 0) this.addresses.delete(address);
    }
  }
}

/**
 * The throttle's key for a client address: an IPv4 address as is (also when the socket reports it IPv4-mapped,
 * `::ffff:a.b.c.d`), an IPv6 address by its /64 prefix — one host usually holds a whole /64, so keying by the
 * full address would let a guesser take a fresh key for every attempt.
 */
export function throttleKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(':')) return address;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

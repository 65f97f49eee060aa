import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@park/clock';

const WINDOW_MS = 5 * 60_000;
const MAX_FAILURES = 5;

/** At most 5 failed logins per username and per client address in 5 minutes (in-memory, per API instance). */
@Injectable()
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  isBlocked(keys: readonly string[]): boolean {
    const since = this.clock.now() - WINDOW_MS;
    return keys.some((k) => (this.failures.get(k) ?? []).filter((t) => t > since).length >= MAX_FAILURES);
  }

  recordFailure(keys: readonly string[]): void {
    const now = this.clock.now();
    for (const k of keys) {
      const recent = (this.failures.get(k) ?? []).filter((t) => t > now - WINDOW_MS);
      recent.push(now);
      this.failures.set(k, recent);
    }
  }

  reset(keys: readonly string[]): void {
    for (const k of keys) this.failures.delete(k);
  }
}

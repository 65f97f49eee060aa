import { isIPv4, isIPv6 } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@park/clock';

/**
 * The login throttle (docs/security-auth.md "Login throttle"): it slows password guessing without locking out the
 * real user or everyone behind one address.
 *
 * - Every attempt counts as a failure when it starts (so parallel attempts see each other) and is taken back
 *   when it succeeds; failures are remembered for an hour per username, per client address and per pair of both.
 * - An attempt waits before its password is checked: the wait grows with the failures of the last 15 minutes of
 *   its username (after 3 free) and of its address (after 10 free: an office NAT's users all mistype), doubling
 *   from 0.5 s to at most 8 s. The right password still gets in, after at most that wait.
 * - Only the pair (this address guessing this username) is ever refused outright, and only at a rate no person
 *   types: 30 failures in an hour.
 * - A success clears the failures of its own pair only: it does not clear another user's, nor those others made
 *   on the same username or from the same address.
 *
 * Hand-written rather than rate-limiter-flexible (11.x): that library's windows read Date.now() and its own
 * timers, so the injected Clock could not drive it, and the policy here — a wait that grows, a refusal for the
 * pair only, a success that takes back only its own attempt — would be written on top of it anyway. State is in
 * memory per API instance, as before: behind several instances an attacker's budget is that many times larger.
 */
export const LOGIN_WINDOW_MS = 15 * 60_000;
export const PAIR_WINDOW_MS = 60 * 60_000;
export const PAIR_LIMIT = 30;
export const USER_FREE_FAILURES = 3;
export const ADDRESS_FREE_FAILURES = 10;
export const BASE_DELAY_MS = 500;
export const MAX_DELAY_MS = 8_000;
/** Most keys kept; past it the least recently failed are forgotten first. */
const MAX_KEYS = 100_000;
/** Most failures kept per key (more than any threshold above needs). */
const MAX_PER_KEY = 64;

export interface LoginAttempt {
  readonly username: string;
  readonly address: string;
}

/** What an attempt may do: be refused (the pair's hard limit), or go on after `delayMs`. */
export type Admission =
  | { readonly refused: true; readonly retryAfterMs: number }
  | { readonly refused: false; readonly delayMs: number; readonly ticket: AttemptTicket };

/** Hands a started attempt back to the limiter when it succeeds. */
export interface AttemptTicket {
  readonly keys: { readonly user: string; readonly address: string; readonly pair: string };
  readonly at: number;
}

/** Delay for `failures` recent failures with `free` of them free: 0, then 0.5 s doubling to 8 s. */
export function delayFor(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - free));
}

/**
 * The address a throttle key uses: an IPv4 address (also when IPv4-mapped), or the /64 network of an IPv6 one
 * (one subscriber is usually given a whole /64, so counting single IPv6 addresses would count nothing).
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const front = head ? head.split(':') : [];
  const back = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back]
    : front;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

@Injectable()
export class LoginLimiter {
  /** Failure times per key, oldest first; the Map is kept in order of each key's latest failure. */
  private readonly failures = new Map<string, number[]>();

  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  /** Starts an attempt: counts it as a failure until `succeeded`, and says whether and after how long it may go. */
  admit(attempt: LoginAttempt): Admission {
    const now = this.clock.now();
    this.forgetStale(now);
    const address = addressKey(attempt.address);
    const username = attempt.username.trim().toLowerCase();
    const keys = { user: `u:${username}`, address: `a:${address}`, pair: `p:${address}|${username}` };
    const pairFailures = this.recent(keys.pair, now, PAIR_WINDOW_MS);
    if (pairFailures.length >= PAIR_LIMIT) {
      // Refused until enough of the pair's failures are an hour old to bring it under the limit.
      const oldestCounting = pairFailures[pairFailures.length - PAIR_LIMIT];
      return { refused: true, retryAfterMs: Math.max(1000, oldestCounting + PAIR_WINDOW_MS - now) };
    }
    const delayMs = Math.max(
      delayFor(this.recent(keys.user, now, LOGIN_WINDOW_MS).length, USER_FREE_FAILURES),
      delayFor(this.recent(keys.address, now, LOGIN_WINDOW_MS).length, ADDRESS_FREE_FAILURES),
    );
    for (const key of Object.values(keys)) this.add(key, now);
    return { refused: false, delayMs, ticket: { keys, at: now } };
  }

  /** The attempt succeeded: it was no failure, and its pair (this user from this address) starts afresh. */
  succeeded(ticket: AttemptTicket): void {
    this.failures.delete(ticket.keys.pair);
    for (const key of [ticket.keys.user, ticket.keys.address]) {
      const times = this.failures.get(key);
      const i = times?.lastIndexOf(ticket.at) ?? -1;
      if (times && i >= 0) {
        times.splice(i, 1);
        if (times.length === 0) this.failures.delete(key);
      }
    }
  }

  private recent(key: string, now: number, window: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - window);
  }

  private add(key: string, now: number): void {
    const times = (this.failures.get(key) ?? []).filter((t) => t > now - PAIR_WINDOW_MS);
    times.push(now);
    if (times.length > MAX_PER_KEY) times.splice(0, times.length - MAX_PER_KEY);
    // Re-inserted so that the Map's first keys are the ones that failed longest ago.
    this.failures.delete(key);
    this.failures.set(key, times);
    while (this.failures.size > MAX_KEYS) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }

  /** Drops keys whose last failure is over an hour old, a few at a time from the oldest (amortised O(1)). */
  private forgetStale(now: number): void {
    let checked = 0;
    for (const [key, times] of this.failures) {
      if (checked++ >= 8) break;
      if (times[times.length - 1] > now - PAIR_WINDOW_MS) break;
      this.failures.delete(key);
    }
  }
}

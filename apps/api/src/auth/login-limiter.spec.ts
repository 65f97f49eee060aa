import { ManualClock } from '@park/clock';
import {
  addressKey,
  LoginLimiter,
  LOGIN_WINDOW_MS,
  MAX_DELAY_MS,
  PAIR_LIMIT,
  PAIR_WINDOW_MS,
  type Admission,
  type LoginAttempt,
} from './login-limiter';

const OFFICE = '10.0.0.1';
const HOME = '192.0.2.7';

function setup() {
  const clock = new ManualClock(1_800_000_000_000);
  const limiter = new LoginLimiter(clock);
  /** One attempt that fails: its admission. */
  const fail = (attempt: LoginAttempt): Admission => limiter.admit(attempt);
  /** One attempt that succeeds: its admission (the ticket handed back). */
  const succeed = (attempt: LoginAttempt): Admission => {
    const admission = limiter.admit(attempt);
    if (!admission.refused) limiter.succeeded(admission.ticket);
    return admission;
  };
  const delayOf = (admission: Admission) => (admission.refused ? Infinity : admission.delayMs);
  return { clock, limiter, fail, succeed, delayOf };
}

describe('login throttle: slows guessing, never locks out the real user or a shared address', () => {
  it('lets the first three failures through at once, then waits 0.5 s doubling to at most 8 s', () => {
    const { fail, delayOf } = setup();
    const delays = Array.from({ length: 10 }, () => delayOf(fail({ username: 'wang', address: HOME })));
    expect(delays).toEqual([0, 0, 0, 500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('lets the real user in with the right password after five wrong ones, after a wait, not a lockout', () => {
    const { fail, succeed, delayOf } = setup();
    for (let i = 0; i < 5; i++) fail({ username: 'wang', address: HOME });
    const admission = succeed({ username: 'wang', address: HOME });
    expect(admission.refused).toBe(false);
    expect(delayOf(admission)).toBe(2000);
    // Their own pair starts afresh; the username's failures stay until they age out.
    expect(delayOf(succeed({ username: 'wang', address: HOME }))).toBe(2000);
  });

  it("does not clear another user's failures when one user signs in from the same address", () => {
    const { fail, succeed, delayOf } = setup();
    for (let i = 0; i < 6; i++) fail({ username: 'victim', address: OFFICE });
    succeed({ username: 'attacker', address: OFFICE });
    succeed({ username: 'attacker', address: OFFICE });
    expect(delayOf(fail({ username: 'victim', address: OFFICE }))).toBe(4000);
  });

  it('does not let a success clear the failures others made on the same username from elsewhere', () => {
    const { fail, succeed, delayOf } = setup();
    for (let i = 0; i < 6; i++) fail({ username: 'wang', address: `198.51.100.${i}` });
    succeed({ username: 'wang', address: HOME });
    expect(delayOf(fail({ username: 'wang', address: '203.0.113.9' }))).toBe(4000);
  });

  it('never refuses a shared address: many users mistyping behind one NAT only wait, and at most 8 s', () => {
    const { fail, succeed, delayOf } = setup();
    for (let i = 0; i < 200; i++) fail({ username: `user${i}`, address: OFFICE });
    const colleague = succeed({ username: 'li', address: OFFICE });
    expect(colleague.refused).toBe(false);
    expect(delayOf(colleague)).toBe(MAX_DELAY_MS);
    // Ten free failures per address before any wait (an office's users all mistype now and then).
    const quiet = setup();
    const delays = Array.from({ length: 11 }, (_, i) =>
      quiet.delayOf(quiet.fail({ username: `user${i}`, address: OFFICE })),
    );
    expect(delays).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 500]);
  });

  it('refuses outright only one address guessing one username at a rate no person types, for an hour at most', () => {
    const { clock, fail, succeed } = setup();
    for (let i = 0; i < PAIR_LIMIT; i++) {
      clock.advance(1000);
      expect(fail({ username: 'wang', address: '203.0.113.5' }).refused).toBe(false);
    }
    const refused = fail({ username: 'wang', address: '203.0.113.5' });
    expect(refused).toMatchObject({ refused: true });
    expect(refused.refused && refused.retryAfterMs).toBeLessThanOrEqual(PAIR_WINDOW_MS);
    expect(refused.refused && refused.retryAfterMs).toBeGreaterThan(PAIR_WINDOW_MS - 60_000);
    // The real user from their own address, and anyone else from the attacker's, still get in.
    expect(succeed({ username: 'wang', address: HOME }).refused).toBe(false);
    expect(succeed({ username: 'li', address: '203.0.113.5' }).refused).toBe(false);
    // Refused attempts do not count: once the first failure is an hour old, the pair may try again.
    clock.advance(PAIR_WINDOW_MS - PAIR_LIMIT * 1000 + 1001);
    expect(fail({ username: 'wang', address: '203.0.113.5' }).refused).toBe(false);
  });

  it('counts an attempt as it starts, so parallel guesses wait for one another', () => {
    const { limiter, delayOf } = setup();
    const parallel = Array.from({ length: 6 }, () => limiter.admit({ username: 'wang', address: HOME }));
    expect(parallel.map(delayOf)).toEqual([0, 0, 0, 500, 1000, 2000]);
  });

  it('forgets failures after 15 minutes for the wait', () => {
    const { clock, fail, delayOf } = setup();
    for (let i = 0; i < 8; i++) fail({ username: 'wang', address: HOME });
    clock.advance(LOGIN_WINDOW_MS + 1);
    expect(delayOf(fail({ username: 'wang', address: HOME }))).toBe(0);
  });

  it('treats a username alike whatever its case', () => {
    const { fail, delayOf } = setup();
    for (let i = 0; i < 4; i++) fail({ username: 'Wang', address: HOME });
    expect(delayOf(fail({ username: 'WANG ', address: HOME }))).toBe(1000);
  });

  it('keys an IPv4-mapped address as IPv4 and an IPv6 address by its /64', () => {
    expect(addressKey('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(addressKey('10.0.0.1')).toBe('10.0.0.1');
    expect(addressKey('2001:db8:0:1:aaaa::1')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:db8:0:1:bbbb:cccc:dddd:eeee')).toBe('2001:db8:0:1::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});

import { AuthThrottle, throttleKey, type AuthThrottleOptions } from './auth-throttle';

const OPTIONS: AuthThrottleOptions = {
  freeFailures: 2,
  windowMs: 60_000,
  baseDelayMs: 1,
  maxDelayMs: 4,
  maxQueued: 2,
  maxAddresses: 3,
};

describe('AuthThrottle', () => {
  let now = 0;
  const throttle = () => new AuthThrottle(OPTIONS, () => now);
  const alive = () => true;

  beforeEach(() => (now = 1_000));

  async function fail(t: AuthThrottle, address: string): Promise<number> {
    const turn = await t.turn(address, alive);
    if (turn.outcome !== 'go') throw new Error(turn.outcome);
    turn.done(false);
    return turn.delayedMs;
  }

  it('lets the free failures through at once, then delays progressively up to the cap', async () => {
    const t = throttle();
    expect(await fail(t, 'a')).toBe(0);
    expect(await fail(t, 'a')).toBe(0);
    expect([await fail(t, 'a'), await fail(t, 'a'), await fail(t, 'a'), await fail(t, 'a')]).toEqual([
      1, 2, 4, 4,
    ]);
    // Another address is not affected.
    expect(await fail(t, 'b')).toBe(0);
  });

  it('does not clear an address on success, and forgets it after a quiet window', async () => {
    const t = throttle();
    await fail(t, 'a');
    await fail(t, 'a');
    const ok = await t.turn('a', alive);
    if (ok.outcome !== 'go') throw new Error(ok.outcome);
    ok.done(true);
    expect(t.failures('a')).toBe(2);
    now += OPTIONS.windowMs + 1;
    expect(t.failures('a')).toBe(0);
    expect(await fail(t, 'a')).toBe(0);
  });

  it('checks a slowed address one attempt at a time and refuses beyond the queue', async () => {
    const t = throttle();
    await fail(t, 'a');
    await fail(t, 'a');
    const turns = [t.turn('a', alive), t.turn('a', alive), t.turn('a', alive)];
    const third = await turns[2];
    expect(third.outcome).toBe('busy');
    const first = await turns[0];
    if (first.outcome !== 'go') throw new Error(first.outcome);
    let secondDone = false;
    void turns[1].then(() => (secondDone = true));
    await new Promise((r) => setTimeout(r, 20));
    // The second waits for the first to be checked.
    expect(secondDone).toBe(false);
    first.done(false);
    const second = await turns[1];
    expect(second.outcome).toBe('go');
  });

  it('gives up the turn of a connection that closed while waiting', async () => {
    const t = throttle();
    await fail(t, 'a');
    await fail(t, 'a');
    expect((await t.turn('a', () => false)).outcome).toBe('gone');
    expect((await t.turn('a', alive)).outcome).toBe('go');
  });

  it('remembers at most maxAddresses addresses', async () => {
    const t = throttle();
    for (const address of ['a', 'b', 'c', 'd', 'e']) await fail(t, address);
    expect(['a', 'b', 'c', 'd', 'e'].filter((a) => t.failures(a) > 0)).toEqual(['c', 'd', 'e']);
  });
});

describe('throttleKey', () => {
  it('keys IPv4 by address (mapped or not) and IPv6 by its /64', () => {
    expect(throttleKey('192.0.2.7')).toBe('192.0.2.7');
    expect(throttleKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(throttleKey('2001:db8:0:12:abcd::1')).toBe('2001:db8:0:12::/64');
    expect(throttleKey('2001:0db8:0000:0012:ffff:1:2:3')).toBe('2001:db8:0:12::/64');
    expect(throttleKey('::1')).toBe('0:0:0:0::/64');
    expect(throttleKey('fe80::1')).toBe('fe80:0:0:0::/64');
  });
});

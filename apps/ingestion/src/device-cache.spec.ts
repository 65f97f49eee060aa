import { ManualClock } from '@park/clock';
import type { DeviceProfile } from '@park/records';
import { DeviceCache, type DeviceLookup } from './device-cache';

const TTL = 30_000;

function profile(id: string, overrides: Partial<DeviceProfile> = {}): DeviceProfile {
  return {
    id,
    name: `设备 ${id}`,
    kind: 'combustible-gas',
    role: null,
    line: null,
    location: null,
    enabled: true,
    expectedIntervalS: 60,
    enterpriseId: 'ent-1',
    enterpriseName: '示例化工有限公司',
    contactName: null,
    contactPhone: null,
    ...overrides,
  };
}

/** Stands in for the records repository: counts queries, and can hold a query open until told to answer. */
class FakeLookup implements DeviceLookup {
  readonly calls: string[] = [];
  readonly devices = new Map<string, DeviceProfile>();
  failNext: Error | null = null;
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;

  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = null;
  }

  async findProfile(id: string): Promise<DeviceProfile | null> {
    this.calls.push(id);
    if (this.gate) await this.gate;
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
    return this.devices.get(id) ?? null;
  }

  readonly bulkCalls: string[][] = [];

  async findProfiles(ids: readonly string[]): Promise<Map<string, DeviceProfile>> {
    this.bulkCalls.push([...ids]);
    if (this.gate) await this.gate;
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
    return new Map(ids.flatMap((id) => (this.devices.has(id) ? [[id, this.devices.get(id)!]] : [])));
  }
}

describe('DeviceCache', () => {
  let lookup: FakeLookup;
  let clock: ManualClock;
  let cache: DeviceCache;

  beforeEach(() => {
    lookup = new FakeLookup();
    lookup.devices.set('gas-01', profile('gas-01'));
    lookup.devices.set('gas-02', profile('gas-02'));
    clock = new ManualClock(1_000_000);
    cache = new DeviceCache(lookup, clock, TTL);
  });

  it('answers repeat lookups within the TTL from the cache', async () => {
    await expect(cache.get('gas-01')).resolves.toEqual(profile('gas-01'));
    clock.advance(TTL - 1);
    await expect(cache.get('gas-01')).resolves.toEqual(profile('gas-01'));
    expect(lookup.calls).toEqual(['gas-01']);
  });

  it('once the TTL has passed, answers the enabled device from the cache while it asks again, then sees the change', async () => {
    await cache.get('gas-01');
    lookup.devices.set('gas-01', profile('gas-01', { enabled: false }));
    clock.advance(TTL);
    lookup.hold();
    await expect(cache.get('gas-01')).resolves.toMatchObject({ enabled: true });
    await expect(cache.get('gas-01')).resolves.toMatchObject({ enabled: true }); // the refresh is shared
    lookup.release();
    await new Promise((resolve) => setImmediate(resolve));
    await expect(cache.get('gas-01')).resolves.toMatchObject({ enabled: false });
    expect(lookup.calls).toEqual(['gas-01', 'gas-01']);
  });

  it('never answers a disabled device from an expired entry: that lookup waits for the records', async () => {
    lookup.devices.set('gas-01', profile('gas-01', { enabled: false }));
    await cache.get('gas-01');
    lookup.devices.set('gas-01', profile('gas-01', { enabled: true }));
    clock.advance(TTL);
    await expect(cache.get('gas-01')).resolves.toMatchObject({ enabled: true });
  });

  it('counts the TTL from when the answer arrived', async () => {
    lookup.hold();
    const first = cache.get('gas-01');
    clock.advance(5_000); // a slow query
    lookup.release();
    await first;
    clock.advance(TTL - 1);
    await cache.get('gas-01');
    expect(lookup.calls).toHaveLength(1);
  });

  it('lets concurrent lookups of one device share a single query', async () => {
    lookup.hold();
    const pending = [cache.get('gas-01'), cache.get('gas-01'), cache.get('gas-01')];
    lookup.release();
    const results = await Promise.all(pending);
    expect(results).toEqual([profile('gas-01'), profile('gas-01'), profile('gas-01')]);
    expect(lookup.calls).toEqual(['gas-01']);
  });

  it('keeps devices apart: one query per id', async () => {
    const [a, b] = await Promise.all([cache.get('gas-01'), cache.get('gas-02')]);
    expect([a?.id, b?.id]).toEqual(['gas-01', 'gas-02']);
    expect(lookup.calls.sort()).toEqual(['gas-01', 'gas-02']);
  });

  it('caches unknown devices too, so a flood from an unknown id costs one query per TTL', async () => {
    for (let i = 0; i < 100; i++) await expect(cache.get('intruder')).resolves.toBeNull();
    expect(lookup.calls).toEqual(['intruder']);
    clock.advance(TTL);
    await cache.get('intruder');
    expect(lookup.calls).toEqual(['intruder', 'intruder']);
  });

  it('finds a device registered after it was cached as unknown, once the TTL has passed', async () => {
    await expect(cache.get('gas-03')).resolves.toBeNull();
    lookup.devices.set('gas-03', profile('gas-03'));
    clock.advance(TTL);
    await expect(cache.get('gas-03')).resolves.toEqual(profile('gas-03'));
  });

  it('invalidate(id) makes the next lookup of that device query again, and leaves the others cached', async () => {
    await Promise.all([cache.get('gas-01'), cache.get('gas-02')]);
    lookup.devices.set('gas-01', profile('gas-01', { enabled: false }));
    cache.invalidate('gas-01');
    await expect(cache.get('gas-01')).resolves.toMatchObject({ enabled: false });
    await cache.get('gas-02');
    expect(lookup.calls.filter((id) => id === 'gas-01')).toHaveLength(2);
    expect(lookup.calls.filter((id) => id === 'gas-02')).toHaveLength(1);
  });

  it('invalidate() with no id drops every entry', async () => {
    await Promise.all([cache.get('gas-01'), cache.get('gas-02')]);
    cache.invalidate();
    await Promise.all([cache.get('gas-01'), cache.get('gas-02')]);
    expect(lookup.calls).toHaveLength(4);
  });

  it('does not cache a failed query: every waiter sees the error, and the next lookup retries', async () => {
    lookup.failNext = new Error('connection terminated');
    lookup.hold();
    const pending = [cache.get('gas-01'), cache.get('gas-01')];
    lookup.release();
    await expect(pending[0]).rejects.toThrow('connection terminated');
    await expect(pending[1]).rejects.toThrow('connection terminated');
    await expect(cache.get('gas-01')).resolves.toEqual(profile('gas-01'));
    expect(lookup.calls).toEqual(['gas-01', 'gas-01']);
  });

  it('does not cache the stale answer of a lookup that was under way when the device changed', async () => {
    lookup.hold();
    const stale = cache.get('gas-01');
    lookup.devices.set('gas-01', profile('gas-01', { enabled: false }));
    cache.invalidate('gas-01'); // the device-changed event arrives while the old answer is in flight
    lookup.release();
    await stale;
    await expect(cache.get('gas-01')).resolves.toMatchObject({ enabled: false });
    expect(lookup.calls).toEqual(['gas-01', 'gas-01']);
  });

  describe('prefetch: a batch of devices in one query', () => {
    it('loads every missing device at once; the messages then read the cache', async () => {
      await cache.prefetch(['gas-01', 'gas-02', 'gas-01', 'nobody']);
      expect(lookup.bulkCalls).toEqual([['gas-01', 'gas-02', 'nobody']]);
      await expect(cache.get('gas-02')).resolves.toEqual(profile('gas-02'));
      await expect(cache.get('nobody')).resolves.toBeNull();
      expect(lookup.calls).toEqual([]);
    });

    it('asks only for what is not cached, and again once it has expired', async () => {
      await cache.get('gas-01');
      await cache.prefetch(['gas-01', 'gas-02', 'gas-03']);
      expect(lookup.bulkCalls).toEqual([['gas-02', 'gas-03']]);
      await cache.prefetch(['gas-01', 'gas-02']);
      expect(lookup.bulkCalls).toHaveLength(1);
      clock.advance(TTL);
      await cache.prefetch(['gas-01', 'gas-02']);
      expect(lookup.bulkCalls).toEqual([
        ['gas-02', 'gas-03'],
        ['gas-01', 'gas-02'],
      ]);
    });

    it('does not hold the batch for a refresh of expired enabled devices; unknown ones it waits for', async () => {
      await cache.prefetch(['gas-01', 'gas-02', 'gas-03']); // gas-03 is unknown
      lookup.devices.set('gas-03', profile('gas-03'));
      clock.advance(TTL);
      lookup.hold();
      let done = false;
      const prefetching = cache.prefetch(['gas-01', 'gas-02', 'gas-03']).then(() => (done = true));
      await new Promise((resolve) => setImmediate(resolve));
      expect(done).toBe(false); // waiting for gas-03, the unknown one
      await expect(cache.get('gas-01')).resolves.toEqual(profile('gas-01'));
      lookup.release();
      await prefetching;
      expect(lookup.bulkCalls.slice(1)).toEqual([['gas-01', 'gas-02']]);
      expect(lookup.calls).toEqual(['gas-03']); // one id: a plain lookup
      await expect(cache.get('gas-03')).resolves.toEqual(profile('gas-03'));
    });

    it('a lookup while the bulk query is under way shares it', async () => {
      lookup.hold();
      const prefetching = cache.prefetch(['gas-01', 'gas-02']);
      const one = cache.get('gas-02');
      lookup.release();
      await prefetching;
      await expect(one).resolves.toEqual(profile('gas-02'));
      expect(lookup.calls).toEqual([]);
    });

    it('caches nothing when the bulk query fails: the next lookup asks again', async () => {
      lookup.failNext = new Error('connection terminated');
      await cache.prefetch(['gas-01', 'gas-02']);
      await new Promise((resolve) => setImmediate(resolve));
      await expect(cache.get('gas-01')).resolves.toEqual(profile('gas-01'));
      expect(lookup.calls).toEqual(['gas-01']);
    });

    it('does not cache a bulk answer that was under way when a device changed', async () => {
      lookup.hold();
      const prefetching = cache.prefetch(['gas-01', 'gas-02']);
      lookup.devices.set('gas-01', profile('gas-01', { enabled: false }));
      cache.invalidate('gas-01');
      lookup.release();
      await prefetching;
      await expect(cache.get('gas-01')).resolves.toMatchObject({ enabled: false });
      expect(lookup.calls).toEqual(['gas-01']);
    });
  });

  it('spreads lifetimes over ttl × (1 ± jitter), so devices first seen together expire a few at a time', async () => {
    const draws = [0, 1, 0.5];
    const jittered = new DeviceCache(lookup, clock, TTL, 0.25, () => draws.shift() ?? 0.5);
    lookup.devices.set('gas-03', profile('gas-03'));
    await jittered.prefetch(['gas-01', 'gas-02', 'gas-03']);
    lookup.devices.set('gas-01', profile('gas-01', { enabled: false }));
    lookup.devices.set('gas-02', profile('gas-02', { enabled: false }));
    lookup.devices.set('gas-03', profile('gas-03', { enabled: false }));
    clock.advance(0.75 * TTL); // gas-01 (0.75 × TTL) has expired; gas-02 (1.25) and gas-03 (1.0) have not
    await jittered.prefetch(['gas-01', 'gas-02', 'gas-03']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(lookup.calls).toEqual(['gas-01']);
    await expect(jittered.get('gas-01')).resolves.toMatchObject({ enabled: false });
    await expect(jittered.get('gas-02')).resolves.toMatchObject({ enabled: true });
  });
});

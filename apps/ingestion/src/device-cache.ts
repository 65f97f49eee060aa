import type { Clock } from '@park/clock';
import type { DeviceProfile } from '@park/records';

export interface DeviceLookup {
  findProfile(id: string): Promise<DeviceProfile | null>;
  /** Many at once (one query); without it, `prefetch` looks them up one by one, concurrently. */
  findProfiles?(ids: readonly string[]): Promise<Map<string, DeviceProfile>>;
}

/**
 * Device profiles cached for `ttlMs` (unknown devices too, so a flood from an unknown id costs one query per TTL).
 * Concurrent lookups of one id share a single query. `invalidate` is the hook for device-change events, which is
 * how a change reaches ingestion at once; the TTL is the safety net for a missed one.
 *
 * - `prefetch` loads a whole batch's devices in one query: ingestion handles a batch's messages one after another,
 *   and one by one that was a query per device in a row, with every device's PUBACK waiting behind them.
 * - An expired entry of an enabled device is served while it is refreshed in the background (stale while
 *   revalidate): the park's devices, first seen together, expire together, and a refresh of all of them used to
 *   hold up the batch — and every reading behind it — every TTL. An unknown or disabled device is never served
 *   stale: its readings would be refused on an answer that may be out of date, so that lookup waits.
 */
export class DeviceCache {
  private readonly entries = new Map<string, { profile: DeviceProfile | null; expires: number }>();
  private readonly inFlight = new Map<string, Promise<DeviceProfile | null>>();
  /** Bumped by `invalidate`: a lookup that started before an invalidation must not cache its stale answer. */
  private generation = 0;

  /**
   * `jitter` (0–1) spreads each entry's lifetime over ttl × (1 ± jitter): devices first seen together then expire
   * a few at a time, so no refresh loads the whole park at once (one large query whose rows the process turns into
   * objects in one go, holding up the event loop and every reading behind it).
   */
  constructor(
    private readonly lookup: DeviceLookup,
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly jitter = 0,
    private readonly random: () => number = Math.random,
  ) {}

  async get(id: string): Promise<DeviceProfile | null> {
    const hit = this.entries.get(id);
    if (hit && hit.expires > this.clock.now()) return hit.profile;
    const pending = this.inFlight.get(id);
    if (hit && servableStale(hit.profile)) {
      if (!pending) this.load([id]).catch(() => undefined);
      return hit.profile;
    }
    if (pending) return pending;
    return (await this.load([id])).get(id) ?? null;
  }

  /** Makes a batch's devices answerable from the cache: one query for those missing, one in the background for stale. */
  async prefetch(ids: Iterable<string>): Promise<void> {
    const now = this.clock.now();
    const missing: string[] = [];
    const stale: string[] = [];
    for (const id of new Set(ids)) {
      if (this.inFlight.has(id)) continue;
      const hit = this.entries.get(id);
      if (hit && hit.expires > now) continue;
      (hit && servableStale(hit.profile) ? stale : missing).push(id);
    }
    if (stale.length > 0) this.load(stale).catch(() => undefined);
    // A failed query is the batch's problem: each message's own `get` then looks its device up again.
    if (missing.length > 0) await this.load(missing).catch(() => undefined);
  }

  /** Forgets one device (or all); lookups already under way will not cache what they find. */
  invalidate(id?: string): void {
    this.generation++;
    if (id === undefined) this.entries.clear();
    else this.entries.delete(id);
    this.inFlight.clear();
  }

  private lifetime(): number {
    return this.jitter === 0 ? this.ttlMs : this.ttlMs * (1 - this.jitter + 2 * this.jitter * this.random());
  }

  /** One query for `ids` (each then in flight until it answers); caches the answers unless invalidated meanwhile. */
  private load(ids: readonly string[]): Promise<Map<string, DeviceProfile | null>> {
    const startedAt = this.generation;
    const query: Promise<Map<string, DeviceProfile | null>> =
      ids.length > 1 && this.lookup.findProfiles
        ? this.lookup.findProfiles(ids).then((found) => new Map(ids.map((id) => [id, found.get(id) ?? null])))
        : Promise.all(ids.map(async (id) => [id, await this.lookup.findProfile(id)] as const)).then(
            (pairs) => new Map(pairs),
          );
    const cached = query.then((found) => {
      if (startedAt === this.generation) {
        const now = this.clock.now();
        for (const [id, profile] of found) this.entries.set(id, { profile, expires: now + this.lifetime() });
      }
      return found;
    });
    for (const id of ids) {
      const one: Promise<DeviceProfile | null> = cached
        .then((found) => found.get(id) ?? null)
        .finally(() => {
          if (this.inFlight.get(id) === one) this.inFlight.delete(id);
        });
      one.catch(() => undefined); // its waiters see the error; nobody else must
      this.inFlight.set(id, one);
    }
    return cached;
  }
}

/** Whether an expired entry may answer while it is refreshed: only a known, enabled device's. */
function servableStale(profile: DeviceProfile | null): boolean {
  return profile !== null && profile.enabled;
}

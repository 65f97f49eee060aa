import type { Clock } from '@park/clock';
import type { DeviceProfile } from '@park/records';

export interface DeviceLookup {
  findProfile(id: string): Promise<DeviceProfile | null>;
  /** Many at once (one query); without it, `prefetch` looks them up one by one, concurrently. */
  findProfiles?(ids: readonly string[]): Promise<Map<string, DeviceProfile>>;
}

/**
 * Device profiles cached for `ttlMs` (unknown devices too, so a flood from an unknown id costs one query per TTL).
 * Concurrent lookups of one id share a single query. `invalidate` is the hook for device-change events.
 * `prefetch` loads a whole batch's devices in one query: ingestion handles a batch's messages one after another,
 * and the park's devices, first seen together, expire together — one by one, that was a query per device in a row
 * (hundreds of round trips holding up the batch, and every device's PUBACK behind it, every TTL).
 */
export class DeviceCache {
  private readonly entries = new Map<string, { profile: DeviceProfile | null; expires: number }>();
  private readonly inFlight = new Map<string, Promise<DeviceProfile | null>>();
  /** Bumped by `invalidate`: a lookup that started before an invalidation must not cache its stale answer. */
  private generation = 0;

  constructor(
    private readonly lookup: DeviceLookup,
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  async get(id: string): Promise<DeviceProfile | null> {
    const hit = this.entries.get(id);
    if (hit && hit.expires > this.clock.now()) return hit.profile;
    const pending = this.inFlight.get(id);
    if (pending) return pending;
    const startedAt = this.generation;
    const query = this.lookup
      .findProfile(id)
      .then((profile) => {
        if (startedAt === this.generation)
          this.entries.set(id, { profile, expires: this.clock.now() + this.ttlMs });
        return profile;
      })
      .finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, query);
    return query;
  }

  /** Loads every id not cached (or expired) and not already being looked up, in one query; resolves when cached. */
  async prefetch(ids: Iterable<string>): Promise<void> {
    const now = this.clock.now();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const hit = this.entries.get(id);
      if ((hit && hit.expires > now) || this.inFlight.has(id)) continue;
      missing.push(id);
    }
    if (missing.length === 0) return;
    if (missing.length === 1 || !this.lookup.findProfiles) {
      await Promise.all(missing.map((id) => this.get(id).catch(() => null)));
      return;
    }
    const startedAt = this.generation;
    const query = this.lookup.findProfiles(missing).then((found) => {
      if (startedAt === this.generation) {
        const expires = this.clock.now() + this.ttlMs;
        for (const id of missing) this.entries.set(id, { profile: found.get(id) ?? null, expires });
      }
      return found;
    });
    for (const id of missing) {
      const one: Promise<DeviceProfile | null> = query
        .then((found) => found.get(id) ?? null)
        .finally(() => {
          if (this.inFlight.get(id) === one) this.inFlight.delete(id);
        });
      // A failed bulk query is the batch's problem: each message's own `get` then looks its device up again.
      one.catch(() => undefined);
      this.inFlight.set(id, one);
    }
    await query.catch(() => undefined);
  }

  /** Forgets one device (or all); lookups already under way will not cache what they find. */
  invalidate(id?: string): void {
    this.generation++;
    if (id === undefined) this.entries.clear();
    else this.entries.delete(id);
    this.inFlight.clear();
  }
}

import type { Clock } from '@park/clock';
import type { DeviceProfile } from '@park/records';

export interface DeviceLookup {
  findProfile(id: string): Promise<DeviceProfile | null>;
}

/**
 * Device profiles cached for `ttlMs` (unknown devices too, so a flood from an unknown id costs one query per TTL).
 * Concurrent lookups of one id share a single query. `invalidate` is the hook for device-change events.
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

  /** Forgets one device (or all); lookups already under way will not cache what they find. */
  invalidate(id?: string): void {
    this.generation++;
    if (id === undefined) this.entries.clear();
    else this.entries.delete(id);
    this.inFlight.clear();
  }
}

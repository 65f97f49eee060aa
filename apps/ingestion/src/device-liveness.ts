/**
 * Device liveness, pure: last seen per device, and when a device has been silent past `silenceFactor` × its
 * expected reporting interval, one `offline`; its next reading, one `online`. Time comes from the caller.
 */
export interface LivenessChange {
  readonly deviceId: string;
  readonly enterpriseId: string;
  readonly status: 'online' | 'offline';
  readonly cause: 'silence' | 'reading';
  readonly at: number;
}

interface Entry {
  lastSeen: number;
  intervalMs: number;
  enterpriseId: string;
  offline: boolean;
}

export class DeviceLiveness {
  private readonly devices = new Map<string, Entry>();

  constructor(private readonly silenceFactor: number) {}

  /** A reading was seen (receivedAt). Returns `online` if the device had been reported offline for silence. */
  seen(deviceId: string, enterpriseId: string, intervalMs: number, at: number): LivenessChange | null {
    const entry = this.devices.get(deviceId);
    if (!entry) {
      this.devices.set(deviceId, { lastSeen: at, intervalMs, enterpriseId, offline: false });
      return null;
    }
    entry.lastSeen = Math.max(entry.lastSeen, at);
    entry.intervalMs = intervalMs;
    if (!entry.offline) return null;
    entry.offline = false;
    return { deviceId, enterpriseId, status: 'online', cause: 'reading', at };
  }

  /** Devices silent for longer than allowed at `now`, each reported once until it is seen again. */
  sweep(now: number): LivenessChange[] {
    const changes: LivenessChange[] = [];
    for (const [deviceId, e] of this.devices) {
      if (!e.offline && now - e.lastSeen > this.silenceFactor * e.intervalMs) {
        e.offline = true;
        changes.push({
          deviceId,
          enterpriseId: e.enterpriseId,
          status: 'offline',
          cause: 'silence',
          at: now,
        });
      }
    }
    return changes;
  }

  /** Forget devices whose partitions moved to another consumer. */
  forget(predicate: (deviceId: string) => boolean): void {
    for (const id of [...this.devices.keys()]) if (predicate(id)) this.devices.delete(id);
  }
}

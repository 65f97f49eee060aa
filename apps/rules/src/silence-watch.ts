import type { Enrolment } from '@park/rules-engine';

/**
 * Since when this rules service has watched each enabled device for silence: the moment it first saw the device
 * enabled in the records, or its own start for the devices enabled then. A device no longer enabled is forgotten,
 * so enabling it again starts a new watch. Kept in memory on purpose: after a restart every device is watched from
 * the restart, so the time the service was down never counts as a device's silence (no alert storm on restart),
 * while a device already offline keeps its stored state and its one open alert.
 */
export class SilenceWatch {
  private readonly since = new Map<string, number>();

  /** The enabled devices as just read from the records, at `now`. */
  update(enabledIds: Iterable<string>, now: number): void {
    const enabled = new Set(enabledIds);
    for (const id of this.since.keys()) if (!enabled.has(id)) this.since.delete(id);
    for (const id of enabled) if (!this.since.has(id)) this.since.set(id, now);
  }

  /** The device's enrolment: watched since when, or disabled (not among the enabled devices last read). */
  enrolment(deviceId: string): Enrolment {
    const since = this.since.get(deviceId);
    return since === undefined ? { enabled: false } : { enabled: true, since };
  }
}

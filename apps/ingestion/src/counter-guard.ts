import {
  DEVICE_KINDS,
  type DeviceKind,
  type DeviceReading,
  type MetricSpec,
  type Rejection,
} from '@park/contracts';

/**
 * Energy and volume counters must not go backwards. When one does (meter replaced, rolled over), the reading is
 * rejected with COUNTER_BACKWARDS so it is on the rejected topic for review, and the new value becomes the baseline
 * so the replaced meter's following readings are accepted.
 */
export class CounterGuard {
  private readonly last = new Map<string, { ts: number; value: number }>();

  check(deviceId: string, kind: DeviceKind, readings: readonly DeviceReading[]): Rejection | null {
    const metrics: Readonly<Record<string, MetricSpec>> = DEVICE_KINDS[kind].metrics;
    let problem: Rejection | null = null;
    readings.forEach((reading, i) => {
      for (const [name, value] of Object.entries(reading.values)) {
        if (!metrics[name]?.counter || typeof value !== 'number') continue;
        const key = `${deviceId}\u0000${name}`;
        const prev = this.last.get(key);
        if (prev && reading.ts > prev.ts && value < prev.value && !problem) {
          problem = {
            reason: 'COUNTER_BACKWARDS',
            detail: `${name} went from ${prev.value} to ${value} (meter replaced or rolled over?)`,
            index: readings.length > 1 ? i : undefined,
          };
        }
        if (!prev || reading.ts >= prev.ts) this.last.set(key, { ts: reading.ts, value });
      }
    });
    return problem;
  }
}

/**
 * A device's state from its latest telemetry: pure (no I/O); device-states.service.ts gathers the inputs.
 */
import { DEVICE_KINDS, isDeviceKind, type DeviceLatestValue, type DeviceStateView } from '@park/contracts';
import type { DeviceEntity } from '@park/records';
import type { SeriesPoint } from '@park/telemetry-store';
import { isFresh } from '../wall/wall-kpis';

/** Per metric, per device: the newest value (TelemetryQueries.lastValuePerDevice of each of the kind's metrics). */
export type LatestByMetric = ReadonlyMap<string, ReadonlyMap<string, SeriesPoint>>;

/**
 * The device's state at `now`: online while its newest reading is fresh by the wall display's rule (isFresh), so
 * the page and the wall count the same devices online; its values in the kind's metric order, each with its unit.
 */
export function deviceStateOf(
  device: Pick<
    DeviceEntity,
    'id' | 'name' | 'kind' | 'enterpriseId' | 'location' | 'line' | 'enabled' | 'expectedIntervalS'
  >,
  lastSeen: number | undefined,
  latest: LatestByMetric,
  now: number,
): DeviceStateView {
  const metrics = isDeviceKind(device.kind) ? Object.entries(DEVICE_KINDS[device.kind].metrics) : [];
  const values: DeviceLatestValue[] = [];
  for (const [metric, spec] of metrics) {
    const point = latest.get(metric)?.get(device.id);
    if (point && point.value !== null)
      values.push({
        metric,
        value: point.value,
        unit: spec.unit,
        at: new Date(point.ts).toISOString(),
        quality: point.quality ?? null,
      });
  }
  return {
    id: device.id,
    name: device.name,
    kind: device.kind,
    enterpriseId: device.enterpriseId,
    location: device.location,
    line: device.line,
    enabled: device.enabled,
    expectedIntervalS: device.expectedIntervalS,
    state: isFresh(lastSeen, device.expectedIntervalS, now) ? 'online' : 'offline',
    lastSeenAt: lastSeen === undefined ? null : new Date(lastSeen).toISOString(),
    values,
  };
}

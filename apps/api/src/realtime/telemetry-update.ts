import { metricSpec, type TelemetryRecord, type TelemetryUpdate, type ValueFlags } from '@park/contracts';

/**
 * The socket.io `telemetry` payload of one accepted reading: its values, the unit of each numeric metric, and the
 * data flags of the values that are not normal measurements.
 */
export function telemetryUpdateOf(record: TelemetryRecord): TelemetryUpdate {
  const units: Record<string, string> = {};
  for (const [metric, value] of Object.entries(record.values)) {
    const spec = metricSpec(record.kind, metric);
    if (typeof value === 'number' && spec) units[metric] = spec.unit;
  }
  return {
    v: 1,
    deviceId: record.deviceId,
    enterpriseId: record.enterpriseId,
    kind: record.kind,
    ts: record.ts,
    values: { ...record.values },
    units,
    ...(record.flags ? { flags: { ...record.flags } } : {}),
  };
}

/**
 * Two updates of one device within a throttle window as one: each metric's value from the newer reading (by
 * device time; on a tie, the one that arrived later), so a metric reported only in the older one is kept and an
 * older reading that arrives late (a device replaying its buffer) never overwrites a newer value. A value's flag
 * travels with it: a metric taken from the newer reading has the newer reading's flag (or none).
 */
export function foldTelemetryUpdates(held: TelemetryUpdate, incoming: TelemetryUpdate): TelemetryUpdate {
  const [older, newer] = incoming.ts >= held.ts ? [held, incoming] : [incoming, held];
  const flags: Record<string, ValueFlags[string]> = {};
  for (const [metric, flag] of Object.entries(older.flags ?? {})) {
    if (!(metric in newer.values)) flags[metric] = flag;
  }
  Object.assign(flags, newer.flags);
  const { flags: _newerFlags, ...rest } = newer;
  return {
    ...rest,
    values: { ...older.values, ...newer.values },
    units: { ...older.units, ...newer.units },
    ...(Object.keys(flags).length > 0 ? { flags } : {}),
  };
}

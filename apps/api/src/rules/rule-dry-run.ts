import {
  METER_ROLES,
  type DataQuality,
  type DryRunFiring,
  type DryRunSubjectResult,
  type DeviceKind,
  type MeterRole,
  type TelemetryRecord,
} from '@park/contracts';
import {
  replay,
  RuleRouter,
  seriesNeeded,
  subjectSettings,
  type CompiledRule,
  type DeviceSettings,
  type ReplaySubject,
} from '@park/rules-engine';

/** One recorded value of one device's metric, as the telemetry store returns it. */
export interface RecordedPoint {
  readonly ts: number;
  readonly value: number | boolean | null;
  /** The value's HJ 212 data flag, when it is not a normal measurement. */
  readonly quality?: DataQuality;
}

/** Reads one device's recorded series of one metric in [from, to]. */
export type SeriesSource = (
  kind: DeviceKind,
  metric: string,
  deviceId: string,
  from: number,
  to: number,
) => Promise<readonly RecordedPoint[]>;

/** Devices a dry-run of a device rule replays at most (the first by id), to bound the work of one request. */
export const MAX_DRY_RUN_DEVICES = 200;
/** The dry-run's tick: time-driven verdicts (silence, a closed hour, a clear after a quiet time) land on this grid. */
export const DRY_RUN_TICK_MS = 60_000;

/**
 * What the rule would have done over [from, to]: the recorded series of every device the rule's subjects read
 * (`seriesNeeded` — for emission spike both the line's power meters and its stack monitor), rebuilt into telemetry
 * records and replayed through the live pipeline (`replay`: the live RuleRouter, overrides and engine). The
 * guarantee, held by rule-dry-run.properties.spec.ts: on the same readings the live rules service makes the same
 * lifecycle calls, for every rule kind.
 */
export async function dryRunRule(
  rule: CompiledRule,
  enabledDevices: readonly DeviceSettings[],
  read: SeriesSource,
  from: number,
  to: number,
): Promise<DryRunSubjectResult[]> {
  const needs = seriesNeeded(rule, enabledDevices);
  const bounded = rule.subject === 'device' ? needs.slice(0, MAX_DRY_RUN_DEVICES) : needs;
  const records: TelemetryRecord[] = [];
  for (const { device, metrics } of bounded) {
    // One record per (device, time): the values of every metric the rule reads that were recorded together, each
    // with its flag — the engine leaves flagged values out as it did live.
    const byTs = new Map<number, Recorded>();
    for (const metric of metrics) {
      for (const point of await read(device.kind as DeviceKind, metric, device.id, from, to)) {
        if (point.value === null) continue;
        let at = byTs.get(point.ts);
        if (!at) {
          at = { values: {}, flags: null };
          byTs.set(point.ts, at);
        }
        at.values[metric] = point.value;
        if (point.quality) (at.flags ??= {})[metric] = point.quality;
      }
    }
    for (const [ts, at] of byTs) records.push(recordOf(device, ts, at));
  }
  // Time order; a tie between devices in the order the devices are listed (by id), as the store returns them.
  records.sort((a, b) => a.ts - b.ts);
  const router = new RuleRouter([rule], subjectSettings(enabledDevices));
  const subjects = replay(router, records, {
    from,
    to,
    tickEveryMs: DRY_RUN_TICK_MS,
    devices: bounded.map((need) => need.device),
  });
  return subjects.filter((s) => s.inputs > 0 || s.actions.length > 0).map(toResult);
}

interface Recorded {
  readonly values: Record<string, number | boolean>;
  flags: Record<string, DataQuality> | null;
}

function recordOf(device: DeviceSettings, ts: number, { values, flags }: Recorded): TelemetryRecord {
  return {
    v: 1,
    deviceId: device.id,
    enterpriseId: device.enterpriseId,
    kind: device.kind as DeviceKind,
    role: (METER_ROLES as readonly (string | null)[]).includes(device.role)
      ? (device.role as MeterRole)
      : null,
    line: device.line,
    ts,
    values,
    ...(flags ? { flags } : {}),
    receivedAt: ts,
  };
}

function toResult(s: ReplaySubject): DryRunSubjectResult {
  const subject = s.subjectType === 'device' ? s.subjectId : s.subjectKey;
  let confirmations = 0;
  const firings: DryRunFiring[] = [];
  for (const a of s.actions) {
    if (a.change === 'continuing') {
      confirmations++;
      continue;
    }
    firings.push({
      subject,
      ts: a.ts,
      change: a.change,
      level: a.level,
      value: a.value,
      limit: a.limit,
      unit: a.unit,
      explanation: a.explanation,
    });
  }
  return { subject, inputs: s.inputs, confirmations, firings, issues: s.issues };
}

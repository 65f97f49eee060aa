import type { DataQuality } from '@park/contracts';
import { isDataQuality } from '@park/contracts';
import { DeviceAdmin, EnterpriseRecords, notFound, RecordsError } from '@park/records';
import {
  EMISSION_METRICS,
  HOUR_MS,
  type EmissionKind,
  type EmissionOutlet,
  type HourlyMean,
  type ReportPeriod,
} from '@park/reports';
import type { TelemetryQueries } from '@park/telemetry-store';

/** An emission outlet with the enterprise it belongs to (for the energy manager's scope). */
export interface OutletRecord extends EmissionOutlet {
  readonly enterpriseId: string;
}

const EMISSION_KINDS: readonly string[] = ['stack-gas', 'wastewater'];

/** What the reports read from the records: the outlets and the enterprises with power meters. */
export class ReportRecords {
  constructor(
    private readonly devices: DeviceAdmin,
    private readonly enterprises: EnterpriseRecords,
  ) {}

  /** An emission outlet (a stack-gas or wastewater device); INVALID_RECORD when the device is of another kind. */
  async outlet(deviceId: string): Promise<OutletRecord> {
    const device = await this.devices.find(deviceId);
    if (!device) throw notFound('device', deviceId);
    if (!EMISSION_KINDS.includes(device.kind))
      throw new RecordsError('INVALID_RECORD', `device ${deviceId} is not a CEMS or wastewater outlet`, {
        field: 'scope',
      });
    const enterprise = await this.enterprises.requireLive(device.enterpriseId);
    return {
      deviceId: device.id,
      name: device.name,
      enterpriseId: device.enterpriseId,
      enterpriseName: enterprise.name,
      kind: device.kind as EmissionKind,
      permitLimits: device.permitLimits,
      permitO2Reference: device.permitO2Reference,
      expectedIntervalS: device.expectedIntervalS,
    };
  }

  /** Every enabled outlet of a live enterprise, by id: what the monthly schedule reports on. */
  async outlets(): Promise<OutletRecord[]> {
    const names = new Map((await this.enterprises.all()).map((e) => [e.id, e.name]));
    return (await this.devices.all())
      .filter((d) => EMISSION_KINDS.includes(d.kind) && d.enabled && names.has(d.enterpriseId))
      .map((d) => ({
        deviceId: d.id,
        name: d.name,
        enterpriseId: d.enterpriseId,
        enterpriseName: names.get(d.enterpriseId) as string,
        kind: d.kind as EmissionKind,
        permitLimits: d.permitLimits,
        permitO2Reference: d.permitO2Reference,
        expectedIntervalS: d.expectedIntervalS,
      }));
  }

  /** Live enterprises that have a power meter, by name. */
  async meteredEnterprises(): Promise<{ id: string; name: string }[]> {
    const metered = new Set(
      (await this.devices.all()).filter((d) => d.kind === 'power-meter').map((d) => d.enterpriseId),
    );
    return (await this.enterprises.all())
      .filter((e) => metered.has(e.id))
      .map((e) => ({ id: e.id, name: e.name }));
  }

  async enterpriseName(enterpriseId: string): Promise<string> {
    return (await this.enterprises.requireLive(enterpriseId)).name;
  }
}

/**
 * An outlet's hourly means over a period, from the hourly rollup (InfluxDB's continuous query, SQLite's `hourly`
 * table): per metric, its means and their counts — at most 744 rows each for a month, never a scan of the raw points.
 */
export async function hourlyMeans(
  telemetry: TelemetryQueries,
  outlet: OutletRecord,
  period: ReportPeriod,
): Promise<Record<string, HourlyMean[]>> {
  const metrics = EMISSION_METRICS[outlet.kind];
  const range = (metric: string) => ({
    kind: outlet.kind,
    metric,
    deviceId: outlet.deviceId,
    enterpriseId: outlet.enterpriseId,
    from: period.from,
    to: period.to,
  });
  // Each hour's mean and how many normal values it is of (the valid-hour rule, emission-report.ts).
  const [series, counts] = await Promise.all([
    Promise.all(
      metrics.map((metric) =>
        telemetry.buckets({ ...range(metric), source: 'hourly', aggregate: 'mean', intervalMs: HOUR_MS }),
      ),
    ),
    Promise.all(metrics.map((metric) => telemetry.hourlyCounts(range(metric)))),
  ]);
  const hourly: Record<string, HourlyMean[]> = {};
  metrics.forEach((metric, i) => {
    const countOf = new Map(counts[i].map((c) => [c.ts, c.value]));
    hourly[metric] = series[i].flatMap((p) => {
      if (typeof p.value !== 'number') return [];
      const count = countOf.get(p.ts);
      return [typeof count === 'number' ? { ts: p.ts, value: p.value, count } : { ts: p.ts, value: p.value }];
    });
  });
  return hourly;
}

/**
 * A day's HJ 212 data flags per metric, counted from that day's raw points (at most 1,440 a metric at 1-minute
 * data). Only day reports count them: the hourly rollup keeps normal values only, and counting a month's flags
 * would mean scanning every raw point of the month.
 */
export async function dayFlags(
  telemetry: TelemetryQueries,
  outlet: OutletRecord,
  period: ReportPeriod,
): Promise<Record<string, Partial<Record<DataQuality, number>>>> {
  const metrics = EMISSION_METRICS[outlet.kind];
  const points = await Promise.all(
    metrics.map((metric) =>
      telemetry.points({
        kind: outlet.kind,
        metric,
        deviceId: outlet.deviceId,
        enterpriseId: outlet.enterpriseId,
        from: period.from,
        to: period.to,
      }),
    ),
  );
  const flags: Record<string, Partial<Record<DataQuality, number>>> = {};
  metrics.forEach((metric, i) => {
    const counts: Partial<Record<DataQuality, number>> = {};
    for (const point of points[i])
      if (isDataQuality(point.quality)) counts[point.quality] = (counts[point.quality] ?? 0) + 1;
    flags[metric] = counts;
  });
  return flags;
}

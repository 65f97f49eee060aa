import { quoteIdentifier, RAW_RP, type InfluxSeries, type InfluxV1Store } from '@park/telemetry-store';
import type { TimedValue } from './wall-kpis';

/** The three telemetry reads of the wall display's summary. */
export interface WallTelemetry {
  /** Per device: when its latest reading (any kind, any metric) since `since` was taken. */
  lastSeen(since: number): Promise<Map<string, number>>;
  /** Per power meter: its latest `kw` since `since`, with its time. */
  lastKw(since: number): Promise<Map<string, TimedValue>>;
  /** Per power meter: max − min of its cumulative `kwh` between `from` and `to`. */
  kwhSpread(from: number, to: number): Promise<Map<string, number>>;
}

export const WALL_TELEMETRY = Symbol('WallTelemetry');

const POWER_METER = `${quoteIdentifier(RAW_RP)}.${quoteIdentifier('power_meter')}`;
const ms = (t: number) => `${Math.trunc(t)}ms`;

/** Adapter over InfluxDB 1.x (InfluxQL, the raw retention policy; measurement per kind, tag `device`). */
export class InfluxWallTelemetry implements WallTelemetry {
  constructor(private readonly influx: InfluxV1Store) {}

  async lastSeen(since: number): Promise<Map<string, number>> {
    // One row per (measurement, device): the newest, whatever fields it carries.
    const series = await this.influx.select(
      `SELECT * FROM ${quoteIdentifier(RAW_RP)}./.*/ WHERE time > ${ms(since)} GROUP BY "device" ORDER BY time DESC LIMIT 1`,
    );
    const out = new Map<string, number>();
    for (const { device, row } of rowsByDevice(series)) {
      const ts = Number(row[0]);
      if (Number.isFinite(ts) && ts > (out.get(device) ?? -Infinity)) out.set(device, ts);
    }
    return out;
  }

  async lastKw(since: number): Promise<Map<string, TimedValue>> {
    const series = await this.influx.select(
      `SELECT last("kw") FROM ${POWER_METER} WHERE time > ${ms(since)} GROUP BY "device"`,
    );
    const out = new Map<string, TimedValue>();
    for (const { device, row } of rowsByDevice(series)) {
      if (typeof row[1] === 'number') out.set(device, { ts: Number(row[0]), value: row[1] });
    }
    return out;
  }

  async kwhSpread(from: number, to: number): Promise<Map<string, number>> {
    const series = await this.influx.select(
      `SELECT spread("kwh") FROM ${POWER_METER} WHERE time >= ${ms(from)} AND time <= ${ms(to)} GROUP BY "device"`,
    );
    const out = new Map<string, number>();
    for (const { device, row } of rowsByDevice(series)) {
      if (typeof row[1] === 'number') out.set(device, row[1]);
    }
    return out;
  }
}

function rowsByDevice(series: readonly InfluxSeries[]): { device: string; row: unknown[] }[] {
  return series.flatMap((s) => {
    const device = s.tags?.device;
    return device ? s.values.map((row) => ({ device, row })) : [];
  });
}

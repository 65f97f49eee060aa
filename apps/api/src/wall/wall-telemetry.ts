import type { TelemetryQueries } from '@park/telemetry-store';
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

/**
 * Adapter over the telemetry store's query port (raw points). `since` is exclusive and `to` inclusive here, while
 * the port's ranges are [from, to): points are stored to the millisecond, so one millisecond converts between them.
 */
export class StoreWallTelemetry implements WallTelemetry {
  constructor(private readonly telemetry: TelemetryQueries) {}

  lastSeen(since: number): Promise<Map<string, number>> {
    return this.telemetry.lastSeenPerDevice(Math.trunc(since) + 1);
  }

  async lastKw(since: number): Promise<Map<string, TimedValue>> {
    const last = await this.telemetry.lastValuePerDevice({
      kind: 'power-meter',
      metric: 'kw',
      from: Math.trunc(since) + 1,
    });
    const out = new Map<string, TimedValue>();
    for (const [device, { ts, value }] of last) if (typeof value === 'number') out.set(device, { ts, value });
    return out;
  }

  kwhSpread(from: number, to: number): Promise<Map<string, number>> {
    return this.telemetry.spreadPerDevice({
      kind: 'power-meter',
      metric: 'kwh',
      from,
      to: Math.trunc(to) + 1,
    });
  }
}

import type { DeviceKind } from '@park/contracts';
import { RuleRepository } from '@park/records';
import type { DeviceSettings } from '@park/rules-engine';
import type { DataSource } from 'typeorm';
import type { SeriesPoint, TelemetryQueries } from '@park/telemetry-store';

/** What a dry-run reads: the devices and their recent raw series. */
export interface TelemetryReader {
  /** Enabled devices with the settings rules read from them (interval, normal load, permit), by id. */
  devices(): Promise<DeviceSettings[]>;
  /** The raw points of one device's metric, oldest first, each flagged one with its HJ 212 quality. */
  raw(kind: DeviceKind, metric: string, deviceId: string, from: number, to: number): Promise<SeriesPoint[]>;
}

export const TELEMETRY_STORE_READER = Symbol('TelemetryReader');

/** Adapter over the records (devices) and the telemetry store (raw series). */
export class StoreTelemetryReader implements TelemetryReader {
  constructor(
    private readonly records: DataSource,
    private readonly telemetry: TelemetryQueries,
  ) {}

  async devices(): Promise<DeviceSettings[]> {
    const devices = await new RuleRepository(this.records).devices();
    return devices.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  raw(kind: DeviceKind, metric: string, deviceId: string, from: number, to: number): Promise<SeriesPoint[]> {
    // `points`, not `queryRaw`: a replay must see each value's flag, as the live router did (data-validity.ts).
    return this.telemetry.points({ kind, metric, deviceId, from, to });
  }
}

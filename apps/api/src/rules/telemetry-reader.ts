import type { DeviceKind } from '@park/contracts';
import type { DataSource } from 'typeorm';
import type { InfluxV1Store, SeriesPoint } from '@park/telemetry-store';

/** What a dry-run reads: the devices and their recent raw series. */
export interface TelemetryReader {
  devices(): Promise<
    { id: string; kind: string; role: string | null; line: string | null; enterpriseId: string }[]
  >;
  raw(kind: DeviceKind, metric: string, deviceId: string, from: number, to: number): Promise<SeriesPoint[]>;
}

export const TELEMETRY_STORE_READER = Symbol('TelemetryReader');

/** Adapter over the records (devices) and InfluxDB (raw series). */
export class InfluxTelemetryReader implements TelemetryReader {
  constructor(
    private readonly records: DataSource,
    private readonly influx: InfluxV1Store,
  ) {}

  async devices() {
    const rows = await this.records.query<
      { id: string; kind: string; role: string | null; line: string | null; enterprise_id: string }[]
    >('SELECT id, kind, role, line, enterprise_id FROM devices WHERE enabled ORDER BY id');
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      role: r.role,
      line: r.line,
      enterpriseId: r.enterprise_id,
    }));
  }

  raw(kind: DeviceKind, metric: string, deviceId: string, from: number, to: number): Promise<SeriesPoint[]> {
    return this.influx.queryRaw({ kind, metric, deviceId, from, to });
  }
}

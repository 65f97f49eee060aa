import { DeviceAdmin, EnterpriseRecords, type DeviceEntity } from '@park/records';
import type { InfluxV1Store } from '@park/telemetry-store';

/** What the energy summary reads: an enterprise's power meters, its annual output, and InfluxQL rows. */
export interface EnergyReader {
  /** The enterprise's name; RECORD_NOT_FOUND (404) when it does not exist or is deleted. */
  enterpriseName(enterpriseId: string): Promise<string>;
  powerMeters(enterpriseId: string): Promise<DeviceEntity[]>;
  /** 工业总产值 (万元) per year, null where not reported. */
  outputs(enterpriseId: string): Promise<Map<number, number | null>>;
  /** An InfluxQL SELECT's rows as `[epoch ms, value]`. */
  rows(statement: string): Promise<unknown[][]>;
}

export const ENERGY_READER = Symbol('EnergyReader');

/** Adapter over the records (devices, indicators) and InfluxDB's v1 `/query`. */
export class RecordsInfluxEnergyReader implements EnergyReader {
  constructor(
    private readonly devices: DeviceAdmin,
    private readonly enterprises: EnterpriseRecords,
    private readonly influx: InfluxV1Store,
  ) {}

  async enterpriseName(enterpriseId: string): Promise<string> {
    return (await this.enterprises.requireLive(enterpriseId)).name;
  }

  async powerMeters(enterpriseId: string): Promise<DeviceEntity[]> {
    const meters: DeviceEntity[] = [];
    for (let page = 1; ; page++) {
      const result = await this.devices.list({ enterpriseId, kind: 'power-meter' }, { page, pageSize: 100 });
      meters.push(...result.items);
      if (meters.length >= result.total || result.items.length === 0) break;
    }
    return meters.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async outputs(enterpriseId: string): Promise<Map<number, number | null>> {
    const rows = await this.enterprises.indicators(enterpriseId);
    return new Map(rows.map((row) => [row.year, row.output]));
  }

  async rows(statement: string): Promise<unknown[][]> {
    return (await this.influx.select(statement)).flatMap((series) => series.values);
  }
}

import { DeviceAdmin, EnterpriseRecords, type DeviceEntity } from '@park/records';

/** What the energy summary reads from the records: an enterprise, its power meters and its annual output. */
export interface EnergyReader {
  /** The enterprise's name; RECORD_NOT_FOUND (404) when it does not exist or is deleted. */
  enterpriseName(enterpriseId: string): Promise<string>;
  powerMeters(enterpriseId: string): Promise<DeviceEntity[]>;
  /** 工业总产值 (万元) per year, null where not reported. */
  outputs(enterpriseId: string): Promise<Map<number, number | null>>;
  /** Every live enterprise that has power meters, with them (by id), by name. */
  meteredEnterprises(): Promise<MeteredEnterprise[]>;
}

export interface MeteredEnterprise {
  readonly enterpriseId: string;
  readonly enterpriseName: string;
  readonly meters: DeviceEntity[];
}

export const ENERGY_READER = Symbol('EnergyReader');

/** Adapter over the records (devices, indicators). */
export class RecordsEnergyReader implements EnergyReader {
  constructor(
    private readonly devices: DeviceAdmin,
    private readonly enterprises: EnterpriseRecords,
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

  async meteredEnterprises(): Promise<MeteredEnterprise[]> {
    const meters = new Map<string, DeviceEntity[]>();
    for (const device of await this.devices.all())
      if (device.kind === 'power-meter')
        meters.set(device.enterpriseId, [...(meters.get(device.enterpriseId) ?? []), device]);
    // all(): live enterprises only, by name — a deleted enterprise's meters stay out of the park's figures.
    return (await this.enterprises.all())
      .filter((e) => meters.has(e.id))
      .map((e) => ({ enterpriseId: e.id, enterpriseName: e.name, meters: meters.get(e.id) ?? [] }));
  }

  async outputs(enterpriseId: string): Promise<Map<number, number | null>> {
    const rows = await this.enterprises.indicators(enterpriseId);
    return new Map(rows.map((row) => [row.year, row.output]));
  }
}

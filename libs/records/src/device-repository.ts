import { In, type DataSource } from 'typeorm';
import { DeviceEntity } from './entities/device.entity';

/** A demo device as the standalone mode's simulator needs it: what it measures, for whom, and how often. */
export interface DemoDeviceRecord {
  readonly id: string;
  readonly kind: string;
  readonly role: string | null;
  readonly line: string | null;
  readonly expectedIntervalS: number;
  readonly normalKw: number | null;
  readonly permitLimits: Record<string, number> | null;
  readonly enterpriseCreditCode: string;
  readonly enterpriseName: string;
}

/** What ingestion and the rules need to know about a device, joined with its enterprise. */
export interface DeviceProfile {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly role: string | null;
  readonly line: string | null;
  readonly location: string | null;
  readonly enabled: boolean;
  readonly expectedIntervalS: number;
  readonly enterpriseId: string;
  readonly enterpriseName: string;
  readonly contactName: string | null;
  readonly contactPhone: string | null;
}

export class DeviceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findProfile(id: string): Promise<DeviceProfile | null> {
    const device = await this.dataSource
      .getRepository(DeviceEntity)
      .findOne({ where: { id }, relations: { enterprise: true } });
    return device ? toProfile(device) : null;
  }

  /** The profiles of the devices that exist among `ids`, in one query. */
  async findProfiles(ids: readonly string[]): Promise<Map<string, DeviceProfile>> {
    const found = new Map<string, DeviceProfile>();
    // Chunked: SQLite allows at most 32,766 bound parameters per statement (PostgreSQL 65,535).
    for (let i = 0; i < ids.length; i += 10_000) {
      const devices = await this.dataSource
        .getRepository(DeviceEntity)
        .find({ where: { id: In(ids.slice(i, i + 10_000)) }, relations: { enterprise: true } });
      for (const device of devices) {
        const profile = toProfile(device);
        if (profile) found.set(device.id, profile);
      }
    }
    return found;
  }

  /** Stores a new credential hash (the secret itself is never stored). Returns false if the device is unknown. */
  async setCredentialHash(id: string, credentialHash: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(DeviceEntity).update({ id }, { credentialHash });
    return (result.affected ?? 0) > 0;
  }

  async setEnabled(id: string, enabled: boolean): Promise<boolean> {
    const result = await this.dataSource.getRepository(DeviceEntity).update({ id }, { enabled });
    return (result.affected ?? 0) > 0;
  }

  /** One device's broker account (for the embedded broker's authentication), or null when there is none. */
  async brokerAccount(id: string): Promise<{ credentialHash: string | null; enabled: boolean } | null> {
    return this.dataSource
      .getRepository(DeviceEntity)
      .findOne({ select: { id: true, credentialHash: true, enabled: true }, where: { id } });
  }

  /** What the broker's password and ACL files are generated from. */
  brokerAccounts(): Promise<{ id: string; credentialHash: string | null; enabled: boolean }[]> {
    return this.dataSource
      .getRepository(DeviceEntity)
      .find({ select: { id: true, credentialHash: true, enabled: true }, order: { id: 'ASC' } });
  }

  /**
   * Every enabled demo device (`is_demo`), ordered by id: the devices the rules expect to hear from and that carry
   * the demo secret, so the standalone mode's simulator drives exactly these (a device an admin disabled is left
   * out; the broker would refuse it anyway).
   */
  async enabledDemoDevices(): Promise<DemoDeviceRecord[]> {
    const rows = await this.dataSource.getRepository(DeviceEntity).find({
      where: { isDemo: true, enabled: true },
      relations: { enterprise: true },
      order: { id: 'ASC' },
    });
    return rows.flatMap(({ enterprise, ...d }) =>
      enterprise
        ? [
            {
              id: d.id,
              kind: d.kind,
              role: d.role,
              line: d.line,
              expectedIntervalS: d.expectedIntervalS,
              normalKw: d.normalKw,
              permitLimits: d.permitLimits,
              enterpriseCreditCode: enterprise.creditCode,
              enterpriseName: enterprise.name,
            },
          ]
        : [],
    );
  }
}

function toProfile(device: DeviceEntity): DeviceProfile | null {
  if (!device.enterprise) return null;
  return {
    id: device.id,
    name: device.name,
    kind: device.kind,
    role: device.role,
    line: device.line,
    location: device.location,
    enabled: device.enabled,
    expectedIntervalS: device.expectedIntervalS,
    enterpriseId: device.enterpriseId,
    enterpriseName: device.enterprise.name,
    contactName: device.enterprise.contactName,
    contactPhone: device.enterprise.contactPhone,
  };
}

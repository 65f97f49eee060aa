/** Devices put into a standalone data folder's records before its process starts, all with one MQTT secret. */
import { join } from 'node:path';
import { hashDeviceSecret } from '@park/auth';
import { DeviceEntity, EnterpriseEntity, openRecords } from '@park/records';

export interface SeededDevice {
  readonly id: string;
  readonly kind: string;
  readonly role: string | null;
  readonly line: string | null;
}

/**
 * Creates (migrating the records first) one enterprise and the devices in it, enabled, each with `secret` as its
 * credential. The standalone process seeds the demo park beside them when it starts.
 */
export async function seedStandaloneDevices(
  dataDir: string,
  enterpriseName: string,
  devices: readonly SeededDevice[],
  secret: string,
): Promise<void> {
  const records = await openRecords(`sqlite:${join(dataDir, 'records.db')}`, { migrate: true });
  try {
    const enterprise = await records
      .getRepository(EnterpriseEntity)
      .save({ name: enterpriseName, creditCode: '91350100M000100Y43', isDemo: false });
    const credentialHash = await hashDeviceSecret(secret);
    // In slices: SQLite allows a bounded number of bound parameters per statement.
    for (let i = 0; i < devices.length; i += 200) {
      await records.getRepository(DeviceEntity).insert(
        devices.slice(i, i + 200).map((d) => ({
          ...d,
          enterpriseId: enterprise.id,
          name: d.id,
          location: null,
          enabled: true,
          credentialHash,
          expectedIntervalS: 10,
          isDemo: false,
        })),
      );
    }
  } finally {
    await records.destroy();
  }
}

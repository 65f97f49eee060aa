import type { DataSource } from 'typeorm';
import { hashDeviceSecret, hashSecret, verifyDeviceSecret } from '@park/auth';
import { creditCodeCheckChar } from './credit-code';
import { DeviceEntity } from './entities/device.entity';
import { EnterpriseEntity } from './entities/enterprise.entity';
import { UserRepository } from './user-repository';

/** The minimal demo park for a first run; marked `is_demo`. The records issue grows it into the full park. */
export const DEMO_ENTERPRISE_CODE_BODY = '91320681MA1PARK01';
export const DEMO_GAS_DEVICE = 'demo-gas-001';

export interface DemoLogins {
  readonly password: string;
  readonly users: readonly { username: string; role: string }[];
}

/**
 * Seeds the demo park. `deviceSecret` becomes the demo devices' MQTT password (stored hashed; kept when it still
 * verifies, so reseeding does not churn the broker's password file).
 */
export async function seedDemoPark(
  dataSource: DataSource,
  password: string,
  deviceSecret?: string,
): Promise<DemoLogins> {
  const enterprises = dataSource.getRepository(EnterpriseEntity);
  const creditCode = DEMO_ENTERPRISE_CODE_BODY + creditCodeCheckChar(DEMO_ENTERPRISE_CODE_BODY);
  await enterprises.upsert(
    {
      name: '启东示范化工有限公司',
      creditCode,
      contactName: '张工',
      contactPhone: '0513-8000 0001',
      address: '启东高新区示范路1号',
      isDemo: true,
    },
    ['creditCode'],
  );
  const enterprise = await enterprises.findOneByOrFail({ creditCode });
  await dataSource.getRepository(DeviceEntity).upsert(
    {
      id: DEMO_GAS_DEVICE,
      enterpriseId: enterprise.id,
      name: '储罐区可燃气体探测器 1#',
      kind: 'combustible-gas',
      role: null,
      line: null,
      location: '储罐区 T-101 东侧',
      enabled: true,
      expectedIntervalS: 10,
      isDemo: true,
    },
    ['id'],
  );
  if (deviceSecret) {
    const devices = dataSource.getRepository(DeviceEntity);
    const device = await devices.findOneByOrFail({ id: DEMO_GAS_DEVICE });
    if (!device.credentialHash || !(await verifyDeviceSecret(deviceSecret, device.credentialHash))) {
      await devices.update({ id: DEMO_GAS_DEVICE }, { credentialHash: await hashDeviceSecret(deviceSecret) });
    }
  }
  const users = new UserRepository(dataSource);
  const passwordHash = await hashSecret(password);
  const logins = [
    { username: 'admin', displayName: '园区管理员', role: 'admin', enterpriseId: null },
    { username: 'officer', displayName: '安环值班员', role: 'officer', enterpriseId: null },
    { username: 'operator', displayName: '大屏运营', role: 'operator', enterpriseId: null },
    {
      username: 'manager',
      displayName: '企业能源管理员',
      role: 'energy-manager',
      enterpriseId: enterprise.id,
    },
  ];
  for (const u of logins) await users.upsert({ ...u, passwordHash });
  return { password, users: logins.map(({ username, role }) => ({ username, role })) };
}

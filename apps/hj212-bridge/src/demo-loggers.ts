import { hashSecret } from '@park/auth';
import type { Hj212Device } from './device-directory';

/**
 * The demo park's HJ 212 data loggers, for the standalone mode: the boiler stack's CEMS and the wastewater outlet's
 * analysers, the demo devices whose kinds the bridge maps. Their MNs are those of our own golden packets
 * (test/fixtures/hj212/ok/park.*), so a packet of the fixtures, sent with the demo PW, is one of theirs.
 */
export const DEMO_HJ212_LOGGERS: readonly Omit<Hj212Device, 'passwordHash'>[] = [
  { mn: 'QDHX0001CEMS01', deviceId: 'demo-cems-001', kind: 'stack-gas' },
  { mn: 'QDHX0001WW01', deviceId: 'demo-ww-001', kind: 'wastewater' },
];

/** The devices file (docs/hj212.md) of the demo loggers, whose access password (PW) is `password`, hashed. */
export async function demoDevicesFile(password: string): Promise<string> {
  const passwordHash = await hashSecret(password);
  const devices: Hj212Device[] = DEMO_HJ212_LOGGERS.map((logger) => ({ ...logger, passwordHash }));
  return `${JSON.stringify(devices, null, 2)}\n`;
}

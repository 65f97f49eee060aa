import { verifySecret } from '@park/auth';
import { DEMO_FLEET } from '@park/records';
import { JsonFileDeviceDirectory } from './device-directory';
import { DEMO_HJ212_LOGGERS, demoDevicesFile } from './demo-loggers';

describe('the demo park’s HJ 212 loggers', () => {
  it('are demo devices of the records, of the kind the bridge maps them as', () => {
    for (const logger of DEMO_HJ212_LOGGERS) {
      expect(DEMO_FLEET.find((d) => d.id === logger.deviceId)?.kind).toBe(logger.kind);
    }
  });

  it('make a devices file the bridge accepts, whose hash checks the demo PW and no other', async () => {
    const body: unknown = JSON.parse(await demoDevicesFile('demo-device-secret'));
    const devices = JsonFileDeviceDirectory.check('hj212-devices.json', body);
    expect(devices.map(({ mn, deviceId, kind }) => ({ mn, deviceId, kind }))).toEqual(DEMO_HJ212_LOGGERS);
    await expect(verifySecret('demo-device-secret', devices[0].passwordHash)).resolves.toBe(true);
    await expect(verifySecret('123456', devices[0].passwordHash)).resolves.toBe(false);
  });
});

import { renderMosquittoAuth } from './mosquitto-auth';

const HASH = '$7$101$c2FsdA==$aGFzaA==';
const INGESTION = { username: 'park-ingestion', credentialHash: HASH, read: ['park/v1/devices/+/telemetry'] };

describe('renderMosquittoAuth', () => {
  it('gives devices and services separate password and ACL files', () => {
    const files = renderMosquittoAuth(
      [
        { id: 'meter-1', credentialHash: HASH, enabled: true },
        { id: 'meter-off', credentialHash: HASH, enabled: false },
        { id: 'meter-new', credentialHash: null, enabled: true },
      ],
      [INGESTION],
    );
    expect(files.passwordFile).toBe(`meter-1:${HASH}\n`);
    expect(files.servicePasswordFile).toBe(`park-ingestion:${HASH}\n`);
    expect(files.aclFile).toContain('pattern write park/v1/devices/%u/telemetry');
    expect(files.aclFile).not.toContain('park-ingestion');
    expect(files.serviceAclFile).toContain('user park-ingestion\ntopic read park/v1/devices/+/telemetry');
    expect(files.serviceAclFile).not.toContain('pattern write');
    expect(files.deviceCount).toBe(1);
  });

  it("leaves out a device whose id could take over a service's client ids", () => {
    const files = renderMosquittoAuth(
      [
        { id: 'park-ingestion-a-1', credentialHash: HASH, enabled: true },
        { id: 'meter-1', credentialHash: HASH, enabled: true },
      ],
      [INGESTION],
    );
    expect(files.refused).toEqual(['park-ingestion-a-1']);
    expect(files.passwordFile).toBe(`meter-1:${HASH}\n`);
  });
});

/**
 * Devices can publish only as themselves: Mosquitto's password and ACL files generated from the records,
 * loaded into a real Mosquitto, refuse a device publishing under another id, a disabled device, a wrong secret
 * and anonymous clients.
 */
import type { MqttClient } from 'mqtt';
import type { IPubackPacket } from 'mqtt-packet';
import { generateSecret, hashDeviceSecret } from '@park/auth';
import { telemetryTopic } from '@park/contracts';
import { renderMosquittoAuth } from '@park/mqtt';
import { DeviceEntity, DeviceRepository, EnterpriseEntity } from '@park/records';
import { connectMqtt, startMosquitto, type MosquittoInstance } from '../support/mosquitto-instance';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { waitFor } from '../support/wait-for';

describe('Mosquitto ACL generated from the records', () => {
  let env: TestEnvironment;
  let broker: MosquittoInstance;
  const secrets = new Map<string, string>();
  const ingestionSecret = generateSecret();
  const clients: MqttClient[] = [];
  let ids: { a: string; b: string; disabled: string; noCredential: string };

  beforeAll(async () => {
    env = await createTestEnvironment('acl');
    const suffix = env.runId.slice(-6);
    ids = {
      a: `meter-a-${suffix}`,
      b: `meter-b-${suffix}`,
      disabled: `meter-off-${suffix}`,
      noCredential: `meter-new-${suffix}`,
    };
    const enterprise = await env.records
      .getRepository(EnterpriseEntity)
      .save({ name: '测试企业', creditCode: '91350100M000100Y43', isDemo: false });
    const devices = env.records.getRepository(DeviceEntity);
    for (const id of Object.values(ids)) {
      await devices.save({
        id,
        enterpriseId: enterprise.id,
        name: id,
        kind: 'power-meter',
        role: 'production',
        line: 'L1',
        location: null,
        enabled: true,
        credentialHash: null,
        expectedIntervalS: 60,
        isDemo: false,
      });
    }
    const repo = new DeviceRepository(env.records);
    for (const id of [ids.a, ids.b, ids.disabled]) {
      const secret = generateSecret();
      secrets.set(id, secret);
      await repo.setCredentialHash(id, await hashDeviceSecret(secret));
    }
    await repo.setEnabled(ids.disabled, false);

    const files = renderMosquittoAuth(await repo.brokerAccounts(), [
      {
        username: 'park-ingestion',
        credentialHash: await hashDeviceSecret(ingestionSecret),
        read: ['park/v1/devices/+/telemetry'],
      },
    ]);
    expect(files.deviceCount).toBe(2);
    broker = await startMosquitto({ auth: files });
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await broker?.stop();
    await env?.teardown();
  });

  const connectAs = (username: string | undefined, password: string | undefined, url = broker.url) =>
    connectMqtt(clients, url, username, password);

  it('lets a device publish under its own id and refuses it under another id', async () => {
    const ingestion = await connectAs('park-ingestion', ingestionSecret, broker.serviceUrl);
    const received: { topic: string; payload: string }[] = [];
    ingestion.on('message', (topic, payload) => received.push({ topic, payload: payload.toString() }));
    await ingestion.subscribeAsync('$share/acl-test/park/v1/devices/+/telemetry', { qos: 1 });

    const a = await connectAs(ids.a, secrets.get(ids.a));
    const own = await a.publishAsync(telemetryTopic(ids.a), 'own', { qos: 1 });
    expect((own as IPubackPacket | undefined)?.reasonCode ?? 0).toBe(0);
    const spoofed = await a.publishAsync(telemetryTopic(ids.b), 'spoofed', { qos: 1 }).then(
      (packet) => (packet as IPubackPacket | undefined)?.reasonCode,
      (error: { code?: number }) => error.code,
    );
    expect(spoofed).toBe(135); // MQTT 5 §3.4.2.1: 0x87 Not authorized

    await waitFor('the legitimate reading at the subscriber', () =>
      received.some((m) => m.payload === 'own'),
    );
    expect(received).toEqual([{ topic: telemetryTopic(ids.a), payload: 'own' }]);
  });

  it('refuses a disabled device, a device without a credential, a wrong secret and anonymous clients', async () => {
    await expect(connectAs(ids.disabled, secrets.get(ids.disabled))).rejects.toThrow(
      /Not authorized|Bad User Name or Password/i,
    );
    await expect(connectAs(ids.noCredential, 'anything')).rejects.toThrow(
      /Not authorized|Bad User Name or Password/i,
    );
    await expect(connectAs(ids.b, 'wrong-secret')).rejects.toThrow(
      /Not authorized|Bad User Name or Password/i,
    );
    await expect(connectAs(undefined, undefined)).rejects.toThrow(
      /Not authorized|Bad User Name or Password/i,
    );
  });

  it("keeps devices off the services' listener and services off the devices' listener", async () => {
    await expect(connectAs(ids.a, secrets.get(ids.a), broker.serviceUrl)).rejects.toThrow(
      /Not authorized|Bad User Name or Password/i,
    );
    await expect(connectAs('park-ingestion', ingestionSecret, broker.url)).rejects.toThrow(
      /Not authorized|Bad User Name or Password/i,
    );
  });

  it("never delivers another device's telemetry to a device that subscribes to it", async () => {
    const b = await connectAs(ids.b, secrets.get(ids.b));
    const seenByB: string[] = [];
    b.on('message', (topic) => seenByB.push(topic));
    // Mosquitto 2.0 grants the SUBACK and enforces the read ACL on each delivery.
    await b.subscribeAsync(telemetryTopic(ids.a), { qos: 1 });
    const a = await connectAs(ids.a, secrets.get(ids.a));
    await a.publishAsync(telemetryTopic(ids.a), 'private', { qos: 1 });
    // A round trip on B's own connection: anything routed to B before it would have arrived first (TCP order).
    await b.publishAsync(telemetryTopic(ids.b), 'ping', { qos: 1 });
    expect(seenByB).toEqual([]);
  });
});

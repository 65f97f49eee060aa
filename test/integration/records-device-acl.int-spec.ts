/**
 * Devices provisioned through the API get working MQTT credentials: the broker files generated from the records,
 * loaded into a real Mosquitto, let a provisioned device publish under its own id, refuse it under another
 * device's id, and shut it out once it is disabled through the API.
 */
import type { INestApplication } from '@nestjs/common';
import mqtt, { type MqttClient } from 'mqtt';
import type { IPubackPacket } from 'mqtt-packet';
import { telemetryTopic } from '@park/contracts';
import { renderMosquittoAuth } from '@park/mqtt';
import { DeviceRepository, EnterpriseEntity, seedDemoPark } from '@park/records';
import { startMosquitto, type MosquittoInstance } from '../support/mosquitto-instance';
import { caller, login, startRecordsApi, type Caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';

const PASSWORD = 'acl-records-password';

describe('devices provisioned through the API, against a real Mosquitto', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let admin: Caller;
  const brokers: MosquittoInstance[] = [];
  const clients: MqttClient[] = [];
  const creds = new Map<string, string>();

  beforeAll(async () => {
    env = await createTestEnvironment('recacl');
    await seedDemoPark(env.records, PASSWORD);
    const api = await startRecordsApi(env);
    app = api.app;
    admin = caller(api.url, await login(api.url, 'admin', PASSWORD));
    const enterprise = await env.records
      .getRepository(EnterpriseEntity)
      .findOneByOrFail({ name: '启东示范化工有限公司' });
    for (const id of ['acl-meter-a', 'acl-meter-b']) {
      const res = await admin('POST', '/api/devices', {
        id,
        enterpriseId: enterprise.id,
        name: id,
        kind: 'power-meter',
        role: 'general',
      });
      expect(res.status).toBe(201);
      creds.set(id, (res.body as { credentials: { password: string } }).credentials.password);
    }
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    for (const b of brokers) await b.stop();
    await app?.close();
    await env?.teardown();
  });

  async function brokerFromRecords(): Promise<MosquittoInstance> {
    const files = renderMosquittoAuth(await new DeviceRepository(env.records).brokerAccounts(), []);
    const broker = await startMosquitto({ auth: files });
    brokers.push(broker);
    return broker;
  }

  async function connect(broker: MosquittoInstance, id: string): Promise<MqttClient> {
    const client = mqtt.connect(broker.url, {
      username: id,
      password: creds.get(id),
      protocolVersion: 5,
      reconnectPeriod: 0,
    });
    clients.push(client);
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    return client;
  }

  it('publishes under its own id and is refused under another device id', async () => {
    const broker = await brokerFromRecords();
    const a = await connect(broker, 'acl-meter-a');
    const own = (await a.publishAsync(telemetryTopic('acl-meter-a'), '{}', { qos: 1 })) as
      IPubackPacket | undefined;
    expect(own?.reasonCode ?? 0).toBe(0);
    const spoofed = await a.publishAsync(telemetryTopic('acl-meter-b'), '{}', { qos: 1 }).then(
      (p) => (p as IPubackPacket | undefined)?.reasonCode,
      (error: { code?: number }) => error.code,
    );
    expect(spoofed).toBe(135); // MQTT 5: 0x87 Not authorized
  });

  it('cannot connect once disabled through the API and the files are regenerated', async () => {
    expect((await admin('POST', '/api/devices/acl-meter-b/disable')).status).toBe(200);
    const broker = await brokerFromRecords();
    await expect(connect(broker, 'acl-meter-b')).rejects.toThrow(/Not authorized|Bad User Name or Password/i);
    await expect(connect(broker, 'acl-meter-a')).resolves.toBeDefined();
  });
});

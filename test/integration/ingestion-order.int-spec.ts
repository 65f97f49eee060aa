/**
 * A device's readings reach Kafka in the order the device sent them (real Mosquitto, Kafka, PostgreSQL). Rules that
 * ignore a reading older than the last one applied (a duration rule, a state signal) depend on it: while ingestion
 * opened two connections in its shared-subscription group, the broker dealt a device's consecutive readings to
 * both, a later one could overtake an earlier one, and a reactor's high-high trip was missed.
 */
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import mqtt from 'mqtt';
import { startIngestion } from '../../apps/ingestion/src/main';
import { ingestionConfigSpec } from '../../apps/ingestion/src/ingestion.config';
import { KafkaBus, type Subscription } from '@park/bus';
import { loadConfig } from '@park/config';
import { telemetryTopic, topicName, type TelemetryRecord } from '@park/contracts';
import { DeviceEntity, EnterpriseEntity } from '@park/records';
import { startMosquitto, type MosquittoInstance } from '../support/mosquitto-instance';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { waitFor } from '../support/wait-for';

describe("ingestion keeps each device's order", () => {
  let env: TestEnvironment;
  let broker: MosquittoInstance;
  let app: INestApplication | INestApplicationContext | undefined;
  let bus: KafkaBus | undefined;
  let sub: Subscription | undefined;
  let publisher: mqtt.MqttClient | undefined;

  beforeAll(async () => {
    env = await createTestEnvironment('order');
    broker = await startMosquitto();
  });

  afterAll(async () => {
    await publisher?.endAsync();
    await sub?.close();
    await app?.close();
    await bus?.close();
    await broker?.stop();
    await env?.teardown();
  });

  it('hands every reading of a device on in the order the device sent it (6 devices in a burst)', async () => {
    const enterprise = await env.records
      .getRepository(EnterpriseEntity)
      .save({ name: '顺序测试企业', creditCode: '91350100M000100Y51', isDemo: false });
    const ids = Array.from({ length: 6 }, (_, i) => `ord-${env.runId.slice(-6)}-${i}`);
    await env.records.getRepository(DeviceEntity).save(
      ids.map((id) => ({
        id,
        enterpriseId: enterprise.id,
        name: id,
        kind: 'power-meter',
        role: 'production',
        line: 'L1',
        location: null,
        enabled: true,
        credentialHash: null,
        expectedIntervalS: 10,
        isDemo: false,
      })),
    );
    const namespace = `${env.namespace}-order`;
    app = await startIngestion(
      loadConfig(ingestionConfigSpec, {
        DATABASE_URL: env.databaseUrl,
        KAFKA_BROKERS: env.kafkaBrokers.join(','),
        PARK_NAMESPACE: namespace,
        KAFKA_TOPIC_PARTITIONS: '3',
        INFLUX_URL: env.influxUrl,
        INFLUX_DATABASE: env.influxDatabase,
        MQTT_URL: broker.url,
        MQTT_CLIENT_ID: `ingest-order-${env.runId}`,
        MQTT_SHARE_GROUP: `ingestion-order-${env.runId}`,
        INGEST_HTTP_PORT: '0',
        RUN_LIVENESS: 'false',
        RUN_TELEMETRY_WRITER: 'false',
      }),
    );

    const received = new Map<string, number[]>(ids.map((id) => [id, []]));
    bus = new KafkaBus({ brokers: env.kafkaBrokers, clientId: 'order-probe', partitions: 3 });
    sub = await bus.consume(
      { groupId: `probe.${namespace}`, topics: [topicName('telemetry', namespace)], fromBeginning: true },
      (messages) => {
        for (const m of messages) {
          const record = JSON.parse(m.value!.toString('utf8')) as TelemetryRecord;
          received.get(record.deviceId)?.push(record.ts);
        }
        return Promise.resolve();
      },
    );

    // One client sends every device's readings back to back (QoS 1, not waiting for each PUBACK): the broker
    // receives them in order and passes them on as fast as it can.
    publisher = await mqtt.connectAsync(broker.url, {
      clientId: `order-pub-${env.runId}`,
      protocolVersion: 5,
    });
    const perDevice = 300;
    const base = Date.now() - 600_000;
    const sends: Promise<unknown>[] = [];
    for (let n = 0; n < perDevice; n++) {
      for (const id of ids) {
        const payload = JSON.stringify({ ts: base + n * 1_000, values: { kw: n, voltage: 380 } });
        sends.push(publisher.publishAsync(telemetryTopic(id), payload, { qos: 1 }));
      }
    }
    await Promise.all(sends);

    await waitFor('every reading on the telemetry topic', () => {
      const counts = [...received.values()].map((ts) => ts.length);
      if (counts.every((c) => c >= perDevice)) return true;
      throw new Error(`received so far: ${counts.join(', ')} of ${perDevice} each`);
    });
    const expected = Array.from({ length: perDevice }, (_, n) => base + n * 1_000);
    for (const id of ids) expect({ id, ts: received.get(id) }).toEqual({ id, ts: expected });
  });
});

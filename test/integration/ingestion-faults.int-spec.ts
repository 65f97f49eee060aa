/**
 * Ingestion loses nothing under faults (real Mosquitto, Kafka, InfluxDB, PostgreSQL):
 * - kill -9 of ingestion mid-stream, then a restart: every acknowledged reading is in InfluxDB exactly once;
 * - InfluxDB down for 60 s while devices keep publishing: nothing lost, the writer's lag drains afterwards;
 * - the Kafka broker restarted mid-stream: nothing lost that the broker acknowledged to a device;
 * - a flood of malformed payloads mixed with good ones: every good one stored, every bad one on the rejected topic.
 * Mosquitto, InfluxDB and Kafka are private instances where the test stops them, so no other suite is disturbed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import mqtt from 'mqtt';
import { startIngestion } from '../../apps/ingestion/src/main';
import { ingestionConfigSpec } from '../../apps/ingestion/src/ingestion.config';
import { KafkaBus, type Subscription } from '@park/bus';
import { loadConfig } from '@park/config';
import { telemetryTopic, topicName, type RejectedTelemetry } from '@park/contracts';
import { DeviceEntity, EnterpriseEntity } from '@park/records';
import { InfluxV1Store } from '@park/telemetry-store';
import { freePort, startMosquitto, type MosquittoInstance } from '../support/mosquitto-instance';
import { startPrivateInflux, startPrivateKafka } from '../support/private-services';
import { connectSequencedFleet } from '../support/sequenced-publishers';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { waitFor } from '../support/wait-for';

const REPO = resolve(__dirname, '../..');

describe('ingestion under faults', () => {
  let env: TestEnvironment;
  let broker: MosquittoInstance;
  let enterpriseId: string;

  beforeAll(async () => {
    env = await createTestEnvironment('faults');
    broker = await startMosquitto();
    const enterprise = await env.records
      .getRepository(EnterpriseEntity)
      .save({ name: '故障测试企业', creditCode: '91350100M000100Y43', isDemo: false });
    enterpriseId = enterprise.id;
  });

  afterAll(async () => {
    await broker?.stop();
    await env?.teardown();
  });

  async function addMeters(prefix: string, count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, (_, i) => `${prefix}-${env.runId.slice(-6)}-${i}`);
    await env.records.getRepository(DeviceEntity).save(
      ids.map((id) => ({
        id,
        enterpriseId,
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
    return ids;
  }

  function ingestionEnv(label: string, overrides: Record<string, string> = {}): Record<string, string> {
    return {
      DATABASE_URL: env.databaseUrl,
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      PARK_NAMESPACE: `${env.namespace}-${label}`,
      KAFKA_TOPIC_PARTITIONS: '3',
      INFLUX_URL: env.influxUrl,
      INFLUX_DATABASE: env.influxDatabase,
      MQTT_URL: broker.url,
      MQTT_CLIENT_ID: `ingest-${label}-${env.runId}`,
      MQTT_SHARE_GROUP: `ingestion-${label}-${env.runId}`,
      INGEST_HTTP_PORT: '0',
      ...overrides,
    };
  }

  async function countPerDevice(store: InfluxV1Store, ids: readonly string[]): Promise<Map<string, number>> {
    const series = await store.select(
      `SELECT count("kw") FROM "raw"."power_meter" WHERE "enterprise" = '${enterpriseId}' GROUP BY "device"`,
    );
    const counts = new Map(ids.map((id) => [id, 0]));
    for (const s of series as unknown as { tags: { device: string }; values: [number, number][] }[]) {
      if (counts.has(s.tags.device)) counts.set(s.tags.device, s.values[0][1]);
    }
    return counts;
  }

  async function expectExactlyOnce(
    store: InfluxV1Store,
    ids: readonly string[],
    perDevice: number,
    what: string,
  ) {
    const counts = await waitFor(
      what,
      async () => {
        const c = await countPerDevice(store, ids);
        if ([...c.values()].every((n) => n >= perDevice)) return c;
        throw new Error(`stored so far: ${[...c.values()].join(', ')} of ${perDevice} each`);
      },
      120_000,
      500,
    );
    expect([...counts.values()]).toEqual(ids.map(() => perDevice));
  }

  it('kill -9 mid-stream, then restart: every acknowledged reading is in InfluxDB exactly once', async () => {
    const ids = await addMeters('k9', 10);
    const port = await freePort();
    const childEnv = ingestionEnv('k9', { INGEST_HTTP_PORT: String(port) });
    const spawnIngestion = (): ChildProcess =>
      spawn(process.execPath, [resolve(REPO, 'dist/apps/ingestion/src/main.js')], {
        env: { ...process.env, ...childEnv },
        stdio: 'ignore',
      });
    const ready = () =>
      waitFor(
        'ingestion ready',
        async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok,
        60_000,
        200,
      );

    let child = spawnIngestion();
    const fleet = await connectSequencedFleet(broker.url, ids, Date.now() - 60_000);
    try {
      await ready();
      const perDevice = 300;
      const publishing = fleet.run(perDevice, 1500);
      await waitFor('some readings stored', async () =>
        [...(await countPerDevice(env.influx, ids)).values()].some((n) => n > 20),
      );
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
      child = spawnIngestion();
      await ready();
      await publishing;
      expect([...fleet.acked.values()]).toEqual(ids.map(() => perDevice));
      await expectExactlyOnce(env.influx, ids, perDevice, 'every reading after the restart');
    } finally {
      await fleet.close();
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });

  it('InfluxDB down for 60 s while devices keep publishing: nothing lost, the lag drains', async () => {
    const influx = await startPrivateInflux();
    const store = new InfluxV1Store({ url: influx.url, database: env.influxDatabase });
    const ids = await addMeters('ifx', 5);
    let app: INestApplication | INestApplicationContext | undefined;
    const fleet = await connectSequencedFleet(broker.url, ids, Date.now() - 120_000);
    try {
      app = await startIngestion(
        loadConfig(ingestionConfigSpec, ingestionEnv('ifx', { INFLUX_URL: influx.url })),
      );
      const perDevice = 140;
      const publishing = fleet.run(perDevice, 10); // 70 s of readings
      await waitFor('first readings stored', async () =>
        [...(await countPerDevice(store, ids)).values()].some((n) => n > 0),
      );
      await influx.stop();
      await new Promise((r) => setTimeout(r, 60_000)); // the outage itself is the point of this test
      await influx.start();
      await publishing;
      await expectExactlyOnce(store, ids, perDevice, 'the backlog drained into InfluxDB');
    } finally {
      await fleet.close();
      await app?.close();
      await influx.destroy();
    }
  }, 240_000);

  it('Kafka broker restarted mid-stream: nothing lost that the broker acknowledged', async () => {
    const kafka = await startPrivateKafka();
    const ids = await addMeters('kfk', 5);
    let app: INestApplication | INestApplicationContext | undefined;
    const fleet = await connectSequencedFleet(broker.url, ids, Date.now() - 180_000);
    try {
      app = await startIngestion(
        loadConfig(ingestionConfigSpec, ingestionEnv('kfk', { KAFKA_BROKERS: kafka.url })),
      );
      const perDevice = 200;
      const publishing = fleet.run(perDevice, 100); // 10 s of readings
      await waitFor('first readings stored', async () =>
        [...(await countPerDevice(env.influx, ids)).values()].some((n) => n > 10),
      );
      await kafka.stop();
      await kafka.start();
      await publishing;
      expect([...fleet.acked.values()]).toEqual(ids.map(() => perDevice));
      await expectExactlyOnce(env.influx, ids, perDevice, 'every reading after the Kafka restart').catch(
        async (error: Error) => {
          // Tells loss before Kafka from loss after it: how many records the telemetry topic holds.
          const admin = new Kafka({ brokers: [kafka.url], logLevel: logLevel.NOTHING }).admin();
          await admin.connect();
          const offsets = await admin.fetchTopicOffsets(topicName('telemetry', `${env.namespace}-kfk`));
          await admin.disconnect();
          const held = offsets.reduce((sum, o) => sum + Number(o.high) - Number(o.low), 0);
          throw new Error(`${error.message}; the telemetry topic holds ${held} records`);
        },
      );
    } finally {
      await fleet.close();
      await app?.close();
      await kafka.destroy();
    }
  }, 240_000);

  it('a flood of malformed payloads mixed with good ones: all good stored, all bad on the rejected topic', async () => {
    const ids = await addMeters('fld', 4);
    const label = 'fld';
    const app = await startIngestion(loadConfig(ingestionConfigSpec, ingestionEnv(label)));
    const bus = new KafkaBus({ brokers: env.kafkaBrokers, clientId: 'flood-probe', partitions: 3 });
    const rejected: RejectedTelemetry[] = [];
    let sub: Subscription | undefined;
    let client: mqtt.MqttClient | undefined;
    try {
      sub = await bus.consume(
        {
          groupId: `probe.${env.namespace}-${label}`,
          topics: [topicName('telemetryRejected', `${env.namespace}-${label}`)],
          fromBeginning: true,
        },
        (messages) => {
          for (const m of messages) rejected.push(JSON.parse(m.value!.toString('utf8')) as RejectedTelemetry);
          return Promise.resolve();
        },
      );
      const base = Date.now() - 240_000;
      const bad = [
        '{"ts": 1, "values": ',
        JSON.stringify({ ts: base, values: { kw: 'high' } }),
        JSON.stringify({ ts: base, values: { watts: 1 } }),
        JSON.stringify({ ts: Date.now() + 3_600_000, values: { kw: 1 } }),
        `{"ts": ${base}, "values": {"kw": 1e999}}`,
        'x'.repeat(70_000),
      ];
      const perDevice = 250;
      client = await mqtt.connectAsync(broker.url, {
        clientId: `flood-${env.runId}`,
        protocolVersion: 5,
      });
      const sends: Promise<unknown>[] = [];
      let badSent = 0;
      for (let n = 0; n < perDevice; n++) {
        for (const id of ids) {
          sends.push(
            client.publishAsync(
              telemetryTopic(id),
              JSON.stringify({ ts: base + n, values: { kw: n, voltage: 380 } }),
              { qos: 1 },
            ),
          );
          sends.push(client.publishAsync(telemetryTopic(id), bad[(n + badSent) % bad.length], { qos: 1 }));
          badSent++;
        }
      }
      sends.push(client.publishAsync('park/v1/devices/../telemetry', '{}', { qos: 1 }));
      badSent++;
      await Promise.all(sends);
      await expectExactlyOnce(env.influx, ids, perDevice, 'all good readings of the flood');
      const metricsUrl = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/metrics`;
      await waitFor(
        `every bad payload on the rejected topic (${badSent}); ingestion: ${await (
          await fetch(metricsUrl)
        )
          .text()
          .then((t) =>
            t
              .split('\n')
              .filter((l) => l.startsWith('park_ingest_rejected'))
              .join('; '),
          )}`,
        () => {
          if (rejected.length >= badSent) return true;
          throw new Error(`${rejected.length} so far`);
        },
        60_000,
      );
      expect(rejected).toHaveLength(badSent);
      const reasons = new Set(rejected.map((r) => r.reason));
      expect([...reasons].sort()).toEqual(
        [
          'BAD_TOPIC',
          'MALFORMED_JSON',
          'NON_FINITE',
          'PAYLOAD_TOO_LARGE',
          'TS_IN_FUTURE',
          'UNKNOWN_METRIC',
          'WRONG_TYPE',
        ].sort(),
      );
    } finally {
      await client?.endAsync(true);
      await sub?.close();
      await bus.close();
      await app.close();
    }
  }, 180_000);
});

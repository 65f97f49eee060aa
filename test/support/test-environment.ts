import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { KAFKA_TOPICS, topicName, type TopicKey } from '@park/contracts';
import { openRecords } from '@park/records';
import { InfluxV1Store } from '@park/telemetry-store';

/**
 * One isolated world per test file on the real services: its own PostgreSQL database, InfluxDB database,
 * Kafka topic/group namespace and MQTT share group, all suffixed with a run id and removed afterwards.
 */
export interface TestEnvironment {
  readonly runId: string;
  readonly databaseUrl: string;
  readonly influxUrl: string;
  readonly influxDatabase: string;
  readonly kafkaBrokers: string[];
  readonly mqttUrl: string;
  readonly namespace: string;
  readonly records: DataSource;
  readonly influx: InfluxV1Store;
  teardown(): Promise<void>;
}

const PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const INFLUX_URL = process.env.TEST_INFLUX_URL ?? 'http://127.0.0.1:8086';
const KAFKA_BROKERS = (process.env.TEST_KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const MQTT_URL = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';

export async function createTestEnvironment(label: string): Promise<TestEnvironment> {
  const runId = `${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`.toLowerCase();
  const dbName = `park_test_${runId}`;
  const admin = new Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  const databaseUrl = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`);
  const records = await openRecords(databaseUrl, { migrate: true });
  const influxDatabase = `park_test_${runId}`;
  const influx = new InfluxV1Store({ url: INFLUX_URL, database: influxDatabase });
  const namespace = runId.replace(/_/g, '-');

  return {
    runId,
    databaseUrl,
    influxUrl: INFLUX_URL,
    influxDatabase,
    kafkaBrokers: KAFKA_BROKERS,
    mqttUrl: MQTT_URL,
    namespace,
    records,
    influx,
    async teardown() {
      await records.destroy();
      const pg = new Client({ connectionString: PG_ADMIN_URL });
      await pg.connect();
      await pg.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await pg.end();
      await influx.dropDatabase().catch(() => undefined);
      await deleteNamespaceTopics(namespace);
    },
  };
}

async function deleteNamespaceTopics(namespace: string): Promise<void> {
  const kafka = new Kafka({
    clientId: 'park-test-cleanup',
    brokers: KAFKA_BROKERS,
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const ours = (Object.keys(KAFKA_TOPICS) as TopicKey[])
      .map((k) => topicName(k, namespace))
      .filter((t) => existing.has(t));
    if (ours.length > 0) await admin.deleteTopics({ topics: ours, timeout: 10_000 });
    const groups = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => g.endsWith(namespace));
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}

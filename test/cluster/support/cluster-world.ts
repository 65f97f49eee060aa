/**
 * One run's world on the test bed: its database, InfluxDB database and Kafka namespace (createTestEnvironment,
 * pointed at the test bed's services by test/cluster/run.sh), the demo park's users, the devices of the load, the
 * broker's password file for them, and two instances of every app on their own hosts.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import mqtt from 'mqtt';
import { generateSecret, hashDeviceSecret } from '@park/auth';
import { DeviceEntity, DeviceRepository, EnterpriseEntity, seedDemoPark } from '@park/records';
import { renderMosquittoAuth } from '@park/mqtt';
import { createTestEnvironment, type TestEnvironment } from '../../support/test-environment';
import { waitFor } from '../../support/wait-for';
import type { FleetDevice } from './device-fleet';
import {
  ADDR,
  AppFleet,
  CLUSTER_HOME,
  healthy,
  ingestionSecret,
  KAFKA_BROKERS,
  SERVICE_MQTT_URL,
  testbed,
  type AppHost,
} from './testbed';

export const PASSWORD = 'cluster-password-1';
export const JWT_SECRET = 'cluster-test-secret-that-is-long-enough-0123456789';

export interface ClusterWorld {
  readonly env: TestEnvironment;
  readonly apps: AppFleet;
  readonly devices: FleetDevice[];
  readonly deviceSecret: string;
  readonly enterpriseId: string;
  readonly apiUrl: (host: 'api1' | 'api2') => string;
  readonly ingestUrl: (host: 'ingest1' | 'ingest2') => string;
  /** Ends a stopped ingestion instance's MQTT session (clean start, session expiry 0): scaling in for good. */
  endIngestionSession(host: 'ingest1' | 'ingest2'): Promise<void>;
  /** Waits until every app answers (ingestion, api: /health; rules: two members in its consumer group). */
  ready(hosts?: readonly AppHost[]): Promise<void>;
  teardown(): Promise<void>;
}

export async function createClusterWorld(meters: number, gasDetectors: number): Promise<ClusterWorld> {
  const env = await createTestEnvironment('cluster');
  await seedDemoPark(env.records, PASSWORD);
  // The demo park's own devices never publish here: disabled, they raise no offline alerts into the counts.
  await env.records.getRepository(DeviceEntity).update({ isDemo: true }, { enabled: false });
  const enterprise = await env.records
    .getRepository(EnterpriseEntity)
    .save({ name: '集群测试企业', creditCode: '91350100M000100C16', isDemo: false });
  const suffix = env.runId.slice(-6);
  const devices: FleetDevice[] = [
    ...Array.from({ length: meters }, (_, i) => ({ id: `cm-${suffix}-${i}`, kind: 'power-meter' as const })),
    ...Array.from({ length: gasDetectors }, (_, i) => ({
      id: `cg-${suffix}-${i}`,
      kind: 'combustible-gas' as const,
    })),
  ];
  const deviceSecret = generateSecret();
  const hash = await hashDeviceSecret(deviceSecret);
  await env.records.getRepository(DeviceEntity).save(
    devices.map((d) => ({
      id: d.id,
      enterpriseId: enterprise.id,
      name: d.id,
      kind: d.kind,
      role: 'production' as const,
      line: 'L1',
      location: null,
      enabled: true,
      credentialHash: hash,
      // Long: a device silent for a minute of a fault is not what these tests count.
      expectedIntervalS: 3600,
      isDemo: false,
    })),
  );
  // The broker learns the devices as in production: files rendered from the records, then a reload.
  const files = renderMosquittoAuth(await new DeviceRepository(env.records).brokerAccounts(), []);
  writeFileSync(resolve(CLUSTER_HOME, 'mqtt/passwd'), files.passwordFile, { mode: 0o600 });
  writeFileSync(resolve(CLUSTER_HOME, 'mqtt/acl'), files.aclFile, { mode: 0o600 });
  testbed('reload-mqtt');

  const common = {
    DATABASE_URL: env.databaseUrl,
    KAFKA_BROKERS: KAFKA_BROKERS.join(','),
    PARK_NAMESPACE: env.namespace,
    KAFKA_TOPIC_PARTITIONS: '6',
    KAFKA_TOPIC_REPLICATION: '3',
    LOG_LEVEL: 'log',
  };
  const apps = new AppFleet();
  const ingestUrl = (host: 'ingest1' | 'ingest2') => `http://${ADDR[host]}:9464`;
  const apiUrl = (host: 'api1' | 'api2') => `http://${ADDR[host]}:3000`;
  for (const host of ['ingest1', 'ingest2'] as const) {
    apps.start(host, 'ingestion', {
      ...common,
      INFLUX_URL: env.influxUrl,
      INFLUX_DATABASE: env.influxDatabase,
      MQTT_URL: SERVICE_MQTT_URL,
      MQTT_USERNAME: 'park-ingestion',
      MQTT_PASSWORD: ingestionSecret(),
      MQTT_CLIENT_ID: `park-${host}-${env.runId}`,
      MQTT_SHARE_GROUP: `ingestion-${env.runId}`,
      INGEST_HTTP_HOST: ADDR[host],
      INGEST_HTTP_PORT: '9464',
    });
  }
  for (const host of ['rules1', 'rules2'] as const) {
    apps.start(host, 'rules', {
      ...common,
      OUTBOX_POLL_MS: '100',
      RULES_TICK_MS: '1000',
      REPEAT_EVENT_EVERY_MS: '0',
      RULES_HTTP_HOST: ADDR[host],
      RULES_HTTP_PORT: '9466',
    });
  }
  for (const host of ['api1', 'api2'] as const) {
    apps.start(host, 'api', {
      ...common,
      INFLUX_URL: env.influxUrl,
      INFLUX_DATABASE: env.influxDatabase,
      JWT_SECRET,
      API_HOST: ADDR[host],
      API_PORT: '3000',
      API_INSTANCE_ID: `${host}-${env.runId}`,
      API_RATE_LIMIT_PER_USER: '0',
      API_RATE_LIMIT_PER_ADDRESS: '0',
    });
  }

  const kafka = new Kafka({ clientId: 'cluster-probe', brokers: KAFKA_BROKERS, logLevel: logLevel.NOTHING });
  async function rulesMembers(): Promise<number> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups([`rules.${env.namespace}`]);
      return groups[0]?.state === 'Stable' ? groups[0].members.length : 0;
    } finally {
      await admin.disconnect();
    }
  }

  const world: ClusterWorld = {
    env,
    apps,
    devices,
    deviceSecret,
    enterpriseId: enterprise.id,
    apiUrl,
    ingestUrl,
    async ready(hosts = ['ingest1', 'ingest2', 'rules1', 'rules2', 'api1', 'api2']) {
      for (const host of hosts) {
        if (host === 'ingest1' || host === 'ingest2')
          await waitFor(`ingestion on ${host}`, () => healthy(ingestUrl(host)), 120_000, 250);
        if (host === 'api1' || host === 'api2')
          await waitFor(`api on ${host}`, () => healthy(apiUrl(host)), 120_000, 250);
      }
      if (hosts.some((h) => h.startsWith('rules')))
        await waitFor(
          'both rules instances in a stable group',
          async () => (await rulesMembers()) === 2,
          120_000,
          500,
        );
    },
    async endIngestionSession(host) {
      const client = await mqtt.connectAsync(SERVICE_MQTT_URL, {
        clientId: `park-${host}-${env.runId}-1`,
        username: 'park-ingestion',
        password: ingestionSecret(),
        protocolVersion: 5,
        clean: true,
        properties: { sessionExpiryInterval: 0 },
        reconnectPeriod: 0,
      });
      await client.endAsync();
    },
    async teardown() {
      await apps.stopAll();
      await env.teardown();
    },
  };
  return world;
}

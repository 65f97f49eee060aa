import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import mqtt, { type MqttClient } from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import { apiConfigSpec } from '../../apps/api/src/api.config';
import { startApi, type ApiOptions } from '../../apps/api/src/main';
import { ingestionConfigSpec } from '../../apps/ingestion/src/ingestion.config';
import { startIngestion } from '../../apps/ingestion/src/main';
import { rulesConfigSpec } from '../../apps/rules/src/rules.config';
import { startRules } from '../../apps/rules/src/main';
import { loadConfig } from '@park/config';
import type { AlertEvent } from '@park/contracts';
import { login } from './records-api';
import type { TestEnvironment } from './test-environment';

export interface PlatformStackOptions {
  /** Names the run's API instance (`<label>-<runId>`) and JWT secret; the label the suite gave its environment. */
  readonly label: string;
  /** The seeded users' password (seedDemoPark), for `login`. */
  readonly password: string;
  /** Ingestion settings over the environment's Kafka, InfluxDB and MQTT ones. */
  readonly ingestion?: Record<string, string>;
  /**
   * The rules service's own settings; by default a 100 ms outbox poll and a 500 ms tick, so time-driven rules act
   * within a suite's waits. Or a function that starts the rules service the suite's own way (a child process it
   * can kill), called where the stack would start it; the suite then stops it itself.
   */
  readonly rules?: Record<string, string> | (() => Promise<void>);
  /** API settings over the environment's database and Kafka, the JWT secret, a free port and the instance id. */
  readonly api?: Record<string, string>;
  readonly apiOptions?: ApiOptions;
}

/** The microservices (ingestion, rules, api) running in this process on a test environment's real services. */
export interface PlatformStack {
  readonly ingestion: INestApplication;
  /** Null when the suite runs the rules service itself (`options.rules` a function). */
  readonly rules: INestApplicationContext | null;
  readonly api: INestApplication;
  readonly apiUrl: string;
  /** An access token for a seeded user; fails unless the login answers 200. */
  login(username: string): Promise<string>;
  /** A socket.io client with `token` that collects every `alert` event; resolves once the server said `ready`. */
  collectAlerts(token: string): Promise<AlertEvent[]>;
  /** An MQTT 5 connection as the device (client id `<deviceId>-<runId>`), once the broker accepted it. */
  connectDevice(deviceId: string): Promise<MqttClient>;
  /** Closes sockets and device connections, then api, rules and ingestion; the environment stays the suite's. */
  stop(): Promise<void>;
}

const DEFAULT_RULES_SETTINGS = { OUTBOX_POLL_MS: '100', RULES_TICK_MS: '500' };

export async function startPlatformStack(
  env: TestEnvironment,
  options: PlatformStackOptions,
): Promise<PlatformStack> {
  const common = {
    DATABASE_URL: env.databaseUrl,
    KAFKA_BROKERS: env.kafkaBrokers.join(','),
    PARK_NAMESPACE: env.namespace,
    KAFKA_TOPIC_PARTITIONS: '3',
  };
  const sockets: Socket[] = [];
  const devices: MqttClient[] = [];
  let ingestion: INestApplication | null = null;
  let rules: INestApplicationContext | null = null;
  let api: INestApplication | null = null;
  let apiUrl: string;

  async function stop(): Promise<void> {
    for (const socket of sockets) socket.close();
    await Promise.all(devices.map((client) => client.endAsync()));
    await api?.close();
    await rules?.close();
    await ingestion?.close();
  }

  try {
    ingestion = await startIngestion(
      loadConfig(ingestionConfigSpec, {
        ...common,
        INFLUX_URL: env.influxUrl,
        INFLUX_DATABASE: env.influxDatabase,
        MQTT_URL: env.mqttUrl,
        MQTT_CLIENT_ID: `park-ingestion-${env.runId}`,
        MQTT_SHARE_GROUP: `ingestion-${env.runId}`,
        INGEST_HTTP_PORT: '0',
        ...options.ingestion,
      }),
    );
    if (typeof options.rules === 'function') {
      await options.rules();
    } else {
      const settings = options.rules ?? DEFAULT_RULES_SETTINGS;
      rules = await startRules(loadConfig(rulesConfigSpec, { ...common, RULES_HTTP_PORT: '0', ...settings }));
    }
    api = await startApi(
      loadConfig(apiConfigSpec, {
        ...common,
        JWT_SECRET: `${options.label}-secret-that-is-long-enough-0123456789`,
        API_PORT: '0',
        API_INSTANCE_ID: `${options.label}-${env.runId}`,
        ...options.api,
      }),
      options.apiOptions,
    );
    apiUrl = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  } catch (error) {
    // A suite's afterAll only sees a stack that started: what did start must not outlive the failed start.
    await stop().catch(() => undefined);
    throw error;
  }
  return {
    ingestion,
    rules,
    api,
    apiUrl,
    stop,
    login: (username) => login(apiUrl, username, options.password),
    async collectAlerts(token) {
      const received: AlertEvent[] = [];
      const socket = io(apiUrl, { auth: { token }, transports: ['websocket'] });
      sockets.push(socket);
      socket.on('alert', (event: AlertEvent) => received.push(event));
      await new Promise<void>((resolve, reject) => {
        socket.once('ready', () => resolve());
        socket.once('connect_error', reject);
      });
      return received;
    },
    async connectDevice(deviceId) {
      const client = mqtt.connect(env.mqttUrl, {
        clientId: `${deviceId}-${env.runId}`,
        username: deviceId,
        protocolVersion: 5,
      });
      devices.push(client);
      await new Promise<void>((resolve, reject) => {
        client.once('connect', () => resolve());
        client.once('error', reject);
      });
      return client;
    },
  };
}

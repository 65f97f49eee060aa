/**
 * Silent devices on the real services, in both ways the platform runs:
 * - microservices: PostgreSQL records, Kafka, Mosquitto, ingestion, rules and api as separate apps;
 * - standalone: SQLite records, the in-process bus, the embedded broker, all in one process (`npm start`).
 * In each, an admin provisions a device with a 1 s interval that never publishes: an `offline` alert arrives over
 * socket.io after 3 × 1 s (the built-in rule's factor), and its first reading over MQTT resolves it. A restart of the
 * platform opens nothing for a device that was fine before it (though the platform was down for longer than
 * 3 intervals) and keeps the one open alert of a device already offline; disabling that device resolves its alert.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import mqtt, { type MqttClient } from 'mqtt';
import { io, type Socket } from 'socket.io-client';
import { startApi } from '../../apps/api/src/main';
import { apiConfigSpec } from '../../apps/api/src/api.config';
import { startIngestion } from '../../apps/ingestion/src/main';
import { ingestionConfigSpec } from '../../apps/ingestion/src/ingestion.config';
import { startRules } from '../../apps/rules/src/main';
import { rulesConfigSpec } from '../../apps/rules/src/rules.config';
import { startStandalone, type RunningPlatform } from '../../apps/standalone/src/standalone';
import { standaloneConfigSpec } from '../../apps/standalone/src/standalone.config';
import { loadConfig } from '@park/config';
import { telemetryTopic, type AlertEvent, type AlertView } from '@park/contracts';
import { seedDemoPark } from '@park/records';
import { caller, login, type Caller } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'silent-password-1';
const DEMO_CREDIT_CODE = '91320681MA1PARK01Y';
/** The built-in device-offline rule's factor: offline after more than 3 × the device's interval of silence. */
const FACTOR = 3;
const INTERVAL_S = 1;
const ALLOWED_MS = FACTOR * INTERVAL_S * 1000;
/** Ticks every 5 s in the standalone mode (the default), 0.5 s in the microservices run; readings, alerts, slack. */
const ALERT_TIMEOUT_MS = 30_000;

/** One running platform: where its API and broker are, and how it restarts. */
interface Platform {
  readonly apiUrl: string;
  readonly mqttUrl: string;
  readonly mqttProtocol: 4 | 5;
  /** Stops what judges devices (the rules service, and what feeds it), waits for `whileDown`, starts them again. */
  restart(whileDown: () => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/** A provisioned device that publishes over MQTT with its own credentials. */
class FieldDevice {
  private client: MqttClient | null = null;
  private timer: NodeJS.Timeout | null = null;
  lastPublishedAt = 0;

  constructor(
    readonly id: string,
    private readonly password: string,
  ) {}

  async connect(platform: Platform): Promise<void> {
    const client = mqtt.connect(platform.mqttUrl, {
      clientId: `${this.id}-${Date.now().toString(36)}`,
      username: this.id,
      password: this.password,
      protocolVersion: platform.mqttProtocol,
      reconnectPeriod: 0,
    });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    this.client = client;
  }

  async publish(): Promise<void> {
    if (!this.client) throw new Error(`${this.id} is not connected`);
    const ts = Date.now();
    await this.client.publishAsync(telemetryTopic(this.id), JSON.stringify({ ts, values: { lel: 1 } }), {
      qos: 1,
    });
    this.lastPublishedAt = ts;
  }

  /** Publishes every `everyMs`, well inside its interval, as a healthy device does. */
  keepReporting(everyMs: number): void {
    this.timer = setInterval(() => void this.publish().catch(() => undefined), everyMs);
  }

  async quiet(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.client?.endAsync();
    this.client = null;
  }
}

/** The microservices on the real services, with the rules service ticking every 0.5 s. */
async function startMicroservices(): Promise<{ platform: Platform; teardown: () => Promise<void> }> {
  const env: TestEnvironment = await createTestEnvironment('silent');
  await seedDemoPark(env.records, PASSWORD);
  const common = {
    DATABASE_URL: env.databaseUrl,
    KAFKA_BROKERS: env.kafkaBrokers.join(','),
    PARK_NAMESPACE: env.namespace,
    KAFKA_TOPIC_PARTITIONS: '3',
  };
  const ingestionConfig = loadConfig(ingestionConfigSpec, {
    ...common,
    INFLUX_URL: env.influxUrl,
    INFLUX_DATABASE: env.influxDatabase,
    MQTT_URL: env.mqttUrl,
    MQTT_CLIENT_ID: `park-ingestion-${env.runId}`,
    MQTT_SHARE_GROUP: `ingestion-${env.runId}`,
    INGEST_HTTP_PORT: '0',
  });
  const rulesConfig = loadConfig(rulesConfigSpec, {
    ...common,
    OUTBOX_POLL_MS: '100',
    RULES_TICK_MS: '500',
    RULES_HTTP_PORT: '0',
  });
  let ingestion: INestApplication | null = await startIngestion(ingestionConfig);
  let rules: INestApplicationContext | null = await startRules(rulesConfig);
  const api: INestApplication = await startApi(
    loadConfig(apiConfigSpec, {
      ...common,
      INFLUX_URL: env.influxUrl,
      INFLUX_DATABASE: env.influxDatabase,
      JWT_SECRET: 'silent-secret-that-is-long-enough-0123456789',
      API_PORT: '0',
      API_INSTANCE_ID: `silent-${env.runId}`,
    }),
    { webRoot: null },
  );
  const platform: Platform = {
    apiUrl: (await api.getUrl()).replace('[::1]', '127.0.0.1'),
    mqttUrl: env.mqttUrl,
    mqttProtocol: 5,
    // The rules service and ingestion (whose liveness watch would otherwise see the pause as it happens) go down
    // together, as when the platform restarts; the api stays, so the socket keeps its connection.
    async restart(whileDown) {
      await rules?.close();
      rules = null;
      await ingestion?.close();
      ingestion = null;
      await whileDown();
      ingestion = await startIngestion(ingestionConfig);
      rules = await startRules(rulesConfig);
    },
    async stop() {
      await api.close();
      await rules?.close();
      await ingestion?.close();
    },
  };
  return { platform, teardown: () => env.teardown() };
}

/** The standalone mode as `npm start` runs it, without the simulated fleet; a restart is the whole process's. */
async function startStandaloneMode(): Promise<{ platform: Platform; teardown: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'park-silent-'));
  const config = loadConfig(standaloneConfigSpec, {
    PARK_DATA_DIR: dataDir,
    API_PORT: '0',
    MQTT_PORT: '0',
    OPS_PORT: '0',
    SIMULATE: 'false',
    DEMO_PASSWORD: PASSWORD,
  });
  let running: RunningPlatform | null = await startStandalone(config, { webRoot: null });
  const platform = {
    get apiUrl() {
      if (!running) throw new Error('the standalone platform is down');
      return running.webUrl;
    },
    get mqttUrl() {
      if (!running) throw new Error('the standalone platform is down');
      return running.mqttUrl;
    },
    mqttProtocol: 4 as const,
    async restart(whileDown: () => Promise<void>) {
      await running?.stop();
      running = null;
      await whileDown();
      running = await startStandalone(config, { webRoot: null });
    },
    async stop() {
      await running?.stop();
      running = null;
    },
  };
  return {
    platform,
    teardown: () => {
      rmSync(dataDir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

describe.each([
  ['microservices (PostgreSQL, Kafka)', startMicroservices],
  ['standalone (SQLite, in-process bus)', startStandaloneMode],
] as const)('silent devices raise offline, %s', (_mode, start) => {
  let platform: Platform;
  let teardown: () => Promise<void> = () => Promise.resolve();
  let admin: Caller;
  let officer: Caller;
  let enterpriseId: string;
  let socket: Socket | null = null;
  const pushed: AlertEvent[] = [];
  const devices: FieldDevice[] = [];
  const run = Date.now().toString(36);

  /** (Re)connects the officer's socket: the standalone API listens on a new port after a restart. */
  async function listen(): Promise<void> {
    socket?.close();
    const token = await login(platform.apiUrl, 'officer', PASSWORD);
    officer = caller(platform.apiUrl, token);
    admin = caller(platform.apiUrl, await login(platform.apiUrl, 'admin', PASSWORD));
    const s = io(platform.apiUrl, { auth: { token }, transports: ['websocket'] });
    s.on('alert', (event: AlertEvent) => pushed.push(event));
    await new Promise<void>((resolve, reject) => {
      s.once('ready', () => resolve());
      s.once('connect_error', reject);
    });
    socket = s;
  }

  /** Provisions a gas detector with a 1 s interval through the API, as an admin does; returns when it was enabled. */
  async function provision(name: string): Promise<{ device: FieldDevice; enabledAt: number }> {
    const id = `silent-${name}-${run}`;
    const enabledAt = Date.now();
    const res = await admin('POST', '/api/devices', {
      id,
      enterpriseId,
      name: `静默测试 ${name}`,
      kind: 'combustible-gas',
      expectedIntervalS: INTERVAL_S,
    });
    expect(res.status).toBe(201);
    const { credentials } = res.body as { credentials: { password: string } };
    const device = new FieldDevice(id, credentials.password);
    devices.push(device);
    return { device, enabledAt };
  }

  const offlineEvent = (deviceId: string, type: string) =>
    pushed.find(
      (e) => e.alert.subjectId === deviceId && e.alert.ruleKind === 'device-offline' && e.type === type,
    );
  const offlineAlerts = async (): Promise<AlertView[]> => {
    const res = await officer('GET', '/api/alerts?kind=device-offline&limit=500');
    expect(res.status).toBe(200);
    return res.body as AlertView[];
  };

  beforeAll(async () => {
    ({ platform, teardown } = await start());
    await listen();
    const enterprises = await admin('GET', `/api/enterprises?q=${DEMO_CREDIT_CODE}`);
    expect(enterprises.status).toBe(200);
    const page = enterprises.body as { items: { id: string; creditCode: string }[] };
    enterpriseId = page.items.find((e) => e.creditCode === DEMO_CREDIT_CODE)!.id;
  });

  afterAll(async () => {
    for (const device of devices) await device.quiet().catch(() => undefined);
    socket?.close();
    await platform?.stop();
    await teardown();
  });

  it('a device enabled and never heard from raises offline after 3 × its interval; its first reading resolves it', async () => {
    const { device, enabledAt } = await provision('never');

    const opened = await waitFor(
      'the offline alert of a device never heard from, on the socket',
      () => offlineEvent(device.id, 'opened'),
      ALERT_TIMEOUT_MS,
    );
    expect(opened.alert).toMatchObject({
      ruleKind: 'device-offline',
      subjectType: 'device',
      deviceId: device.id,
      status: 'open',
      unit: 'min',
      limit: ALLOWED_MS / 60_000,
      enterpriseName: '启东示范化工有限公司',
    });
    // Judged at its own interval × factor, counted from when it was enabled: not before.
    expect(opened.alert.openedAt - enabledAt).toBeGreaterThan(ALLOWED_MS);
    expect(opened.alert.explanation.zh).toContain('从未上报数据');

    await device.connect(platform);
    await device.publish();
    const resolved = await waitFor(
      'the offline alert resolved by the first reading',
      () => offlineEvent(device.id, 'resolved'),
      ALERT_TIMEOUT_MS,
    );
    expect(resolved.alert).toMatchObject({ id: opened.alert.id, status: 'resolved', resolvedBy: null });
    expect(resolved.alert.resolutionNote).toContain('首次上报数据');
    await device.quiet();
  });

  it('a restart opens nothing for a device that was fine and keeps the one open alert of a device already offline', async () => {
    const { device: fine } = await provision('fine');
    const { device: dead } = await provision('dead');
    await fine.connect(platform);
    fine.keepReporting(200);
    const deadOpened = await waitFor(
      'the silent device offline before the restart',
      () => offlineEvent(dead.id, 'opened'),
      ALERT_TIMEOUT_MS,
    );
    expect(offlineEvent(fine.id, 'opened')).toBeUndefined();
    const before = await offlineAlerts();
    const offlineBefore = new Set(before.filter((a) => a.status !== 'resolved').map((a) => a.subjectId));

    // The platform goes down; while it is, nothing reports for longer than 3 intervals.
    await fine.quiet();
    await platform.restart(() =>
      waitFor(
        'a pause longer than 3 intervals since the healthy device last reported',
        () => Date.now() - fine.lastPublishedAt > ALLOWED_MS + 1_000,
        ALERT_TIMEOUT_MS,
      ).then(() => undefined),
    );
    await listen();
    await fine.connect(platform);
    fine.keepReporting(200);

    // A device never heard from, enabled after the restart, is the clock: once its alert is in, every tick that
    // could have judged the healthy device from its reading before the restart has run.
    const { device: marker } = await provision('marker');
    await waitFor(
      'the marker device offline after the restart',
      () => offlineEvent(marker.id, 'opened'),
      ALERT_TIMEOUT_MS,
    );
    const after = await offlineAlerts();
    expect(after.filter((a) => a.subjectId === fine.id)).toEqual([]);
    const deadAlerts = after.filter((a) => a.subjectId === dead.id);
    expect(deadAlerts.map((a) => [a.id, a.status])).toEqual([[deadOpened.alert.id, 'open']]);
    // No device that was offline before the restart got a second alert (the demo park's silent devices included).
    const known = new Set(before.map((a) => a.id));
    const reopened = after.filter((a) => !known.has(a.id) && offlineBefore.has(a.subjectId));
    expect(reopened.map((a) => a.subjectId)).toEqual([]);
    expect(offlineBefore.has(dead.id)).toBe(true);
    const trail = await officer('GET', `/api/alerts/${deadOpened.alert.id}/events`);
    expect((trail.body as AlertEvent[]).map((e) => e.type).filter((t) => t !== 'repeated')).toEqual([
      'opened',
    ]);

    // Disabled: no longer expected to report, so its offline alert resolves (the built-in rule auto-resolves).
    const disabled = await admin('POST', `/api/devices/${dead.id}/disable`);
    expect(disabled.status).toBe(200);
    const resolved = await waitFor(
      'the disabled device’s offline alert resolved',
      () => offlineEvent(dead.id, 'resolved'),
      ALERT_TIMEOUT_MS,
    );
    expect(resolved.alert).toMatchObject({ id: deadOpened.alert.id, status: 'resolved' });
    expect(resolved.alert.resolutionNote).toContain('设备已停用');
  });
});

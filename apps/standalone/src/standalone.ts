import { mkdirSync, readFileSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { verifyDeviceSecret } from '@park/auth';
import { apiHttpSettings, loadConfig } from '@park/config';
import { brokerSecurityMetrics, EmbeddedBroker } from '@park/mqtt';
import {
  DeviceChangeListener,
  DeviceRepository,
  openRecords,
  seedDemoPark,
  type DemoLogins,
} from '@park/records';
import { runDemoTimeline } from '../../../simulators/src/fleet/demo-timeline';
import { Fleet } from '../../../simulators/src/fleet/fleet';
import { parseManifest } from '../../../simulators/src/fleet/manifest';
import { parkFleetManifest } from '../../../simulators/src/fleet/park-fleet';
import { apiConfigSpec } from '../../api/src/api.config';
import { demoDevicesFile } from '../../hj212-bridge/src/demo-loggers';
import { hj212BridgeConfigSpec } from '../../hj212-bridge/src/hj212-bridge.config';
import { Hj212TcpServer } from '../../hj212-bridge/src/hj212-tcp-server';
import { InProcessPublisher } from '../../hj212-bridge/src/in-process-publisher';
import { Hj212Metrics } from '../../hj212-bridge/src/hj212-metrics';
import { registerHj212Metrics } from '../../hj212-bridge/src/hj212-prometheus';
import { startHj212Bridge } from '../../hj212-bridge/src/main';
import { startApi } from '../../api/src/main';
import { ingestionConfigSpec } from '../../ingestion/src/ingestion.config';
import { IngestionMetrics } from '../../ingestion/src/ingestion-metrics';
import { IngestionService } from '../../ingestion/src/ingestion.service';
import { startIngestion } from '../../ingestion/src/main';
import { rulesConfigSpec } from '../../rules/src/rules.config';
import { startRules } from '../../rules/src/main';
import { holdPlatformLock } from './platform-lock';
import type { StandaloneConfig } from './standalone.config';

const DEMO_FLEET = resolve(__dirname, '../../../simulators/fleets/demo.json');

export interface RunningPlatform {
  readonly webUrl: string;
  readonly mqttUrl: string;
  readonly opsUrl: string;
  readonly dataDir: string;
  readonly logins: DemoLogins;
  readonly telemetry: 'embedded' | 'influxdb';
  /** The HJ 212 bridge's TCP address and devices file, when HJ212 is on. */
  readonly hj212: { readonly url: string; readonly devicesFile: string } | null;
  /** The simulated fleet, when SIMULATE is on. */
  readonly fleet: Fleet | null;
  stop(): Promise<void>;
}

/**
 * The whole platform in one process on embedded defaults: records in SQLite, the in-process bus, telemetry in the
 * embedded store (or InfluxDB when INFLUX_URL is set), the embedded MQTT broker with ingestion inside it, the
 * rules service, the API and the web app, the HJ 212 bridge publishing into that broker — the same modules as the microservices, wired to other adapters by
 * their configuration. Seeds the demo park on first start; keeps everything in PARK_DATA_DIR across restarts.
 */
export async function startStandalone(
  config: StandaloneConfig,
  options: { webRoot?: string | null } = {},
): Promise<RunningPlatform> {
  const logger = new Logger('Standalone');
  const dataDir = resolve(config.PARK_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const telemetry = config.INFLUX_URL ? 'influxdb' : 'embedded';
  const env: Record<string, string> = {
    DATABASE_URL: `sqlite:${join(dataDir, 'records.db')}`,
    BUS: 'in-process',
    TELEMETRY_SQLITE_PATH: telemetry === 'embedded' ? join(dataDir, 'telemetry.db') : '',
    INFLUX_URL: config.INFLUX_URL || 'http://127.0.0.1:8086',
    INFLUX_DATABASE: config.INFLUX_DATABASE,
    TELEMETRY_RETENTION_DAYS: String(config.TELEMETRY_RETENTION_DAYS),
    JWT_SECRET: config.JWT_SECRET || keptSecret(join(dataDir, 'jwt-secret')),
    // The rules service signs the alert links in messages, the API verifies them: one secret, kept like JWT_SECRET.
    ALERT_LINK_SECRET: config.ALERT_LINK_SECRET || keptSecret(join(dataDir, 'alert-link-secret')),
    PUBLIC_BASE_URL: config.PUBLIC_BASE_URL || localWebUrl(config.API_HOST, config.API_PORT),
    ALERT_LINK_TTL_MINUTES: String(config.ALERT_LINK_TTL_MINUTES),
    LOG_LEVEL: config.LOG_LEVEL,
    KAFKA_TOPIC_PARTITIONS: '3',
    // Durable: what the embedded broker acknowledged is in this journal before its PUBACK, and replayed after a crash.
    BUS_JOURNAL_PATH: join(dataDir, 'bus-journal.db'),
    // The API checks webhook URLs on save, the rules service on delivery: both read the same allow-list.
    WEBHOOK_ALLOWED_TARGETS: config.WEBHOOK_ALLOWED_TARGETS,
    // The exchange's drop folder (docs/data-exchange.md): on by default here, under the data folder.
    EXCHANGE_DROP_DIR: config.EXCHANGE_DROP_DIR || join(dataDir, 'exchange-drop'),
  };

  // Marks the folder in use until stopped (released last): `npm run restore` refuses to replace it meanwhile.
  const lock = holdPlatformLock(dataDir, new Date());
  // Records first: schema and the demo park (idempotent), before any service reads them.
  const records = await openRecords(env.DATABASE_URL, { migrate: true }).catch((error: unknown) => {
    lock.release();
    throw error;
  });
  const stops: (() => Promise<unknown>)[] = [() => Promise.resolve(lock.release()), () => records.destroy()];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) {
      await step().catch((error: unknown) => logger.warn(`while stopping: ${String(error)}`));
    }
  };
  try {
    const logins = await seedDemoPark(records, config.DEMO_PASSWORD, config.DEMO_DEVICE_SECRET);

    const ingestion = await startIngestion(
      loadConfig(ingestionConfigSpec, {
        ...env,
        // The broker hands messages to ingestion itself; no subscriber connection.
        RUN_MQTT_INGRESS: 'false',
        INGEST_HTTP_HOST: '127.0.0.1',
        INGEST_HTTP_PORT: String(config.OPS_PORT),
      }),
      { shutdownHooks: false },
    );
    stops.push(() => ingestion.close());
    const rules = await startRules(loadConfig(rulesConfigSpec, env), { shutdownHooks: false });
    stops.push(() => rules.close());
    const api = await startApi(
      {
        ...loadConfig(apiConfigSpec, {
          ...env,
          API_HOST: config.API_HOST,
          API_PORT: String(config.API_PORT),
          // One API instance, under the same name after a restart: its fan-out groups' journalled offsets are
          // its own, not those of a process gone for good that would hold the journal's messages back.
          API_INSTANCE_ID: 'standalone',
        }),
        ...apiHttpSettings(config),
      },
      { shutdownHooks: false, webRoot: options.webRoot },
    );
    stops.push(() => api.close());

    const devices = new DeviceRepository(records);
    const ingest = (ingestion as INestApplicationContext).get(IngestionService);
    const broker = new EmbeddedBroker({
      host: config.MQTT_HOST,
      port: config.MQTT_PORT,
      portAttempts: config.MQTT_PORT === 0 ? 1 : 20,
      findAccount: (username) => devices.brokerAccount(username),
      verifySecret: verifyDeviceSecret,
      handler: (messages) => ingest.handleBatch(messages),
      maxBatch: 2000,
      maxDelayMs: 2,
      limits: {
        maxPacketBytes: config.MQTT_MAX_PACKET_BYTES,
        preAuthBytes: config.MQTT_PREAUTH_MAX_BYTES,
        preAuthTimeoutMs: config.MQTT_PREAUTH_TIMEOUT_MS,
      },
      throttle: { freeFailures: config.MQTT_AUTH_FREE_FAILURES, maxDelayMs: config.MQTT_AUTH_MAX_DELAY_MS },
      // Counted with ingestion's, on the operations endpoint's /metrics.
      metrics: brokerSecurityMetrics((ingestion as INestApplicationContext).get(IngestionMetrics).registry),
      accountRecheckMs: config.MQTT_ACCOUNT_RECHECK_MS,
    });
    await broker.start();
    stops.push(() => broker.close());
    // A device disabled, removed or given a new credential loses its open session as soon as the records change.
    const deviceChanges = new DeviceChangeListener(
      env.DATABASE_URL,
      (id) => void broker.recheck(id ?? undefined),
    );
    await deviceChanges.start();
    stops.push(() => deviceChanges.close());

    let hj212: RunningPlatform['hj212'] = null;
    if (config.HJ212) {
      const devicesFile = await hj212DevicesFile(config, dataDir);
      const bridge = await startHj212Bridge(
        loadConfig(hj212BridgeConfigSpec, {
          // Not dialled: the readings go into the embedded broker in-process, as their devices.
          MQTT_URL: `mqtt://127.0.0.1:${broker.port}`,
          LOG_LEVEL: config.LOG_LEVEL,
          HJ212_HOST: config.HJ212_HOST,
          HJ212_PORT: String(config.HJ212_PORT),
          // As the MQTT broker: another bridge on the port moves this one to the next free port (the banner says which).
          HJ212_PORT_ATTEMPTS: '20',
          HJ212_DEVICES_FILE: devicesFile,
        }),
        { publisher: new InProcessPublisher(broker), operations: false, shutdownHooks: false },
      );
      // Its counters on the operations port's /metrics, with ingestion's and the broker's.
      registerHj212Metrics(
        bridge.get(Hj212Metrics),
        (ingestion as INestApplicationContext).get(IngestionMetrics).registry,
      );
      // Stopped before the broker (stops run in reverse): frames in hand finish while it still takes readings.
      stops.push(() => bridge.close());
      const port = bridge.get(Hj212TcpServer).address().port;
      hj212 = { url: `tcp://${displayHost(config.HJ212_HOST)}:${port}`, devicesFile };
    }

    let fleet: Fleet | null = null;
    if (config.SIMULATE) {
      // Every enabled demo device, as the records hold it: the rules raise `offline` for any enabled device that
      // never reports, so a device the seed adds and the fleet leaves out would show a broken park. demo.json adds
      // the showcase devices' schedules and tuning (docs/simulator.md, "The demo park in standalone mode").
      const showcase = parseManifest(JSON.parse(readFileSync(DEMO_FLEET, 'utf8')) as unknown);
      const { manifest, skipped } = parkFleetManifest(showcase, await devices.enabledDemoDevices());
      for (const { id, reason } of skipped) logger.warn(`simulator: not driving ${id}: ${reason}`);
      fleet = await Fleet.start({
        brokerUrl: `mqtt://127.0.0.1:${broker.port}`,
        manifest,
        passwordFor: () => config.DEMO_DEVICE_SECRET,
        // aedes speaks MQTT 3.1.1.
        mqttProtocolVersion: 4,
        log: (line) => logger.log(`simulator: ${line}`),
      });
      const running = fleet;
      stops.push(() => running.stop());
      if (config.DEMO_TIMELINE) {
        // Something happens in the demo park: the scripted faults of simulators/src/fleet/demo-timeline.ts.
        const timeline = runDemoTimeline(running);
        stops.push(() => Promise.resolve(timeline.stop()));
      }
    }

    return {
      webUrl: `http://${displayHost(config.API_HOST)}:${(api.getHttpServer().address() as { port: number }).port}`,
      mqttUrl: `mqtt://${displayHost(config.MQTT_HOST)}:${broker.port}`,
      opsUrl: await ingestion.getUrl(),
      dataDir,
      logins,
      telemetry,
      hj212,
      fleet,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function displayHost(host: string): string {
  return host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}

/**
 * The public address messages link to when PUBLIC_BASE_URL is not set: this machine's web platform — right for a
 * demo on the machine itself; a park whose people open it from their phones sets PUBLIC_BASE_URL. Empty (no links)
 * when the port is only chosen at start (API_PORT=0).
 */
function localWebUrl(host: string, port: number): string {
  if (port === 0) return '';
  const shown = displayHost(host);
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

/**
 * The HJ 212 loggers' devices file: HJ212_DEVICES_FILE, or one in the data folder, written on first start with the
 * demo park's two loggers (their PW: the demo device secret) and then the park's own to edit.
 */
async function hj212DevicesFile(config: StandaloneConfig, dataDir: string): Promise<string> {
  if (config.HJ212_DEVICES_FILE) return resolve(config.HJ212_DEVICES_FILE);
  const path = join(dataDir, 'hj212-devices.json');
  if (!existsSync(path))
    writeFileSync(path, await demoDevicesFile(config.DEMO_DEVICE_SECRET), { mode: 0o600 });
  return path;
}

/** A secret generated on first start and kept (0600) in the data folder, so logins survive a restart. */
function keptSecret(path: string): string {
  if (existsSync(path)) {
    const kept = readFileSync(path, 'utf8').trim();
    if (kept.length >= 32) return kept;
  }
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(path, `${secret}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return secret;
}

import { mkdirSync, readFileSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { apiAppOptions, apiBusSettings, apiConfigSpec, configureApiHttp } from '@apps/api';
import { demoDevicesFile, hj212BridgeConfigSpec, Hj212TcpServer } from '@apps/hj212-bridge';
import { ingestionConfigSpec } from '@apps/ingestion';
import { rulesBusSettings, rulesConfigSpec } from '@apps/rules';
import { connectBusConsumers } from '@park/bus';
import { apiHttpSettings, loadConfig } from '@park/config';
import { EmbeddedBroker } from '@park/mqtt';
import { DeviceRepository, openRecords, seedDemoPark, type DemoLogins } from '@park/records';
import { runDemoTimeline } from '../../../simulators/src/fleet/demo-timeline';
import { Fleet } from '../../../simulators/src/fleet/fleet';
import { parseManifest } from '../../../simulators/src/fleet/manifest';
import { parkFleetManifest } from '../../../simulators/src/fleet/park-fleet';
import { OperationsServer } from './operations-port.module';
import { holdPlatformLock } from './platform-lock';
import type { StandaloneConfig } from './standalone.config';
import { StandaloneModule } from './standalone.module';

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
 * The whole platform in one process and one Nest application (StandaloneModule) on embedded defaults: records in
 * SQLite, the in-process bus, telemetry in the embedded store (or InfluxDB when INFLUX_URL is set), the embedded MQTT
 * broker with ingestion inside it, the rules, the API and the web app, the HJ 212 bridge publishing into that broker
 * — the same feature modules as the microservices, on other adapters. Seeds the demo park on first start; keeps
 * everything in PARK_DATA_DIR across restarts.
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
  // Until the app owns the records (it closes them with everything else), closing them is this function's.
  let ownRecords = true;
  const stops: (() => Promise<unknown>)[] = [
    () => Promise.resolve(lock.release()),
    () => (ownRecords ? records.destroy() : Promise.resolve()),
  ];
  const stop = async () => {
    for (const step of stops.splice(0).reverse()) {
      await step().catch((error: unknown) => logger.warn(`while stopping: ${String(error)}`));
    }
  };
  try {
    const logins = await seedDemoPark(records, config.DEMO_PASSWORD, config.DEMO_DEVICE_SECRET);
    const apiConfig = {
      ...loadConfig(apiConfigSpec, {
        ...env,
        API_HOST: config.API_HOST,
        API_PORT: String(config.API_PORT),
        // One API instance, under the same name after a restart: its fan-out groups' journalled offsets are
        // its own, not those of a process gone for good that would hold the journal's messages back.
        API_INSTANCE_ID: 'standalone',
      }),
      ...apiHttpSettings(config),
    };
    const devicesFile = config.HJ212 ? await hj212DevicesFile(config, dataDir) : null;

    const rulesConfig = loadConfig(rulesConfigSpec, env);
    // One Nest application: the API's HTTP app, with every other feature of the platform inside it.
    const app = await NestFactory.create<NestExpressApplication>(
      StandaloneModule.forRoot({
        records,
        ingestion: loadConfig(ingestionConfigSpec, {
          ...env,
          // The broker hands messages to ingestion itself; no subscriber connection.
          RUN_MQTT_INGRESS: 'false',
        }),
        rules: rulesConfig,
        api: apiConfig,
        broker: config,
        operations: { host: '127.0.0.1', port: config.OPS_PORT },
        hj212: devicesFile
          ? loadConfig(hj212BridgeConfigSpec, {
              // Not dialled: the readings go into the embedded broker in-process, as their devices.
              MQTT_URL: `mqtt://${displayHost(config.MQTT_HOST)}:${config.MQTT_PORT}`,
              LOG_LEVEL: config.LOG_LEVEL,
              HJ212_HOST: config.HJ212_HOST,
              HJ212_PORT: String(config.HJ212_PORT),
              // As the MQTT broker: another bridge on the port moves this one to the next free port (the banner says which).
              HJ212_PORT_ATTEMPTS: '20',
              HJ212_DEVICES_FILE: devicesFile,
            })
          : null,
      }),
      apiAppOptions(apiConfig),
    );
    ownRecords = false;
    // Stopped in one go: the bridge, the broker, ingestion, the rules, the API, then the records and the bus
    // (StandaloneModule says why in that order).
    stops.push(() => app.close());
    configureApiHttp(app, apiConfig, { shutdownHooks: false, webRoot: options.webRoot });
    // Every feature's bus handlers in one consumer set, named as the microservices name theirs.
    connectBusConsumers(app, {
      ...apiBusSettings(apiConfig),
      overrides: rulesBusSettings(rulesConfig).overrides,
    });
    await app.init();
    await app.startAllMicroservices();
    await app.listen(config.API_PORT, config.API_HOST);
    const broker = app.get(EmbeddedBroker);
    const devices = new DeviceRepository(records);

    let hj212: RunningPlatform['hj212'] = null;
    if (devicesFile) {
      const port = app.get(Hj212TcpServer).address().port;
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
      webUrl: `http://${displayHost(config.API_HOST)}:${(app.getHttpServer().address() as { port: number }).port}`,
      mqttUrl: `mqtt://${displayHost(config.MQTT_HOST)}:${broker.port}`,
      opsUrl: app.get(OperationsServer).url(),
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

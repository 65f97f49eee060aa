/**
 * Private instances of real services for fault-injection tests: stopping them cannot disturb any other suite
 * that shares the machine's services. Each runs from a temporary folder on free loopback ports.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from './mosquitto-instance';
import { waitFor } from './wait-for';

const REPO = resolve(__dirname, '../..');
const SERVICES_HOME = process.env.PARK_SERVICES_HOME ?? '/var/tmp/smart-park-services';

export interface PrivateService {
  readonly url: string;
  readonly port: number;
  stop(signal?: NodeJS.Signals): Promise<void>;
  start(): Promise<void>;
  /** Stops and removes its folder. */
  destroy(): Promise<void>;
}

async function stopChild(child: ChildProcess | null, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

export async function startPrivateInflux(): Promise<PrivateService> {
  const dir = mkdtempSync(join(tmpdir(), 'park-influx-'));
  const port = await freePort();
  const rpc = await freePort();
  const conf = readFileSync(join(REPO, 'deploy/local/influxdb/influxdb.conf'), 'utf8')
    .replaceAll(join(SERVICES_HOME, 'influxdb'), dir)
    .replaceAll('/var/tmp/smart-park-services/influxdb', dir)
    .replace('bind-address = "127.0.0.1:8088"', `bind-address = "127.0.0.1:${rpc}"`)
    .replace('bind-address = "127.0.0.1:8086"', `bind-address = "127.0.0.1:${port}"`);
  writeFileSync(join(dir, 'influxdb.conf'), conf);
  let child: ChildProcess | null = null;
  const url = `http://127.0.0.1:${port}`;
  const service: PrivateService = {
    url,
    port,
    async start() {
      child = spawn('influxd', ['-config', join(dir, 'influxdb.conf')], { stdio: 'ignore' });
      await waitFor(
        `private InfluxDB on ${port}`,
        async () => (await fetch(`${url}/ping`).catch(() => null))?.status === 204,
        30_000,
      );
    },
    stop: (signal = 'SIGTERM') => stopChild(child, signal),
    async destroy() {
      await stopChild(child, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await service.start();
  return service;
}

export async function startPrivateKafka(): Promise<PrivateService> {
  const libs = join(SERVICES_HOME, 'kafka/libs');
  if (!existsSync(join(libs, '.complete')))
    throw new Error(`no Kafka jars in ${libs}: run deploy/local/services.sh up`);
  const dir = mkdtempSync(join(tmpdir(), 'park-kafka-'));
  const port = await freePort();
  const controller = await freePort();
  const conf = readFileSync(join(REPO, 'deploy/local/kafka/server.properties.in'), 'utf8')
    .replaceAll('@KAFKA_DATA_DIR@', join(dir, 'data'))
    .replaceAll('127.0.0.1:9093', `127.0.0.1:${controller}`)
    .replaceAll('127.0.0.1:9092', `127.0.0.1:${port}`);
  writeFileSync(join(dir, 'server.properties'), conf);
  const java = (args: string[], log4j: string) => [
    '-Xmx512m',
    '-XX:TieredStopAtLevel=1',
    `-Dlog4j.configuration=file:${join(REPO, 'deploy/local/kafka', log4j)}`,
    `-Dkafka.logs.dir=${join(dir, 'logs')}`,
    '-cp',
    `${libs}/*`,
    ...args,
  ];
  const format = spawnSync(
    'java',
    java(
      [
        'kafka.tools.StorageTool',
        'format',
        '-t',
        'ParkFaultTestCluster0',
        '-c',
        join(dir, 'server.properties'),
      ],
      'tools-log4j.properties',
    ),
    { encoding: 'utf8' },
  );
  if (format.status !== 0) throw new Error(`kafka storage format failed: ${format.stderr}`);
  let child: ChildProcess | null = null;
  const service: PrivateService = {
    url: `127.0.0.1:${port}`,
    port,
    async start() {
      child = spawn('java', java(['kafka.Kafka', join(dir, 'server.properties')], 'log4j.properties'), {
        stdio: 'ignore',
      });
      await waitFor(`private Kafka on ${port} (logs: ${dir}/logs)`, () => kafkaAnswers(port), 90_000, 200);
    },
    stop: (signal = 'SIGTERM') => stopChild(child, signal),
    async destroy() {
      await stopChild(child, 'SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await service.start();
  return service;
}

/** A Kafka ApiVersions round trip: the broker processes requests, not merely binds the port. */
function kafkaAnswers(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolvePromise(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => {
      // size=12 | api_key=18 ApiVersions | version 0 | correlation id "PARK" | client id "hc"
      socket.write(Buffer.from([0, 0, 0, 12, 0, 18, 0, 0, 0x50, 0x41, 0x52, 0x4b, 0, 2, 0x68, 0x63]));
    });
    socket.once('data', (data: Buffer) =>
      done(data.length >= 8 && data.subarray(4, 8).toString() === 'PARK'),
    );
  });
}

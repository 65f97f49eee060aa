/**
 * npm run bench:ingest — ingestion throughput, cost and loss on this machine, against its ceilings and a peer.
 *
 * Devices are separate MQTT connections publishing ThingsBoard's workload (JSON, 3 values per message) from a
 * child process (test/bench/lean-load-child.ts: mqtt-packet on raw sockets, so the publishers take as little of
 * the 2 cores as possible; the simulator's MQTT.js load generator saturated a core at ~6,000 msg/s here). Measured in one run, on the same broker settings:
 *   ceiling A  the broker delivering the same messages to a bare QoS 1 subscriber that only counts them;
 *   ceiling B  a bare line-protocol writer pushing the same points into InfluxDB, 5,000 per batch;
 *   ours       Mosquitto → ingestion → Kafka → telemetry writer → InfluxDB (two processes), at rising rates;
 *   peer       Node-RED with node-red-contrib-influxdb (MQTT in → InfluxDB out), at rising rates.
 * Prints a Markdown report; docs/benchmarks.md keeps the figures with the machine and date.
 * Bounded: every load step has a fixed duration and rate, all traffic stays on loopback.
 */
import { cpus, release, totalmem } from 'node:os';
import mqtt from 'mqtt';
import { Kafka, logLevel } from 'kafkajs';
import { topicName, type TelemetryRecord } from '@park/contracts';
import { DeviceEntity, EnterpriseEntity } from '@park/records';
import { InfluxV1Store } from '@park/telemetry-store';
import { startMosquitto } from '../support/mosquitto-instance';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import {
  cpuSeconds,
  histogramBuckets,
  peakRssMiB,
  quantileBound,
  leanLoad,
  type LoadReport,
  sleep,
  startNode,
  stopChild,
} from './bench-support';
import { runNodeRedPeer } from './node-red-peer';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 200);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 20);
const OUR_RATES = (process.env.BENCH_RATES ?? '5000,10000,15000').split(',').map(Number);
const PEER_RATES = (process.env.BENCH_PEER_RATES ?? '2000,4000,6000').split(',').map(Number);
const CEILING_RATES = (process.env.BENCH_CEILING_RATES ?? '10000,20000').split(',').map(Number);

/** One load step from a separate process: DEVICES connections, `totalRate` msg/s together, STEP_SECONDS long. */
function load(brokerUrl: string, prefix: string, runId: string, totalRate: number): Promise<LoadReport> {
  return leanLoad(brokerUrl, deviceIds(prefix, runId), totalRate, STEP_SECONDS * 1000);
}

function deviceIds(prefix: string, runId: string): string[] {
  return Array.from({ length: DEVICES }, (_, i) => `${prefix}-${runId}-${String(i + 1).padStart(5, '0')}`);
}

async function seed(env: TestEnvironment, enterpriseId: string, ids: string[]): Promise<void> {
  await env.records.getRepository(DeviceEntity).insert(
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
}

async function storedCount(store: InfluxV1Store, prefix: string, runId: string): Promise<number> {
  const series = await store.select(
    `SELECT count("kw") FROM "raw"."power_meter" WHERE "device" =~ /^${prefix}-${runId}-/`,
  );
  const v = series[0]?.values[0]?.[1];
  return typeof v === 'number' ? v : 0;
}

async function kafkaMessages(brokers: string[], topic: string): Promise<number> {
  const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING, clientId: 'bench' }).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
  } finally {
    await admin.disconnect();
  }
}

async function waitStored(
  store: InfluxV1Store,
  prefix: string,
  runId: string,
  expected: number,
  timeoutMs: number,
) {
  const started = Date.now();
  let count = 0;
  while (Date.now() - started < timeoutMs) {
    count = await storedCount(store, prefix, runId);
    if (count >= expected) break;
    await sleep(250);
  }
  return { count, waitedMs: Date.now() - started };
}

async function ceilingSubscriber(brokerUrl: string, runId: string) {
  const client = await mqtt.connectAsync(brokerUrl, { clientId: `bench-bare-${runId}`, clean: true });
  let received = 0;
  let first = 0;
  let last = 0;
  client.on('message', (topic) => {
    if (!topic.includes(runId)) return;
    const now = Date.now();
    if (received === 0) first = now;
    last = now;
    received++;
  });
  await client.subscribeAsync('park/v1/devices/+/telemetry', { qos: 1 });
  return {
    stats: () => ({ received, perSecond: received / Math.max(0.001, (last - first) / 1000) }),
    close: () => client.endAsync(),
  };
}

async function main(): Promise<void> {
  const lines: string[] = [];
  const say = (line = '') => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  const env = await createTestEnvironment('bench');
  const broker = await startMosquitto();
  const enterprise = await env.records
    .getRepository(EnterpriseEntity)
    .save({ name: '基准测试企业', creditCode: '91350100M000100Y43', isDemo: false });
  const store = env.influx;
  await store.ensureSchema();
  const cpu = cpus();
  say(`## Ingestion benchmark — ${new Date().toISOString().slice(0, 10)}`);
  say();
  say(
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Linux ${release()}. ` +
      `${DEVICES} devices, each its own MQTT connection, ${STEP_SECONDS} s per step, JSON with 3 values per message.`,
  );
  say();

  try {
    // Ceiling A: the broker to a bare QoS 1 subscriber.
    say('### Ceiling A — Mosquitto → bare QoS 1 subscriber (counts only)');
    say();
    say('| target msg/s | acked by broker msg/s | received msg/s | lost |');
    say('|---|---|---|---|');
    for (const rate of CEILING_RATES) {
      const runId = `ca${rate}`;
      const sub = await ceilingSubscriber(broker.url, runId);
      const report = await load(broker.url, 'bare', runId, rate);
      await sleep(2000);
      const { received, perSecond } = sub.stats();
      await sub.close();
      say(
        `| ${rate} | ${Math.round(report.ackedPerSecond)} | ${Math.round(perSecond)} | ${report.acked - received} |`,
      );
    }
    say();

    // Ceiling B: bare line-protocol writes, 5,000 points per batch.
    const points = 150_000;
    const base = Date.now() - 3_600_000;
    const records: TelemetryRecord[] = Array.from({ length: points }, (_, i) => ({
      v: 1,
      deviceId: `ceiling-${i % DEVICES}`,
      enterpriseId: enterprise.id,
      kind: 'power-meter',
      role: 'production',
      line: 'L1',
      ts: base + Math.floor(i / DEVICES),
      values: { kw: 100 + (i % 50), voltage: 380.2, current: 20.1 },
      receivedAt: base,
    }));
    const t0 = Date.now();
    for (let i = 0; i < records.length; i += 5000) await store.write(records.slice(i, i + 5000));
    const ceilingB = points / ((Date.now() - t0) / 1000);
    say(`### Ceiling B — bare line-protocol writer → InfluxDB, 5,000 points per batch (gzip)`);
    say();
    say(
      `${points} points (${points * 3} values) in ${((Date.now() - t0) / 1000).toFixed(1)} s: **${Math.round(ceilingB)} points/s** (${Math.round(ceilingB * 3)} values/s).`,
    );
    say();

    // Ours: ingestion (MQTT → Kafka) and the writer (Kafka → InfluxDB) as two processes.
    const common = {
      DATABASE_URL: env.databaseUrl,
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      PARK_NAMESPACE: env.namespace,
      INFLUX_URL: env.influxUrl,
      INFLUX_DATABASE: env.influxDatabase,
      MQTT_URL: broker.url,
      MQTT_SHARE_GROUP: `ingestion-${env.runId}`,
    };
    const ingress = startNode('dist/apps/ingestion/src/main.js', {
      ...common,
      RUN_TELEMETRY_WRITER: 'false',
      MQTT_CLIENT_ID: `bench-ingest-${env.runId}`,
      INGEST_HTTP_PORT: '19464',
    });
    const writer = startNode('dist/apps/ingestion/src/main.js', {
      ...common,
      RUN_MQTT_INGRESS: 'false',
      INGEST_HTTP_PORT: '19465',
    });
    try {
      for (const port of [19464, 19465]) {
        const started = Date.now();
        while (
          !(await fetch(`http://127.0.0.1:${port}/health`).then(
            (r) => r.ok,
            () => false,
          ))
        ) {
          if (Date.now() - started > 60_000) throw new Error(`ingestion on ${port} not ready`);
          await sleep(250);
        }
      }
      const topic = topicName('telemetry', env.namespace);
      say('### Ours — Mosquitto → ingestion → Kafka (acks=all) → telemetry writer → InfluxDB');
      say();
      say(
        '| target msg/s | acked by broker msg/s | stored | lost | Kafka duplicates | drained after publishing stopped | CPU-s / 1,000 msgs (ingestion, writer) | p50 / p99 device→stored |',
      );
      say('|---|---|---|---|---|---|---|---|');
      for (const rate of OUR_RATES) {
        const runId = `our${rate}`;
        await seed(env, enterprise.id, deviceIds('pm', runId));
        const before = { i: cpuSeconds(ingress.pid!), w: cpuSeconds(writer.pid!) };
        const kafkaBefore = await kafkaMessages(env.kafkaBrokers, topic);
        const histBefore = histogramBuckets(
          await (await fetch('http://127.0.0.1:19465/metrics')).text(),
          'park_writer_stored_latency_ms',
        );
        const report = await load(broker.url, 'pm', runId, rate);
        const stored = await waitStored(store, 'pm', runId, report.acked, 180_000);
        const kafkaAfter = await kafkaMessages(env.kafkaBrokers, topic);
        const histAfter = histogramBuckets(
          await (await fetch('http://127.0.0.1:19465/metrics')).text(),
          'park_writer_stored_latency_ms',
        );
        const cpuI = ((cpuSeconds(ingress.pid!) - before.i) / report.acked) * 1000;
        const cpuW = ((cpuSeconds(writer.pid!) - before.w) / report.acked) * 1000;
        const p50 = quantileBound(histBefore, histAfter, 0.5);
        const p99 = quantileBound(histBefore, histAfter, 0.99);
        say(
          `| ${rate} | ${Math.round(report.ackedPerSecond)} | ${stored.count} of ${report.acked} | ${report.acked - stored.count} | ` +
            `${kafkaAfter - kafkaBefore - report.acked} | ${(stored.waitedMs / 1000).toFixed(1)} s | ${cpuI.toFixed(3)}, ${cpuW.toFixed(3)} | ≤ ${p50} ms / ≤ ${p99} ms |`,
        );
      }
      say();
      say(`Peak RSS: ingestion ${peakRssMiB(ingress.pid!)} MiB, writer ${peakRssMiB(writer.pid!)} MiB.`);
      say();
    } finally {
      await stopChild(ingress);
      await stopChild(writer);
    }

    // Peer: Node-RED.
    say('### Peer — Node-RED (node-red-contrib-influxdb): MQTT in (QoS 1) → InfluxDB out');
    say();
    try {
      const peer = await runNodeRedPeer({
        brokerUrl: broker.url,
        influxUrl: env.influxUrl,
        database: env.influxDatabase,
        rates: PEER_RATES,
        step: (prefix, runId, rate) => load(broker.url, prefix, runId, rate),
        stored: (prefix, runId, expected) => waitStored(store, prefix, runId, expected, 60_000),
      });
      say('| target msg/s | acked by broker msg/s | stored | lost | CPU-s / 1,000 msgs | peak RSS |');
      say('|---|---|---|---|---|---|');
      for (const r of peer) {
        say(
          `| ${r.rate} | ${Math.round(r.ackedPerSecond)} | ${r.stored} of ${r.acked} | ${r.acked - r.stored} | ${r.cpuPer1000.toFixed(3)} | ${r.rssMiB} MiB |`,
        );
      }
    } catch (error) {
      say(`Node-RED could not be measured: ${(error as Error).message}`);
    }
    say();
  } finally {
    await broker.stop();
    await env.teardown();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);

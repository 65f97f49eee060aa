/**
 * `npm run bench:alerts`: latency from an MQTT publish to the alert reaching a socket.io client, under a background
 * load of 5,000 messages/s, on the real services (PostgreSQL, Kafka, InfluxDB) and a private Mosquitto.
 *
 * - Background: the simulator's load generator (`runLoad`), in a child process so it does not share the measuring
 *   process's event loop: BENCH_DEVICES power meters (registered, so they go through ingestion, InfluxDB and the
 *   rules service like real ones) × BENCH_RATE messages/s each.
 * - Probe: one combustible-gas detector alternates 30 %LEL (opens a level-1 alert) and 3 %LEL (auto-resolves it)
 *   every BENCH_PROBE_INTERVAL_MS; each sample is publish → the matching `alert` event on an officer's socket.
 * - Ingestion, rules and api run as separate processes from dist/, with their production settings.
 * Prints p50/p90/p99/max and the background's achieved rate; docs/benchmarks.md records the results.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import mqtt from 'mqtt';
import { io } from 'socket.io-client';
import { telemetryTopic, type AlertEvent } from '@park/contracts';
import { DeviceEntity, EnterpriseEntity, seedDemoPark } from '@park/records';
import { runLoad } from '../../simulators/src/load/load-generator';
import { freePort, startMosquitto } from '../support/mosquitto-instance';
import { createTestEnvironment } from '../support/test-environment';
import { waitFor } from '../support/wait-for';

const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const DEVICES = num('BENCH_DEVICES', 500);
const RATE = num('BENCH_RATE', 10);
const DURATION_MS = num('BENCH_DURATION_MS', 60_000);
const WARMUP_MS = num('BENCH_WARMUP_MS', 10_000);
const PROBE_INTERVAL_MS = num('BENCH_PROBE_INTERVAL_MS', 250);
const PASSWORD = 'bench-password-1';
const REPO = resolve(__dirname, '../../..');

async function loadChild(): Promise<void> {
  const [brokerUrl, runId] = process.argv.slice(3);
  const report = await runLoad({
    brokerUrl,
    devices: DEVICES,
    ratePerDevice: RATE,
    durationMs: DURATION_MS,
    idPrefix: 'bench',
    runId,
  });
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const env = await createTestEnvironment('bench');
  const broker = await startMosquitto();
  const runId = env.runId.replace(/_/g, '').slice(-10);
  const closers: (() => Promise<unknown>)[] = [];
  try {
    await seedDemoPark(env.records, PASSWORD);
    const enterprise = await env.records.getRepository(EnterpriseEntity).findOneByOrFail({});
    const devices = env.records.getRepository(DeviceEntity);
    const probeId = `bench-gas-${runId}`;
    const rows = [
      { id: probeId, kind: 'combustible-gas', role: null, expectedIntervalS: 10 },
      ...Array.from({ length: DEVICES }, (_, i) => ({
        id: `bench-${runId}-${String(i + 1).padStart(5, '0')}`,
        kind: 'power-meter',
        role: 'general',
        // As configured for real meters; the bench's 10 msg/s per device is a load artefact, not the interval.
        expectedIntervalS: 60,
      })),
    ];
    for (let i = 0; i < rows.length; i += 500) {
      await devices.insert(
        rows.slice(i, i + 500).map((r) => ({
          ...r,
          enterpriseId: enterprise.id,
          name: r.id,
          line: null,
          location: 'bench',
          enabled: true,
          credentialHash: null,
          isDemo: true,
        })),
      );
    }
    // Each app in its own process, as deployed: sharing one event loop would measure the bench, not the platform.
    const common = {
      ...process.env,
      DATABASE_URL: env.databaseUrl,
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      PARK_NAMESPACE: env.namespace,
      KAFKA_TOPIC_PARTITIONS: '3',
      INFLUX_URL: env.influxUrl,
      INFLUX_DATABASE: env.influxDatabase,
    };
    const ingestPort = await freePort();
    const apiPort = await freePort();
    const app = (name: string, extra: Record<string, string>, ready: string) => {
      const child = spawn(process.execPath, [resolve(REPO, `dist/apps/${name}/src/main.js`)], {
        env: { ...common, ...extra },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      const onData = (d: Buffer) => {
        out += d.toString('utf8');
        if (out.length > 100_000) out = out.slice(-50_000);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      closers.push(async () => {
        if (process.env.BENCH_LOG_DIR) writeFileSync(resolve(process.env.BENCH_LOG_DIR, `${name}.log`), out);
        if (child.exitCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      });
      return waitFor(`${name} ready`, () => out.includes(ready), 90_000, 100);
    };
    await app(
      'ingestion',
      {
        MQTT_URL: broker.url,
        MQTT_CLIENT_ID: `park-ingestion-${env.runId}`,
        MQTT_SHARE_GROUP: `ingestion-${env.runId}`,
        INGEST_HTTP_PORT: String(ingestPort),
      },
      'Nest application successfully started',
    );
    await app('rules', {}, 'consuming telemetry');
    await app(
      'api',
      {
        JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
        API_PORT: String(apiPort),
        API_INSTANCE_ID: `bench-${env.runId}`,
      },
      'Nest application successfully started',
    );
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const login = await fetch(`${apiUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'officer', password: PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const socket = io(apiUrl, { auth: { token: accessToken }, transports: ['websocket'] });
    closers.push(() => Promise.resolve(socket.close()));
    let waiting: { type: string; t0: number; resolve: (ms: number) => void } | null = null;
    socket.on('alert', (event: AlertEvent) => {
      if (waiting && event.alert.subjectId === probeId && event.type === waiting.type) {
        const w = waiting;
        waiting = null;
        w.resolve(performance.now() - w.t0);
      }
    });
    await new Promise<void>((resolve) => socket.once('ready', () => resolve()));
    const probe = await mqtt.connectAsync(broker.url, {
      clientId: probeId,
      username: probeId,
      protocolVersion: 5,
    });
    closers.push(() => probe.endAsync());

    const load = spawn(process.execPath, [__filename, '--load-child', broker.url, runId], {
      env: process.env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let loadOut = '';
    load.stdout.on('data', (d: Buffer) => (loadOut += d.toString('utf8')));
    const loadDone = new Promise((r) => load.once('exit', r));
    const started = performance.now();
    const samples: number[] = [];
    let timeouts = 0;
    let open = false;
    process.stdout.write(
      `background: ${DEVICES} devices × ${RATE}/s = ${DEVICES * RATE} msg/s for ${DURATION_MS / 1000} s; warm-up ${WARMUP_MS / 1000} s\n`,
    );
    while (performance.now() - started < DURATION_MS - 2_000) {
      const type = open ? 'resolved' : 'opened';
      const value = open ? 3 : 30;
      const t0 = performance.now();
      const latency = new Promise<number>((resolve) => {
        waiting = { type, t0, resolve };
      });
      await probe.publishAsync(
        telemetryTopic(probeId),
        JSON.stringify({ ts: Date.now(), values: { lel: value } }),
        {
          qos: 1,
        },
      );
      const ms = await Promise.race([latency, new Promise<null>((r) => setTimeout(() => r(null), 5_000))]);
      if (ms === null) {
        timeouts++;
        waiting = null;
      } else if (t0 - started >= WARMUP_MS) {
        samples.push(ms);
      }
      open = !open;
      await new Promise((r) => setTimeout(r, PROBE_INTERVAL_MS));
    }
    await loadDone;
    const report = JSON.parse(loadOut.trim().split('\n').pop() ?? '{}') as {
      ackedPerSecond?: number;
      acked?: number;
      sent?: number;
    };
    const sorted = [...samples].sort((a, b) => a - b);
    const fmt = (x: number) => `${x.toFixed(1)} ms`;
    process.stdout.write(
      [
        `background achieved: ${report.ackedPerSecond?.toFixed(0)} msg/s acknowledged (${report.acked}/${report.sent})`,
        `alert latency, MQTT publish → socket.io, ${sorted.length} samples after warm-up (${timeouts} timed out):`,
        `  p50 ${fmt(percentile(sorted, 50))}  p90 ${fmt(percentile(sorted, 90))}  p99 ${fmt(percentile(sorted, 99))}  max ${fmt(sorted[sorted.length - 1] ?? NaN)}`,
        '',
      ].join('\n'),
    );
  } finally {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    await broker.stop();
    await env.teardown();
  }
}

if (process.argv[2] === '--load-child') {
  loadChild().catch((error: unknown) => {
    process.stderr.write(`load failed: ${String(error)}\n`);
    process.exit(1);
  });
} else {
  main().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${String(error)}\n`);
    process.exit(1);
  });
}

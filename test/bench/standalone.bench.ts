/**
 * npm run bench:standalone — the standalone mode's throughput, cost, memory and loss on this machine, against its
 * ceiling measured in the same run.
 *
 * Devices are separate MQTT connections with their own credentials publishing ThingsBoard's workload (JSON, 3
 * values per message) from a child process (lean-load-child.ts). Measured:
 *   ceiling   the embedded broker (aedes, the same EmbeddedBroker class) with a handler that only counts: what
 *             the broker itself can acknowledge on this machine;
 *   ours      `node dist/apps/standalone/src/main.js` (one process: broker → ingestion → in-process bus →
 *             telemetry writer → embedded SQLite store, and the rules), at rising rates, SIMULATE=false.
 * Prints a Markdown report; docs/benchmarks.md keeps the figures with the machine and date.
 * Bounded: every load step has a fixed duration and rate, all traffic stays on loopback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { hashDeviceSecret, verifyDeviceSecret } from '@park/auth';
import { EmbeddedBroker } from '@park/mqtt';
import {
  cpuSeconds,
  leanLoad,
  peakRssMiB,
  startStandaloneChild,
  stopChild,
  type LoadReport,
} from './bench-support';
import { deviceIds, seedLoadDevices, waitStored } from './standalone-support';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 200);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 20);
const RATES = (process.env.BENCH_STANDALONE_RATES ?? '1000,2000,4000,6000').split(',').map(Number);
const CEILING_RATES = (process.env.BENCH_CEILING_RATES ?? '5000,10000').split(',').map(Number);
const SECRET = 'bench-device-secret';

function load(brokerUrl: string, ids: string[], totalRate: number): Promise<LoadReport> {
  return leanLoad(brokerUrl, ids, totalRate, STEP_SECONDS * 1000, SECRET);
}

async function main(): Promise<void> {
  const say = (line = '') => process.stdout.write(`${line}\n`);
  const cpu = cpus();
  say(`## Standalone mode — ${new Date().toISOString().slice(0, 10)}`);
  say();
  say(
    `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Linux ${release()}; ` +
      `${DEVICES} devices (separate MQTT connections, own credentials), ${STEP_SECONDS} s per step, QoS 1, 3 values per message.`,
  );
  say();

  // Ceiling: the same broker class, a handler that only counts.
  say('### Ceiling — the embedded broker (aedes) acknowledging to a handler that only counts');
  say();
  say('| target msg/s | acked msg/s | handed to the handler |');
  say('|---|---|---|');
  let counted = 0;
  const ceilingIds = deviceIds('ceiling', DEVICES);
  const ceilingHash = await hashDeviceSecret(SECRET);
  const broker = new EmbeddedBroker({
    host: '127.0.0.1',
    port: 0,
    findAccount: (username) =>
      Promise.resolve(
        username.startsWith('ceiling-') ? { credentialHash: ceilingHash, enabled: true } : null,
      ),
    verifySecret: verifyDeviceSecret,
    handler: (messages) => {
      counted += messages.length;
      return Promise.resolve();
    },
    maxBatch: 2000,
    maxDelayMs: 2,
  });
  await broker.start();
  try {
    for (const rate of CEILING_RATES) {
      const before = counted;
      const report = await load(`mqtt://127.0.0.1:${broker.port}`, ceilingIds, rate);
      say(
        `| ${rate} | ${Math.round(report.ackedPerSecond)} | ${counted - before} of ${report.acked} acked |`,
      );
    }
  } finally {
    await broker.close();
  }
  say();

  // Ours: the standalone process.
  const dataDir = mkdtempSync(join(tmpdir(), 'park-bench-standalone-'));
  const prefixes = RATES.map((rate) => `sa${rate}`);
  await seedLoadDevices(
    dataDir,
    prefixes.map((prefix) => deviceIds(prefix, DEVICES)),
    SECRET,
  );
  const { child, mqttPort } = await startStandaloneChild(dataDir).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  try {
    const brokerUrl = `mqtt://127.0.0.1:${mqttPort}`;
    const telemetryDb = join(dataDir, 'telemetry.db');
    const idleRss = peakRssMiB(child.pid!);
    say(
      '### Ours — one process: embedded broker → ingestion → in-process bus → writer → SQLite store, + rules',
    );
    say();
    say(`RSS after start (demo park seeded, idle): ${idleRss} MiB.`);
    say();
    say(
      '| target msg/s | acked msg/s | stored | lost | drained after publishing stopped | CPU-s / 1,000 msgs | peak RSS |',
    );
    say('|---|---|---|---|---|---|---|');
    for (const [i, rate] of RATES.entries()) {
      const cpuBefore = cpuSeconds(child.pid!);
      const report = await load(brokerUrl, deviceIds(prefixes[i], DEVICES), rate);
      const stored = await waitStored(telemetryDb, prefixes[i], report.acked, 180_000);
      const cpuPerK = ((cpuSeconds(child.pid!) - cpuBefore) / Math.max(1, report.acked)) * 1000;
      say(
        `| ${rate} | ${Math.round(report.ackedPerSecond)} | ${stored.count} of ${report.acked} | ${report.acked - stored.count} | ` +
          `${(stored.waitedMs / 1000).toFixed(1)} s | ${cpuPerK.toFixed(3)} | ${peakRssMiB(child.pid!)} MiB |`,
      );
    }
  } finally {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});

/**
 * npm run bench:soak — the standalone mode under a steady load for a long time: does its memory stay flat, and is
 * every acknowledged reading stored at the end?
 *
 * `node dist/apps/standalone/src/main.js` (SIMULATE=false) on a fresh data folder; BENCH_DEVICES (200) devices,
 * separate MQTT connections with their own credentials, publish BENCH_RATE (1,000) msg/s together at QoS 1 for
 * BENCH_DURATION_MS (30 minutes) from a child process (lean-load-child.ts). Every BENCH_SAMPLE_MS (30 s) the
 * platform's RSS (/proc), its V8 heap (memory-probe.ts, preloaded into it), its CPU time and the readings stored so
 * far are sampled. At the end: acknowledged vs stored once the store has drained, RSS first / last / max and its
 * slope (least squares, over the whole run and over its second half), CPU-s per 1,000 messages.
 * Prints a Markdown report; docs/benchmarks.md keeps the figures with the machine and date.
 * Not part of `npm run bench` (it takes half an hour). Loopback only; bounded in rate, devices and time.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  REPO,
  cpuSeconds,
  describeMachine,
  leanLoad,
  sleep,
  startStandaloneChild,
  stopChild,
} from './bench-support';
import { deviceIds, seedLoadDevices, storedCount, waitStored } from './standalone-support';

const DEVICES = Number(process.env.BENCH_DEVICES ?? 200);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 30 * 60_000);
const SAMPLE_MS = Number(process.env.BENCH_SAMPLE_MS ?? 30_000);
const SECRET = 'bench-device-secret';
const PREFIX = 'soak';
const MIB = 2 ** 20;

interface Sample {
  /** Seconds since the load started. */
  readonly t: number;
  readonly rssMiB: number;
  readonly heapUsedMiB: number;
  readonly cpuS: number;
  readonly stored: number;
  readonly dbMiB: number;
  readonly load1: number;
}

/** Current resident set size of a process, MiB (VmRSS). */
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : NaN;
}

/** The telemetry database with its WAL, MiB. */
function dbMiB(telemetryDb: string): number {
  let bytes = 0;
  for (const path of [telemetryDb, `${telemetryDb}-wal`]) {
    try {
      bytes += statSync(path).size;
    } catch {
      // no WAL right after a checkpoint
    }
  }
  return bytes / MIB;
}

/** Least-squares slope of y over x. */
function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return num / den;
}

/** MiB per hour of RSS over the samples. */
function rssSlopePerHour(samples: readonly Sample[]): number {
  return slope(samples.map((s) => ({ x: s.t / 3600, y: s.rssMiB })));
}

/** The commit measured (BENCH_REVISION when the tree is not a git checkout, e.g. an exported copy). */
function gitRevision(): string {
  if (process.env.BENCH_REVISION) return process.env.BENCH_REVISION;
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: REPO,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: REPO,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const say = (line = '') => process.stdout.write(`${line}\n`);
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  const machine = describeMachine();
  say(`## Standalone soak — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  say();
  say(
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memGiB} GiB, Linux ${machine.kernel}, Node ${machine.node}; ` +
      `revision ${gitRevision()}. ${DEVICES} devices (separate MQTT connections, own credentials), ${RATE} msg/s ` +
      `together, QoS 1, 3 values per message, ${(DURATION_MS / 60_000).toFixed(1)} min; sampled every ${SAMPLE_MS / 1000} s.`,
  );
  say();

  const dataDir = mkdtempSync(join(tmpdir(), 'park-bench-soak-'));
  const ids = deviceIds(PREFIX, DEVICES);
  await seedLoadDevices(dataDir, [ids], SECRET);
  const probe = resolve(REPO, 'dist/test/bench/memory-probe.js');
  const { child, mqttPort } = await startStandaloneChild(dataDir, {
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${probe}`.trim(),
    PARK_MEMORY_PROBE_MS: String(Math.max(1000, Math.floor(SAMPLE_MS / 3))),
  }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  const pid = child.pid!;
  // The newest heap figure the probe reported (it reports three times per sample period).
  let heapUsedMiB = NaN;
  let partial = '';
  child.stderr?.on('data', (d: Buffer) => {
    partial += d.toString();
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('park-memory ')) continue;
      heapUsedMiB = (JSON.parse(line.slice('park-memory '.length)) as { heapUsed: number }).heapUsed / MIB;
    }
  });

  const telemetryDb = join(dataDir, 'telemetry.db');
  try {
    const idleRss = rssMiB(pid);
    const cpuStart = cpuSeconds(pid);
    const started = Date.now();
    const samples: Sample[] = [];
    const sample = () => {
      const s: Sample = {
        t: (Date.now() - started) / 1000,
        rssMiB: rssMiB(pid),
        heapUsedMiB,
        cpuS: cpuSeconds(pid) - cpuStart,
        stored: storedCount(telemetryDb, PREFIX),
        dbMiB: dbMiB(telemetryDb),
        load1: loadavg()[0],
      };
      samples.push(s);
      progress(
        `soak t=${s.t.toFixed(0)}s rss=${s.rssMiB.toFixed(1)}MiB heap=${s.heapUsedMiB.toFixed(1)}MiB ` +
          `cpu=${s.cpuS.toFixed(1)}s stored=${s.stored} db=${s.dbMiB.toFixed(0)}MiB load=${s.load1.toFixed(2)}`,
      );
    };
    let loading = true;
    const sampler = (async () => {
      sample();
      while (loading) {
        const next = started + samples.length * SAMPLE_MS;
        while (loading && Date.now() < next) await sleep(Math.min(500, next - Date.now()));
        if (loading) sample();
      }
    })();
    const report = await leanLoad(`mqtt://127.0.0.1:${mqttPort}`, ids, RATE, DURATION_MS, SECRET).finally(
      () => (loading = false),
    );
    await sampler;
    const drained = await waitStored(telemetryDb, PREFIX, report.acked, 180_000);
    sample();
    const cpuTotal = cpuSeconds(pid) - cpuStart;
    const during = samples.slice(1, -1); // the first is taken as the load starts, the last after the drain
    const secondHalf = during.filter((s) => s.t >= DURATION_MS / 2000);
    const rss = during.map((s) => s.rssMiB);
    const heap = during.map((s) => s.heapUsedMiB).filter(Number.isFinite);
    const loads = during.map((s) => s.load1);

    say('| | |');
    say('|---|---|');
    say(`| RSS idle, before the load | ${idleRss.toFixed(0)} MiB |`);
    say(`| RSS after the drain | ${samples[samples.length - 1].rssMiB.toFixed(0)} MiB |`);
    say(
      `| RSS first / last / max (samples under load) | ${rss[0].toFixed(0)} / ${rss[rss.length - 1].toFixed(0)} / ${Math.max(...rss).toFixed(0)} MiB |`,
    );
    say(
      `| RSS slope, whole run / second half | ${rssSlopePerHour(during).toFixed(1)} / ${rssSlopePerHour(secondHalf).toFixed(1)} MiB per hour |`,
    );
    if (heap.length > 0)
      say(
        `| V8 heap used first / last / max | ${heap[0].toFixed(0)} / ${heap[heap.length - 1].toFixed(0)} / ${Math.max(...heap).toFixed(0)} MiB |`,
      );
    say(
      `| sent / acknowledged | ${report.sent} / ${report.acked} (${report.ackedPerSecond.toFixed(0)} msg/s) |`,
    );
    say(
      `| stored / lost (acknowledged, not stored) | ${drained.count} / ${Math.max(0, report.acked - drained.count)} (drained ${(drained.waitedMs / 1000).toFixed(1)} s after publishing stopped) |`,
    );
    say(`| CPU-s per 1,000 messages | ${((cpuTotal / Math.max(1, report.acked)) * 1000).toFixed(3)} |`);
    say(`| telemetry.db at the end | ${samples[samples.length - 1].dbMiB.toFixed(0)} MiB |`);
    say(
      `| load average (1 min) min / max | ${Math.min(...loads).toFixed(2)} / ${Math.max(...loads).toFixed(2)} |`,
    );
    say();
    say('Samples (every 5 minutes):');
    say();
    say('| t | RSS MiB | heap used MiB | CPU-s | stored | telemetry.db MiB | load 1 min |');
    say('|---|---|---|---|---|---|---|');
    const every = Math.max(1, Math.round(300_000 / SAMPLE_MS));
    for (const [i, s] of samples.entries()) {
      if (i % every !== 0 && i !== samples.length - 1) continue;
      say(
        `| ${(s.t / 60).toFixed(1)} min | ${s.rssMiB.toFixed(0)} | ${s.heapUsedMiB.toFixed(0)} | ${s.cpuS.toFixed(0)} | ${s.stored} | ${s.dbMiB.toFixed(0)} | ${s.load1.toFixed(2)} |`,
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

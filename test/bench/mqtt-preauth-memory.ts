/**
 * npm run bench:mqtt-memory — what 100 clients that never log in can make the standalone process hold
 * (docs/security-mqtt.md §1). The standalone mode runs as its own process (`node dist/apps/standalone/src/main.js`,
 * SIMULATE=false, default limits); its idle RSS is measured, then 100 connections at once each announce a
 * CONNECT of 256 MiB (the largest length MQTT can announce, 268,435,455 bytes) and stream filler after it, and
 * the process's RSS is sampled every 50 ms during the attack and measured again after it.
 *
 * Done means: peak and after within 50 MiB of idle. Prints a Markdown report; docs/benchmarks.md keeps the
 * figures with the machine and date. Bounded: loopback only, 100 connections, at most 256 MiB offered per
 * connection and 30 s in all.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { sleep, startStandaloneChild, stopChild } from './bench-support';

const CONNECTIONS = Number(process.env.BENCH_PREAUTH_CONNECTIONS ?? 100);
const ANNOUNCED = 268_435_455;
const ATTACK_MS = Number(process.env.BENCH_PREAUTH_MS ?? 30_000);
/** Bytes each attacker streams at most (all of the announced packet by default; smaller for a control run). */
const STREAM_BYTES = Math.min(ANNOUNCED, Number(process.env.BENCH_PREAUTH_STREAM_MIB ?? 256) * 1024 * 1024);
const BUDGET_MIB = 50;

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Current resident set size of a process, MiB (VmRSS). */
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : NaN;
}

function header(remainingLength: number): Buffer {
  const bytes = [0x10];
  let x = remainingLength;
  do {
    let byte = x % 128;
    x = Math.floor(x / 128);
    if (x > 0) byte |= 0x80;
    bytes.push(byte);
  } while (x > 0);
  return Buffer.from(bytes);
}

interface AttackResult {
  /** Bytes the kernel accepted from this connection before the broker closed it. */
  readonly sent: number;
  /** ms from connecting to the broker closing the connection, or null if it was still open at the end. */
  readonly closedAfterMs: number | null;
}

/** One attacker: announce 256 MiB, then stream 64 KiB chunks until closed, 256 MiB sent or the time is up. */
function attacker(port: number, deadline: number): Promise<AttackResult> {
  return new Promise((resolve) => {
    const socket: Socket = connect(port, '127.0.0.1');
    const started = Date.now();
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    let sent = 0;
    let closedAfterMs: number | null = null;
    socket.on('error', () => undefined);
    socket.once('close', () => {
      if (closedAfterMs === null && Date.now() < deadline) closedAfterMs = Date.now() - started;
      resolve({ sent, closedAfterMs });
    });
    const pump = () => {
      while (!socket.destroyed && sent < STREAM_BYTES && Date.now() < deadline) {
        const ok = socket.write(chunk, (error) => {
          if (!error) sent += chunk.length;
        });
        if (!ok) return void socket.once('drain', pump);
      }
      // Streamed all it meant to: hold the connection open (the broker holds what it took) until the deadline.
    };
    socket.once('connect', () => {
      socket.write(header(ANNOUNCED));
      pump();
    });
    setTimeout(() => socket.destroy(), Math.max(0, deadline - Date.now())).unref();
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'park-bench-preauth-'));
  const { child, mqttPort: port } = await startStandaloneChild(dataDir).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  try {
    const pid = child.pid!;
    // Let start-up settle (seeding, JIT, first GC) before calling the process idle.
    await sleep(5_000);
    const idle = rssMiB(pid);

    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 50);
    const attackStarted = Date.now();
    const deadline = attackStarted + ATTACK_MS;
    const results = await Promise.all(Array.from({ length: CONNECTIONS }, () => attacker(port, deadline)));
    const attackMs = Date.now() - attackStarted;
    await sleep(2_000);
    clearInterval(sampler);
    peak = Math.max(peak, rssMiB(pid));
    const after = rssMiB(pid);

    const closed = results.filter((r) => r.closedAfterMs !== null);
    const sentMiB = results.reduce((sum, r) => sum + r.sent, 0) / 1024 / 1024;
    const slowestClose = Math.max(0, ...closed.map((r) => r.closedAfterMs ?? 0));
    const cpu = cpus();
    say(`### Run — ${new Date().toISOString().slice(0, 10)}, ${cpu.length} × ${cpu[0]?.model ?? '?'}`);
    say();
    say(
      `Linux ${release()}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.version}; ` +
        `\`node dist/apps/standalone/src/main.js\`, SIMULATE=false, default MQTT limits.`,
    );
    say();
    say('| | value |');
    say('|---|---|');
    say(`| connections, each announcing a ${ANNOUNCED}-byte CONNECT and streaming | ${CONNECTIONS} |`);
    say(`| closed by the broker | ${closed.length} of ${CONNECTIONS} (slowest after ${slowestClose} ms) |`);
    say(
      `| bytes the attackers got written (into socket buffers) before the closes | ${sentMiB.toFixed(1)} MiB |`,
    );
    say(`| attack duration | ${(attackMs / 1000).toFixed(1)} s |`);
    say(`| RSS idle | ${idle.toFixed(1)} MiB |`);
    say(`| RSS peak during the attack | ${peak.toFixed(1)} MiB (+${(peak - idle).toFixed(1)}) |`);
    say(`| RSS 2 s after | ${after.toFixed(1)} MiB (+${(after - idle).toFixed(1)}) |`);
    say();
    const ok = peak - idle <= BUDGET_MIB && after - idle <= BUDGET_MIB && closed.length === CONNECTIONS;
    say(
      ok
        ? `Within budget: peak and after are within ${BUDGET_MIB} MiB of idle, every connection was closed.`
        : `OVER BUDGET: the process must stay within ${BUDGET_MIB} MiB of idle and close every connection.`,
    );
    if (!ok) process.exitCode = 1;
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

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg, release, totalmem } from 'node:os';
import { resolve } from 'node:path';

export const REPO = resolve(__dirname, '../../..');
const CLK_TCK = 100;

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** Peak resident set size of a process so far, MiB. */
export function peakRssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmHWM:'));
  return line ? Math.round(Number(line.replace(/\D+/g, '')) / 1024) : NaN;
}

export function startNode(script: string, env: Record<string, string>, args: string[] = []): ChildProcess {
  return spawn(process.execPath, [resolve(REPO, script), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/**
 * Starts the standalone process (`npm start`'s entry, built) on `dataDir` without the simulator, on free ports,
 * and waits for its banner: the child (stop it with stopChild) and the port its embedded broker took. `env` adds
 * to (or overrides) the child's environment.
 */
export async function startStandaloneChild(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<{ readonly child: ChildProcess; readonly mqttPort: number }> {
  const child = startNode('dist/apps/standalone/src/main.js', {
    PARK_DATA_DIR: dataDir,
    SIMULATE: 'false',
    API_PORT: '0',
    MQTT_PORT: '0',
    OPS_PORT: '0',
    ...env,
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const banner = /MQTT broker:\s+mqtt:\/\/[\d.]+:(\d+)/;
  const started = Date.now();
  for (;;) {
    const match = banner.exec(out);
    if (match) return { child, mqttPort: Number(match[1]) };
    if (child.exitCode !== null) throw new Error(`standalone exited ${child.exitCode}: ${out.slice(-2000)}`);
    if (Date.now() - started > 120_000) {
      await stopChild(child);
      throw new Error(`standalone did not start: ${out.slice(-2000)}`);
    }
    await sleep(200);
  }
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

export function runNodeForJson<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const child = startNode(script, {}, args);
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`${script} exited ${code}: ${err.slice(-2000)}`));
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolvePromise(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${script} printed no JSON: ${out.slice(-500)}`));
      }
    });
  });
}

/** Bucket counts of a Prometheus histogram in a /metrics text. */
export function histogramBuckets(text: string, name: string): Map<number, number> {
  const buckets = new Map<number, number>();
  const re = new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\d+)$`, 'gm');
  for (const m of text.matchAll(re)) buckets.set(m[1] === '+Inf' ? Infinity : Number(m[1]), Number(m[2]));
  return buckets;
}

/** The bucket bound at or below which `q` of the observations between two scrapes fall. */
export function quantileBound(before: Map<number, number>, after: Map<number, number>, q: number): number {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const total = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  if (total <= 0) return NaN;
  for (const b of bounds) {
    if ((after.get(b) ?? 0) - (before.get(b) ?? 0) >= q * total) return b;
  }
  return Infinity;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The nearest-rank percentile `p` (0–100) of ascending `sorted`; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The machine a run's figures belong to: docs/benchmarks.md records every row with it. */
export interface Machine {
  /** `model name` from /proc/cpuinfo (what the hypervisor shows, e.g. "AMD EPYC"). */
  readonly cpuModel: string;
  /** Logical processors listed in /proc/cpuinfo. */
  readonly cpus: number;
  readonly memGiB: number;
  readonly kernel: string;
  readonly node: string;
}

export function describeMachine(): Machine {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const models = [...cpuinfo.matchAll(/^model name\s*:\s*(.+)$/gm)].map((m) => m[1].trim());
  return {
    cpuModel: models[0] ?? 'unknown CPU',
    cpus: [...cpuinfo.matchAll(/^processor\s*:/gm)].length,
    memGiB: Math.round(totalmem() / 2 ** 30),
    kernel: release(),
    node: process.version,
  };
}

/**
 * Samples the 1-minute load average every `everyMs` until stopped: a run on a shared machine is only comparable
 * with the load it ran under, so the figures are printed with it.
 */
export function watchLoadAverage(
  everyMs = 5_000,
): () => { first: number; min: number; max: number; last: number } {
  const seen = [loadavg()[0]];
  const timer = setInterval(() => seen.push(loadavg()[0]), everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    seen.push(loadavg()[0]);
    return { first: seen[0], min: Math.min(...seen), max: Math.max(...seen), last: seen[seen.length - 1] };
  };
}

/** What lean-load-child.ts reports for one load step. */
export interface LoadReport {
  sent: number;
  acked: number;
  unacked: number;
  /** Acknowledged by the broker per second, from the first publish to the last PUBACK. */
  ackedPerSecond: number;
  publishMs: number;
}

/**
 * One load step from a separate process (lean-load-child.ts): one MQTT connection per id, `totalRate` msg/s
 * together, `durationMs` long; `password` for brokers that check the devices' credentials; `nice` for the
 * publishers' CPU priority.
 */
export function leanLoad(
  brokerUrl: string,
  ids: readonly string[],
  totalRate: number,
  durationMs: number,
  password?: string,
  nice = 0,
): Promise<LoadReport> {
  return runNodeForJson<LoadReport>('dist/test/bench/lean-load-child.js', [
    JSON.stringify({
      brokerUrl,
      ids,
      ratePerDevice: totalRate / ids.length,
      durationMs,
      drainTimeoutMs: 60_000,
      ...(password ? { password } : {}),
      ...(nice ? { nice } : {}),
    }),
  ]);
}

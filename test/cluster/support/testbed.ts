/**
 * The multi-host test bed (deploy/cluster/testbed.sh) seen from the tests, which run on its `client` host
 * (test/cluster/run.sh): the services' addresses, the apps started on their own hosts, faults, and CPU figures.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { waitFor } from '../../support/wait-for';

const REPO = resolve(__dirname, '../../..');
const SCRIPT = resolve(REPO, 'deploy/cluster/testbed.sh');
export const CLUSTER_HOME = process.env.PARK_CLUSTER_HOME ?? '/var/tmp/smart-park-cluster';

export const ADDR = {
  kafka1: '10.77.0.11',
  kafka2: '10.77.0.12',
  kafka3: '10.77.0.13',
  db: '10.77.0.20',
  mqtt: '10.77.0.30',
  ingest1: '10.77.0.41',
  ingest2: '10.77.0.42',
  rules1: '10.77.0.51',
  rules2: '10.77.0.52',
  api1: '10.77.0.61',
  api2: '10.77.0.62',
} as const;

export type AppHost = 'ingest1' | 'ingest2' | 'rules1' | 'rules2' | 'api1' | 'api2';
export type AppName = 'ingestion' | 'rules' | 'api';

export const KAFKA_BROKERS = [ADDR.kafka1, ADDR.kafka2, ADDR.kafka3].map((a) => `${a}:9092`);
export const DEVICE_MQTT_URL = `mqtt://${ADDR.mqtt}:1883`;
export const SERVICE_MQTT_URL = `mqtt://${ADDR.mqtt}:1884`;

/** Runs a testbed.sh command; fails with its output unless it exits 0. */
export function testbed(...args: string[]): string {
  const run = spawnSync('bash', [SCRIPT, ...args], { encoding: 'utf8', timeout: 180_000 });
  if (run.status !== 0)
    throw new Error(`testbed.sh ${args.join(' ')} exited ${run.status}: ${run.stderr}${run.stdout}`);
  return run.stdout.trim();
}

export function ingestionSecret(): string {
  return readFileSync(resolve(CLUSTER_HOME, 'mqtt/ingestion.secret'), 'utf8').trim();
}

/** CPU seconds (user + system) a process has used so far (/proc; the hosts share the machine's pid space). */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0] !== 'Z';
  } catch {
    return false;
  }
}

/** The apps running on the app hosts: started, killed and restarted with the same settings. */
export class AppFleet {
  private readonly running = new Map<AppHost, { app: AppName; env: Record<string, string>; pid: number }>();

  start(host: AppHost, app: AppName, env: Record<string, string>): number {
    const pid = Number(testbed('app', host, app, ...Object.entries(env).map(([k, v]) => `${k}=${v}`)));
    this.running.set(host, { app, env, pid });
    return pid;
  }

  pid(host: AppHost): number {
    const entry = this.running.get(host);
    if (!entry) throw new Error(`no app on ${host}`);
    return entry.pid;
  }

  /** kill -SIGNAL the app on `host`; resolves once the process is gone. */
  async kill(host: AppHost, signal: 'KILL' | 'TERM' = 'KILL'): Promise<void> {
    const pid = this.pid(host);
    testbed('kill', host, signal);
    await waitFor(`the app on ${host} (pid ${pid}) to exit`, () => !alive(pid), 60_000, 50);
  }

  /** Starts the app that ran on `host` again, with the settings it had. */
  restart(host: AppHost): number {
    const entry = this.running.get(host);
    if (!entry) throw new Error(`no app on ${host}`);
    return this.start(host, entry.app, entry.env);
  }

  async stopAll(): Promise<void> {
    for (const host of this.running.keys()) {
      if (alive(this.pid(host))) await this.kill(host, 'TERM').catch(() => this.kill(host, 'KILL'));
    }
  }
}

/** An app's /health answers 200 (ingestion's operations port, the api's HTTP port). */
export function healthy(url: string): Promise<boolean> {
  return fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) }).then(
    (res) => res.ok,
    () => false,
  );
}

/**
 * `npm run simulate -- …`: runs a fleet of simulated devices against an MQTT broker (with scenarios switched from
 * the command line and from stdin while it runs), or, with --load, a bounded load test against a loopback broker.
 * The one module of simulators/ that reads process.env, argv and stdin.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { SystemClock } from '@park/clock';
import { int, loadConfigOrExit, mqttSpec, str } from '@park/config';
import { parseCliArgs, USAGE, type FleetCliOptions, type LoadCliOptions } from './cli-args';
import { fleetSummary, runControlLine } from './control-console';
import { formatDuration } from './duration';
import { Fleet } from './fleet/fleet';
import {
  parseManifest,
  selectDevices,
  withIdSuffix,
  type FleetManifest,
  type ManifestDevice,
} from './fleet/manifest';
import { runLoad } from './load/load-generator';
import { SimulatorErrorCode, SimulatorException } from './simulator.exception';

const configSpec = {
  MQTT_URL: mqttSpec.MQTT_URL,
  SIM_DEVICE_PASSWORD: str(
    'MQTT password for devices whose manifest entry has none (empty: no password)',
    '',
  ),
  SIM_MQTT_VERSION: int(
    'MQTT protocol version of the devices: 5, or 4 (3.1.1, e.g. the standalone broker)',
    5,
    4,
    5,
  ),
};

const DEMO_FLEET = resolve(__dirname, '../fleets/demo.json');

async function main(): Promise<number> {
  const config = loadConfigOrExit('simulate', configSpec);
  const wall = new SystemClock();
  const options = parseCliArgs(process.argv.slice(2), {
    brokerUrl: config.MQTT_URL,
    fleetPath: DEMO_FLEET,
    wallNow: wall.now(),
  });
  if (options.mode === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.mode === 'load') return runLoadMode(options, config.SIM_DEVICE_PASSWORD || null);
  return runFleetMode(options, config.SIM_DEVICE_PASSWORD || null, config.SIM_MQTT_VERSION === 4 ? 4 : 5);
}

async function readManifest(path: string): Promise<FleetManifest> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SimulatorException(
      SimulatorErrorCode.BAD_ARGUMENT,
      `cannot read fleet manifest ${path}: ${(error as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SimulatorException(
      SimulatorErrorCode.BAD_MANIFEST,
      `fleet manifest ${path} is not JSON: ${(error as Error).message}`,
    );
  }
  return parseManifest(json);
}

async function runFleetMode(
  options: FleetCliOptions,
  defaultPassword: string | null,
  mqttProtocolVersion: 4 | 5,
): Promise<number> {
  let manifest = await readManifest(options.fleetPath);
  if (options.only) manifest = selectDevices(manifest, options.only);
  if (options.idSuffix) manifest = withIdSuffix(manifest, options.idSuffix);

  const missingEnv = manifest.devices.filter((d) => d.passwordEnv && !process.env[d.passwordEnv]);
  if (missingEnv.length > 0) {
    throw new SimulatorException(
      SimulatorErrorCode.BAD_ARGUMENT,
      `password variables not set: ${missingEnv.map((d) => `${d.passwordEnv} (for ${d.id})`).join(', ')}`,
    );
  }
  const passwordFor = (d: ManifestDevice) =>
    d.password ?? (d.passwordEnv ? (process.env[d.passwordEnv] ?? null) : null) ?? defaultPassword;
  const ids = new Set(manifest.devices.map((d) => d.id));
  const resolveId = (id: string) => {
    if (ids.has(id)) return id;
    if (options.idSuffix && ids.has(`${id}-${options.idSuffix}`)) return `${id}-${options.idSuffix}`;
    throw new SimulatorException(
      SimulatorErrorCode.UNKNOWN_DEVICE,
      `no device "${id}" in ${options.fleetPath}`,
    );
  };
  const scenarios = options.scenarios.map((s) => ({ ...s, deviceId: resolveId(s.deviceId) }));
  for (const w of options.warnings) process.stderr.write(`simulate: warning: ${w}\n`);

  let fleet: Fleet | null = null;
  const log = (line: string) => {
    const sim = fleet ? new Date(fleet.clock.now()).toISOString() : new Date(options.simStart).toISOString();
    process.stdout.write(`[sim ${sim}] ${line}\n`);
  };
  fleet = await Fleet.start({
    brokerUrl: options.brokerUrl,
    manifest,
    seed: options.seed,
    speed: options.speed,
    simStart: options.simStart,
    jitter: options.jitter,
    passwordFor,
    mqttProtocolVersion,
    log,
  });
  const running = fleet;
  for (const s of scenarios) {
    const change = { name: s.name, on: true, ...(s.param !== undefined ? { param: s.param } : {}) };
    if (s.afterMs > 0) running.scheduleScenario(s.deviceId, change, options.simStart + s.afterMs);
    else running.setScenario(s.deviceId, change);
  }

  const summary = () => fleetSummary(running);
  return new Promise<number>((done) => {
    const timers: NodeJS.Timeout[] = [];
    let finishing = false;
    const rl = createInterface({ input: process.stdin, terminal: false });
    const finish = (why: string) => {
      if (finishing) return;
      finishing = true;
      timers.forEach((t) => clearTimeout(t));
      rl.close();
      log(`${why}; stopping`);
      running.stop().then(
        () => {
          log(`done: ${summary()}`);
          done(0);
        },
        (error: unknown) => {
          process.stderr.write(`simulate: stop failed: ${String(error)}\n`);
          done(1);
        },
      );
    };
    if (options.durationMs !== null)
      timers.push(
        setTimeout(() => finish(`${formatDuration(options.durationMs ?? 0)} elapsed`), options.durationMs),
      );
    if (!options.quiet) timers.push(setInterval(() => log(summary()), 30_000));
    process.once('SIGINT', () => finish('interrupted'));
    process.once('SIGTERM', () => finish('terminated'));
    rl.on('line', (line) => {
      if (runControlLine(line, running, (text) => process.stdout.write(text), resolveId) === 'quit')
        finish('quit');
    });
  });
}

async function runLoadMode(options: LoadCliOptions, password: string | null): Promise<number> {
  const report = await runLoad({
    brokerUrl: options.brokerUrl,
    devices: options.devices,
    ratePerDevice: options.ratePerDevice,
    durationMs: options.durationMs,
    idPrefix: options.idPrefix,
    seed: options.seed,
    password,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const l = report.latency;
  process.stderr.write(
    `sent ${report.sent}, acked ${report.acked}, failed ${report.failed}, unacked ${report.unacked}, overflow ${report.overflow}; ` +
      `${report.ackedPerSecond} acked/s (target ${report.targetRate}/s); ` +
      `PUBACK latency ms p50 ${l.p50Ms} p95 ${l.p95Ms} p99 ${l.p99Ms} max ${l.maxMs}\n`,
  );
  process.stdout.write(`${JSON.stringify(report)}\n`);
  return report.acked === report.sent ? 0 : 3;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof SimulatorException)
      process.stderr.write(
        error.message.startsWith('simulate:') ? `${error.message}\n` : `simulate: ${error.message}\n`,
      );
    else
      process.stderr.write(
        `simulate: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    process.exit(
      error instanceof SimulatorException && error.code === SimulatorErrorCode.BAD_ARGUMENT ? 2 : 1,
    );
  },
);

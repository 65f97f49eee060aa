/**
 * The simulator's command line, parsed and checked in one place with every problem named. Pure: the wall clock's
 * "now" and the defaults are passed in.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_TELEMETRY_LIMITS, DEVICE_ID_PATTERN } from '@park/contracts';
import { formatDuration, parseDuration } from './duration';
import { LOAD_LIMITS, loadProblems } from './load/load-limits';
import { isScenarioName, SCENARIO_NAMES, type ScenarioName } from './models/scenarios';
import { defaultSimStart } from './fleet/sim-clock';
import { SimulatorErrorCode, SimulatorException } from './simulator.exception';

export const USAGE = `Usage:
  npm run simulate -- [--broker URL] [--fleet FILE] [--speed X] [--seed N] [--duration D]
                      [--start ISO|now] [--scenario NAME:DEVICE[:PARAM][@AFTER]]... [--id-suffix S]
                      [--only ID,ID] [--jitter F] [--quiet]
  npm run simulate -- --load N [--rate R] --duration D [--broker URL] [--id-prefix P] [--seed N]

Fleet mode (default) runs the devices of a fleet manifest, one MQTT connection each.
  --broker URL     MQTT broker: mqtt://, mqtts://, tcp://, ws://, wss:// (default: $MQTT_URL or mqtt://127.0.0.1:1883)
  --fleet FILE     fleet manifest (default: simulators/fleets/demo.json)
  --speed X        sim-time acceleration, e.g. 60 = an hour per minute (default 1)
  --seed N         random seed; the same seed gives the same readings (default 1)
  --duration D     stop after D of wall-clock time: 30s, 10m, 2h (default: run until Ctrl-C or "quit")
  --start T        sim clock start (ISO-8601 with zone, or "now"). Default: now; when --speed > 1, far enough in
                   the past that sim time reaches now when --duration ends (readings are never in the future)
  --scenario S     switch a scenario on, NAME:DEVICE[:PARAM], optionally @AFTER of sim time (gas-leak:demo-gas-001@5m)
  --id-suffix S    append -S to every device id (parallel runs on one broker)
  --only IDS       run only these devices (comma-separated manifest ids)
  --jitter F       ± share of each reporting interval, 0–0.5 (default 0.1)
  --quiet          no periodic summary
While it runs, type on stdin:  scenario NAME DEVICE on|off [PARAM]   status   scenarios   help   quit

Load mode (benchmarks; loopback brokers only): N devices × R messages/s each, 3 values per message.
  --load N         devices (1–${LOAD_LIMITS.maxDevices}), each its own connection
  --rate R         messages per second per device (default 1, at most ${LOAD_LIMITS.maxRatePerDevice})
  --duration D     how long to publish (required, at most ${LOAD_LIMITS.maxDurationMs / 60_000}m)
  --id-prefix P    device ids are P-<run>-00001 … (default "load")

Scenarios: ${SCENARIO_NAMES.join(', ')}`;

export interface ScenarioArg {
  readonly name: ScenarioName;
  readonly deviceId: string;
  readonly param?: string;
  /** Sim time after the start at which to switch it on. */
  readonly afterMs: number;
}

export interface FleetCliOptions {
  readonly mode: 'fleet';
  readonly brokerUrl: string;
  readonly fleetPath: string;
  readonly speed: number;
  readonly seed: number;
  readonly durationMs: number | null;
  readonly simStart: number;
  readonly scenarios: readonly ScenarioArg[];
  readonly idSuffix: string | null;
  readonly only: readonly string[] | null;
  readonly jitter: number;
  readonly quiet: boolean;
  /** Things that will work but may surprise. */
  readonly warnings: readonly string[];
}

export interface LoadCliOptions {
  readonly mode: 'load';
  readonly brokerUrl: string;
  readonly devices: number;
  readonly ratePerDevice: number;
  readonly durationMs: number;
  readonly idPrefix: string;
  readonly seed: number;
}

export type CliOptions = FleetCliOptions | LoadCliOptions | { readonly mode: 'help' };

export interface CliDefaults {
  readonly brokerUrl: string;
  readonly fleetPath: string;
  readonly wallNow: number;
}

const BROKER_PROTOCOLS = ['mqtt', 'mqtts', 'tcp', 'ws', 'wss'];
const FLEET_ONLY = ['fleet', 'speed', 'start', 'scenario', 'id-suffix', 'only', 'jitter'] as const;

function fail(problems: string[]): never {
  throw new SimulatorException(
    SimulatorErrorCode.BAD_ARGUMENT,
    `${problems.map((p) => `simulate: ${p}`).join('\n')}\n(npm run simulate -- --help for usage)`,
    problems,
  );
}

export function parseCliArgs(argv: readonly string[], defaults: CliDefaults): CliOptions {
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        broker: { type: 'string' },
        fleet: { type: 'string' },
        speed: { type: 'string' },
        seed: { type: 'string' },
        duration: { type: 'string' },
        start: { type: 'string' },
        scenario: { type: 'string', multiple: true },
        'id-suffix': { type: 'string' },
        only: { type: 'string' },
        jitter: { type: 'string' },
        quiet: { type: 'boolean' },
        load: { type: 'string' },
        rate: { type: 'string' },
        'id-prefix': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    fail([(error as Error).message.replace(/\. To specify a positional argument.*$/s, '')]);
  }
  if (values.help) return { mode: 'help' };
  const str = (name: string) => values[name] as string | undefined;
  const problems: string[] = [];

  const brokerUrl = str('broker') ?? defaults.brokerUrl;
  problems.push(...brokerProblems(brokerUrl));

  const seedText = str('seed') ?? '1';
  const seed = Number(seedText);
  if (!/^-?\d+$/.test(seedText) || !Number.isSafeInteger(seed))
    problems.push(`--seed must be an integer, got "${seedText}"`);

  let durationMs: number | null = null;
  const durationText = str('duration');
  if (durationText !== undefined) {
    durationMs = parseDuration(durationText);
    if (durationMs === null || durationMs <= 0)
      problems.push(`--duration must be a duration like 30s, 10m or 2h, got "${durationText}"`);
  }

  if (str('load') !== undefined) {
    const misplaced = FLEET_ONLY.filter((o) => values[o] !== undefined);
    if (misplaced.length > 0)
      problems.push(`${misplaced.map((o) => `--${o}`).join(', ')} cannot be used with --load`);
    const loadText = str('load') ?? '';
    const devices = /^\d+$/.test(loadText) ? Number(loadText) : NaN;
    const rateText = str('rate') ?? '1';
    const ratePerDevice = /^\d+(\.\d+)?$/.test(rateText) ? Number(rateText) : NaN;
    if (Number.isNaN(devices)) problems.push(`--load must be a whole number of devices, got "${loadText}"`);
    if (Number.isNaN(ratePerDevice))
      problems.push(`--rate must be a number of messages per second, got "${rateText}"`);
    if (
      !Number.isNaN(devices) &&
      !Number.isNaN(ratePerDevice) &&
      (durationMs !== null || durationText === undefined)
    )
      problems.push(...loadProblems({ devices, ratePerDevice, durationMs: durationMs ?? 0 }));
    const idPrefix = str('id-prefix') ?? 'load';
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,40}$/.test(idPrefix))
      problems.push('--id-prefix must be up to 41 letters, digits, "_" or "-"');
    if (problems.length > 0) fail(problems);
    return { mode: 'load', brokerUrl, devices, ratePerDevice, durationMs: durationMs ?? 0, idPrefix, seed };
  }
  for (const o of ['rate', 'id-prefix'] as const)
    if (values[o] !== undefined) problems.push(`--${o} only applies to load mode (--load N)`);

  const speedText = str('speed') ?? '1';
  const speed = /^\d+(\.\d+)?$/.test(speedText) ? Number(speedText) : NaN;
  if (!(speed > 0 && speed <= 100_000))
    problems.push(`--speed must be a number above 0, at most 100000, got "${speedText}"`);

  const jitterText = str('jitter') ?? '0.1';
  const jitter = /^\d+(\.\d+)?$/.test(jitterText) ? Number(jitterText) : NaN;
  if (!(jitter >= 0 && jitter <= 0.5)) problems.push(`--jitter must be a number 0–0.5, got "${jitterText}"`);

  const idSuffix = str('id-suffix') ?? null;
  if (idSuffix !== null && !/^[A-Za-z0-9_-]{1,24}$/.test(idSuffix))
    problems.push('--id-suffix must be 1–24 letters, digits, "_" or "-"');

  const onlyText = str('only');
  const only =
    onlyText === undefined
      ? null
      : onlyText
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  if (only !== null && (only.length === 0 || only.some((id) => !DEVICE_ID_PATTERN.test(id))))
    problems.push('--only must be a comma-separated list of device ids');

  const scenarios: ScenarioArg[] = [];
  for (const raw of (values.scenario as string[] | undefined) ?? []) {
    const parsed = parseScenarioArg(raw);
    if (typeof parsed === 'string') problems.push(parsed);
    else scenarios.push(parsed);
  }

  const warnings: string[] = [];
  let simStart = defaults.wallNow;
  const startText = str('start');
  if (startText !== undefined && startText !== 'now') {
    const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(startText)
      ? Date.parse(startText)
      : NaN;
    if (Number.isNaN(ms))
      problems.push(
        `--start must be ISO-8601 with a time zone (2025-03-03T08:00:00+08:00) or "now", got "${startText}"`,
      );
    else simStart = ms;
  } else if (startText === undefined && speed > 1) {
    if (durationMs === null)
      problems.push(
        '--speed above 1 needs --duration (the sim clock then starts in the past and reaches now as the run ends) or --start',
      );
    else simStart = defaultSimStart(defaults.wallNow, speed, durationMs);
  }
  if (problems.length === 0) {
    const oldest = defaults.wallNow - DEFAULT_TELEMETRY_LIMITS.maxAgeMs;
    if (simStart < oldest)
      problems.push(
        `the sim clock would start ${formatDuration(defaults.wallNow - simStart)} ago, beyond the platform's ${formatDuration(DEFAULT_TELEMETRY_LIMITS.maxAgeMs)} retention: readings would be rejected as too old; lower --speed or --duration`,
      );
    // Sim time overtakes wall time after (wallNow − simStart) / (speed − 1) of wall time.
    const catchUp =
      speed > 1 ? (defaults.wallNow - simStart) / (speed - 1) : simStart > defaults.wallNow ? 0 : Infinity;
    if (catchUp < (durationMs ?? Infinity))
      warnings.push(
        `sim time passes the real clock ${catchUp <= 0 ? 'at once' : `after ${formatDuration(catchUp)}`}: the platform rejects readings more than ${formatDuration(DEFAULT_TELEMETRY_LIMITS.maxFutureSkewMs)} ahead (TS_IN_FUTURE)`,
      );
  }
  if (problems.length > 0) fail(problems);
  return {
    mode: 'fleet',
    brokerUrl,
    fleetPath: str('fleet') ?? defaults.fleetPath,
    speed,
    seed,
    durationMs,
    simStart,
    scenarios,
    idSuffix,
    only,
    jitter,
    quiet: values.quiet === true,
    warnings,
  };
}

export function brokerProblems(brokerUrl: string): string[] {
  let url: URL;
  try {
    url = new URL(brokerUrl);
  } catch {
    return [`--broker must be a URL like mqtt://127.0.0.1:1883, got "${brokerUrl}"`];
  }
  const protocol = url.protocol.replace(/:$/, '');
  if (!BROKER_PROTOCOLS.includes(protocol))
    return [`--broker must use ${BROKER_PROTOCOLS.join(', ')}, got "${protocol}"`];
  if (url.hostname === '') return [`--broker "${brokerUrl}" has no host`];
  return [];
}

/** `NAME:DEVICE[:PARAM][@AFTER]`, e.g. `bad-payloads:demo-ww-001:0.3@10m`; a string is the problem. */
export function parseScenarioArg(raw: string): ScenarioArg | string {
  const at = raw.lastIndexOf('@');
  let afterMs = 0;
  let body = raw;
  if (at >= 0) {
    const ms = parseDuration(raw.slice(at + 1));
    if (ms === null) return `--scenario "${raw}": "@${raw.slice(at + 1)}" is not a duration like @5m`;
    afterMs = ms;
    body = raw.slice(0, at);
  }
  const [name, deviceId, param, ...rest] = body.split(':');
  if (!isScenarioName(name))
    return `--scenario "${raw}": unknown scenario "${name}" (one of ${SCENARIO_NAMES.join(', ')})`;
  if (!deviceId || !DEVICE_ID_PATTERN.test(deviceId) || rest.length > 0)
    return `--scenario "${raw}": expected NAME:DEVICE[:PARAM][@AFTER]`;
  return { name, deviceId, ...(param !== undefined && param !== '' ? { param } : {}), afterMs };
}

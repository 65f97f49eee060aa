/**
 * The fleet manifest: which devices to simulate, whose they are, what they measure, how often they report, which
 * production line they belong to and how that line runs. JSON, validated here in full with every problem named
 * (`devices[3].line: …`) before anything connects.
 */
import {
  DEVICE_ID_PATTERN,
  DEVICE_KINDS,
  isDeviceKind,
  METER_ROLES,
  type DeviceKind,
  type MeterRole,
} from '@park/contracts';
import {
  isSchedulePreset,
  SCHEDULE_PRESETS,
  scheduleProblems,
  type LineSchedule,
  type Shift,
} from '../models/load-profile';
import type { ModelParams } from '../models/device-model';
import { SimulatorErrorCode, SimulatorException } from '../simulator.exception';

export interface ManifestLine {
  readonly id: string;
  readonly name: string | null;
  /** The preset's name, or "custom". */
  readonly scheduleName: string;
  readonly schedule: LineSchedule;
}

export interface ManifestEnterprise {
  readonly key: string;
  readonly name: string;
  /** 统一社会信用代码, when known: how the records identify the enterprise. */
  readonly creditCode: string | null;
  readonly lines: readonly ManifestLine[];
}

export interface ManifestDevice {
  readonly id: string;
  readonly kind: DeviceKind;
  readonly role: MeterRole | null;
  readonly line: string | null;
  readonly enterprise: string;
  /** How often the device reports, in (sim) seconds; the platform's offline detection expects the same. */
  readonly expectedIntervalS: number;
  readonly name: string | null;
  readonly location: string | null;
  /** MQTT password, in clear: for demo fleets only. */
  readonly password: string | null;
  /** Name of the environment variable holding the MQTT password. */
  readonly passwordEnv: string | null;
  readonly params: ModelParams;
}

export interface FleetManifest {
  readonly name: string;
  readonly description: string | null;
  readonly enterprises: readonly ManifestEnterprise[];
  readonly devices: readonly ManifestDevice[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/** Collects problems with their JSON path instead of stopping at the first. */
class Problems {
  readonly list: string[] = [];
  add(path: string, message: string): void {
    this.list.push(`${path}: ${message}`);
  }
  unknownKeys(path: string, obj: Json, allowed: readonly string[]): void {
    for (const key of Object.keys(obj))
      if (!allowed.includes(key)) this.add(path, `unknown field "${key}" (allowed: ${allowed.join(', ')})`);
  }
  string(path: string, value: unknown, required: true): string;
  string(path: string, value: unknown, required: false): string | null;
  string(path: string, value: unknown, required: boolean): string | null {
    if (value === undefined || value === null) {
      if (required) this.add(path, 'is required');
      return required ? '' : null;
    }
    if (typeof value !== 'string' || value.length === 0) {
      this.add(path, 'must be a non-empty string');
      return required ? '' : null;
    }
    return value;
  }
  number(path: string, value: unknown, min: number, max: number, exclusiveMin = false): number | undefined {
    if (value === undefined) return undefined;
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value > max ||
      value < min ||
      (exclusiveMin && value === min)
    ) {
      this.add(path, `must be a number ${exclusiveMin ? 'above' : 'from'} ${min} to ${max}`);
      return undefined;
    }
    return value;
  }
}

/** Validates a parsed manifest; throws BAD_MANIFEST listing every problem. */
export function parseManifest(input: unknown): FleetManifest {
  const p = new Problems();
  if (!isObject(input)) throw manifestError(['the manifest must be a JSON object']);
  p.unknownKeys('manifest', input, ['name', 'description', 'enterprises', 'devices']);
  const name = p.string('name', input.name, true);
  const description = p.string('description', input.description, false);

  const enterprises: ManifestEnterprise[] = [];
  if (!Array.isArray(input.enterprises) || input.enterprises.length === 0) {
    p.add('enterprises', 'must be a non-empty array');
  } else {
    input.enterprises.forEach((raw, i) => {
      const e = parseEnterprise(p, `enterprises[${i}]`, raw);
      if (!e) return;
      if (enterprises.some((x) => x.key === e.key))
        p.add(`enterprises[${i}].key`, `"${e.key}" is listed twice`);
      enterprises.push(e);
    });
  }

  const devices: ManifestDevice[] = [];
  if (!Array.isArray(input.devices) || input.devices.length === 0) {
    p.add('devices', 'must be a non-empty array');
  } else {
    input.devices.forEach((raw, i) => {
      const d = parseDevice(p, `devices[${i}]`, raw, enterprises);
      if (!d) return;
      if (devices.some((x) => x.id === d.id)) p.add(`devices[${i}].id`, `"${d.id}" is listed twice`);
      devices.push(d);
    });
  }
  if (p.list.length > 0) throw manifestError(p.list);
  return { name, description, enterprises, devices };
}

function manifestError(problems: string[]): SimulatorException {
  return new SimulatorException(
    SimulatorErrorCode.BAD_MANIFEST,
    `invalid fleet manifest:\n${problems.map((x) => `  - ${x}`).join('\n')}`,
    problems,
  );
}

function parseEnterprise(p: Problems, path: string, raw: unknown): ManifestEnterprise | null {
  if (!isObject(raw)) {
    p.add(path, 'must be an object');
    return null;
  }
  p.unknownKeys(path, raw, ['key', 'name', 'creditCode', 'lines']);
  const key = p.string(`${path}.key`, raw.key, true);
  const name = p.string(`${path}.name`, raw.name, true);
  const creditCode = p.string(`${path}.creditCode`, raw.creditCode, false);
  if (creditCode !== null && !/^[0-9A-HJ-NP-RTUWXY]{18}$/.test(creditCode))
    p.add(`${path}.creditCode`, 'must be an 18-character 统一社会信用代码');
  const lines: ManifestLine[] = [];
  if (raw.lines !== undefined && !Array.isArray(raw.lines)) p.add(`${path}.lines`, 'must be an array');
  (Array.isArray(raw.lines) ? raw.lines : []).forEach((rawLine: unknown, i) => {
    const lp = `${path}.lines[${i}]`;
    if (!isObject(rawLine)) return p.add(lp, 'must be an object');
    p.unknownKeys(lp, rawLine, ['id', 'name', 'schedule']);
    const id = p.string(`${lp}.id`, rawLine.id, true);
    if (lines.some((l) => l.id === id)) p.add(`${lp}.id`, `"${id}" is listed twice`);
    const parsed = parseSchedule(p, `${lp}.schedule`, rawLine.schedule);
    if (parsed) lines.push({ id, name: p.string(`${lp}.name`, rawLine.name, false), ...parsed });
  });
  return { key, name, creditCode, lines };
}

function parseSchedule(
  p: Problems,
  path: string,
  raw: unknown,
): { scheduleName: string; schedule: LineSchedule } | null {
  if (isSchedulePreset(raw)) return { scheduleName: raw, schedule: SCHEDULE_PRESETS[raw] };
  if (!isObject(raw)) {
    p.add(path, `must be one of ${Object.keys(SCHEDULE_PRESETS).join(', ')} or a schedule object`);
    return null;
  }
  p.unknownKeys(path, raw, ['shifts', 'dayFactors', 'idleLevel', 'rampMinutes', 'utcOffsetMinutes']);
  const shifts = Array.isArray(raw.shifts) ? raw.shifts : [];
  const schedule = {
    shifts: shifts.map((s: unknown) => (isObject(s) ? s : {})) as unknown as Shift[],
    dayFactors: raw.dayFactors as LineSchedule['dayFactors'],
    idleLevel: raw.idleLevel as number,
    rampMinutes: raw.rampMinutes as number,
    utcOffsetMinutes: (raw.utcOffsetMinutes ?? 480) as number,
  };
  if (!Array.isArray(schedule.dayFactors)) {
    p.add(`${path}.dayFactors`, 'must be 7 numbers, Sunday first');
    return null;
  }
  const problems = scheduleProblems(schedule);
  for (const problem of problems) p.add(path, problem);
  return problems.length > 0 ? null : { scheduleName: 'custom', schedule };
}

function parseDevice(
  p: Problems,
  path: string,
  raw: unknown,
  enterprises: readonly ManifestEnterprise[],
): ManifestDevice | null {
  if (!isObject(raw)) {
    p.add(path, 'must be an object');
    return null;
  }
  p.unknownKeys(path, raw, [
    'id',
    'kind',
    'role',
    'line',
    'enterprise',
    'expectedIntervalS',
    'name',
    'location',
    'password',
    'passwordEnv',
    'params',
  ]);
  const id = p.string(`${path}.id`, raw.id, true);
  if (id && !DEVICE_ID_PATTERN.test(id))
    p.add(
      `${path}.id`,
      `"${id}" must be 1–64 letters, digits, "_", "." or "-", starting with a letter or digit`,
    );
  if (!isDeviceKind(raw.kind)) {
    p.add(`${path}.kind`, `must be one of ${Object.keys(DEVICE_KINDS).join(', ')}`);
    return null;
  }
  const kind = raw.kind;
  let role: MeterRole | null = null;
  if (kind === 'power-meter') {
    if (!(METER_ROLES as readonly unknown[]).includes(raw.role))
      p.add(`${path}.role`, `a power meter needs a role: ${METER_ROLES.join(', ')}`);
    else role = raw.role as MeterRole;
  } else if (raw.role !== undefined && raw.role !== null) {
    p.add(`${path}.role`, 'only power meters have a role');
  }
  const enterpriseKey = p.string(`${path}.enterprise`, raw.enterprise, true);
  const enterprise = enterprises.find((e) => e.key === enterpriseKey);
  if (enterpriseKey && !enterprise) p.add(`${path}.enterprise`, `no enterprise with key "${enterpriseKey}"`);
  const line = p.string(`${path}.line`, raw.line, false);
  if (line !== null && enterprise && !enterprise.lines.some((l) => l.id === line))
    p.add(`${path}.line`, `enterprise "${enterpriseKey}" has no line "${line}"`);
  if (line === null && (role === 'production' || role === 'pollution-control'))
    p.add(`${path}.line`, `a ${role} meter must belong to a production line`);
  const interval = raw.expectedIntervalS;
  if (typeof interval !== 'number' || !Number.isInteger(interval) || interval < 1 || interval > 86_400)
    p.add(`${path}.expectedIntervalS`, 'must be a whole number of seconds, 1–86400');
  const password = p.string(`${path}.password`, raw.password, false);
  const passwordEnv = p.string(`${path}.passwordEnv`, raw.passwordEnv, false);
  if (passwordEnv !== null && !ENV_NAME.test(passwordEnv))
    p.add(`${path}.passwordEnv`, 'must be an environment variable name (A–Z, 0–9, _)');
  if (password !== null && passwordEnv !== null) p.add(path, 'give password or passwordEnv, not both');
  return {
    id,
    kind,
    role,
    line,
    enterprise: enterpriseKey,
    expectedIntervalS: interval as number,
    name: p.string(`${path}.name`, raw.name, false),
    location: p.string(`${path}.location`, raw.location, false),
    password,
    passwordEnv,
    params: parseParams(p, `${path}.params`, raw.params, kind, role),
  };
}

function parseParams(
  p: Problems,
  path: string,
  raw: unknown,
  kind: DeviceKind,
  role: MeterRole | null,
): ModelParams {
  if (raw === undefined) return {};
  if (!isObject(raw)) {
    p.add(path, 'must be an object');
    return {};
  }
  const allowed: readonly string[] =
    kind === 'power-meter'
      ? ['ratedKw', 'voltage', 'startKwh', ...(role === 'pollution-control' ? ['startLagS', 'stopLagS'] : [])]
      : kind === 'stack-gas'
        ? ['ratedFlow', 'permit']
        : kind === 'wastewater'
          ? ['ratedFlow']
          : kind === 'temperature'
            ? ['baseline', 'diurnal']
            : kind === 'pressure' || kind === 'liquid-level'
              ? ['baseline']
              : [];
  if (allowed.length === 0 && Object.keys(raw).length > 0) p.add(path, `a ${kind} device takes no params`);
  else p.unknownKeys(path, raw, allowed);
  const out: { -readonly [K in keyof ModelParams]: ModelParams[K] } = {};
  out.ratedKw = p.number(`${path}.ratedKw`, raw.ratedKw, 0, 500_000, true);
  out.voltage = p.number(`${path}.voltage`, raw.voltage, 0, 500_000, true);
  out.startKwh = p.number(`${path}.startKwh`, raw.startKwh, 0, 1e12);
  out.startLagS = p.number(`${path}.startLagS`, raw.startLagS, 0, 3600);
  out.stopLagS = p.number(`${path}.stopLagS`, raw.stopLagS, 0, 3600);
  if ((out.stopLagS ?? 600) < (out.startLagS ?? 180))
    p.add(`${path}.stopLagS`, 'must not be shorter than startLagS');
  out.ratedFlow = p.number(
    `${path}.ratedFlow`,
    raw.ratedFlow,
    0,
    kind === 'stack-gas' ? 10_000_000 : 100_000,
    true,
  );
  if (raw.permit !== undefined) {
    if (!isObject(raw.permit)) p.add(`${path}.permit`, 'must be an object of so2, nox, pm limits in mg/m³');
    else {
      p.unknownKeys(`${path}.permit`, raw.permit, ['so2', 'nox', 'pm']);
      out.permit = {
        so2: p.number(`${path}.permit.so2`, raw.permit.so2, 0, 10_000, true),
        nox: p.number(`${path}.permit.nox`, raw.permit.nox, 0, 10_000, true),
        pm: p.number(`${path}.permit.pm`, raw.permit.pm, 0, 10_000, true),
      };
      for (const k of ['so2', 'nox', 'pm'] as const) if (out.permit[k] === undefined) delete out.permit[k];
    }
  }
  out.baseline =
    kind === 'pressure'
      ? p.number(`${path}.baseline`, raw.baseline, -100, 100_000)
      : kind === 'liquid-level'
        ? p.number(`${path}.baseline`, raw.baseline, 0, 100)
        : p.number(`${path}.baseline`, raw.baseline, -50, 1000);
  out.diurnal = p.number(`${path}.diurnal`, raw.diurnal, 0, 30);
  for (const key of Object.keys(out) as (keyof ModelParams)[]) if (out[key] === undefined) delete out[key];
  return out;
}

/** The schedule a device follows: its line's, or null when it has no line. */
export function scheduleOf(manifest: FleetManifest, device: ManifestDevice): LineSchedule | null {
  if (device.line === null) return null;
  const enterprise = manifest.enterprises.find((e) => e.key === device.enterprise);
  return enterprise?.lines.find((l) => l.id === device.line)?.schedule ?? null;
}

/**
 * The same fleet with every device id suffixed `-<suffix>`, so parallel runs (tests, benchmarks) against one
 * broker never share a topic or a client id. Throws when a suffixed id would break the id contract.
 */
export function withIdSuffix(manifest: FleetManifest, suffix: string): FleetManifest {
  const devices = manifest.devices.map((d) => ({ ...d, id: `${d.id}-${suffix}` }));
  const bad = devices.filter((d) => !DEVICE_ID_PATTERN.test(d.id)).map((d) => d.id);
  if (bad.length > 0) {
    throw new SimulatorException(
      SimulatorErrorCode.BAD_ARGUMENT,
      `id suffix "${suffix}" makes invalid device ids: ${bad.slice(0, 3).join(', ')}`,
    );
  }
  return { ...manifest, devices };
}

/** Only the devices named (for a small fleet cut from a big manifest). */
export function selectDevices(manifest: FleetManifest, ids: readonly string[]): FleetManifest {
  const missing = ids.filter((id) => !manifest.devices.some((d) => d.id === id));
  if (missing.length > 0)
    throw new SimulatorException(
      SimulatorErrorCode.UNKNOWN_DEVICE,
      `not in the fleet: ${missing.join(', ')}`,
    );
  return { ...manifest, devices: manifest.devices.filter((d) => ids.includes(d.id)) };
}

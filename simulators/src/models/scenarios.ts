/**
 * Fault scenarios that can be switched on and off while a fleet runs. This file names them, says which devices
 * each applies to, parses their parameter, and keeps each device's episodes (when a scenario started and ended,
 * in sim time). The device models read the episodes; nothing here does I/O.
 */
import type { DataQuality, DeviceKind, MeterRole } from '@park/contracts';
import { parseDuration } from '../duration';

export const SCENARIO_NAMES = [
  'gas-leak',
  'treatment-off',
  'emission-exceedance',
  'silent',
  'meter-replaced',
  'bad-payloads',
  'fire-alarm',
  'overpressure',
  'detector-fault',
  'wastewater-exceedance',
  'analyser-fault',
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && (SCENARIO_NAMES as readonly string[]).includes(value);
}

/** What `silent` does to the connection: stay connected but quiet, or drop it so the broker sends the last will. */
export type SilentMode = 'quiet' | 'drop';

/** A scenario's parameter, parsed. */
export type ScenarioParams = {
  'gas-leak': { readonly peakLel: number };
  'treatment-off': { readonly durationMs: number | null };
  'emission-exceedance': { readonly durationMs: number | null };
  silent: { readonly mode: SilentMode };
  'meter-replaced': { readonly startKwh: number | null };
  'bad-payloads': { readonly rate: number };
  'fire-alarm': { readonly durationMs: number | null };
  overpressure: { readonly factor: number };
  'detector-fault': { readonly durationMs: number | null };
  'wastewater-exceedance': { readonly durationMs: number | null };
  'analyser-fault': { readonly flag: AnalyserFaultFlag; readonly metrics: readonly string[] | null };
};

/** The data flags `analyser-fault` may report: D a fault (raises), M maintenance and C calibration (planned, never). */
export const ANALYSER_FAULT_FLAGS = ['D', 'M', 'C'] as const satisfies readonly DataQuality[];
export type AnalyserFaultFlag = (typeof ANALYSER_FAULT_FLAGS)[number];

/** The analysers `analyser-fault` applies to, and the metrics it flags when none are named. */
export const ANALYSER_DEFAULT_METRICS: Readonly<Partial<Record<DeviceKind, readonly string[]>>> = {
  'stack-gas': ['so2', 'nox'],
  wastewater: ['cod'],
};

interface ScenarioInfo<N extends ScenarioName> {
  readonly summary: string;
  /** What the optional parameter means, for help and error messages. */
  readonly param: string;
  /** Whether the scenario is an instant event rather than a state that lasts until switched off. */
  readonly oneShot: boolean;
  appliesTo(kind: DeviceKind, role: MeterRole | null): boolean;
  parse(raw: string | undefined): ScenarioParams[N] | string;
}

const number = (raw: string, min: number, max: number): number | null => {
  if (!/^\d+(\.\d+)?$/.test(raw)) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
};

const optionalDuration = (raw: string | undefined, fallback: number | null): number | null | string => {
  if (raw === undefined) return fallback;
  const ms = parseDuration(raw);
  return ms === null || ms <= 0 ? `"${raw}" is not a duration like 90m or 2h` : ms;
};

export const SCENARIOS: { readonly [N in ScenarioName]: ScenarioInfo<N> } = {
  'gas-leak': {
    summary: "a combustible-gas detector's %LEL rises over minutes, past 25 (level 1) and then 50 (level 2)",
    param: 'peak %LEL the leak levels off at, 1–100 (default 80)',
    oneShot: false,
    appliesTo: (kind) => kind === 'combustible-gas',
    parse: (raw) => {
      if (raw === undefined) return { peakLel: 80 };
      const peak = number(raw, 1, 100);
      return peak === null ? `peak %LEL must be a number 1–100, got "${raw}"` : { peakLel: peak };
    },
  },
  'treatment-off': {
    summary: "a pollution-control meter drops to ~0 kW while its line's production runs (分表计电)",
    param: 'how long, in sim time (e.g. 2h; default until switched off)',
    oneShot: false,
    appliesTo: (kind, role) => kind === 'power-meter' && role === 'pollution-control',
    parse: (raw) => {
      const d = optionalDuration(raw, null);
      return typeof d === 'string' ? d : { durationMs: d };
    },
  },
  'emission-exceedance': {
    summary: 'a stack-gas CEMS reports SO₂ and NOx above its permit limits (hourly means exceed after 1 h)',
    param: 'how long, in sim time (default 90m)',
    oneShot: false,
    appliesTo: (kind) => kind === 'stack-gas',
    parse: (raw) => {
      const d = optionalDuration(raw, 90 * 60_000);
      return typeof d === 'string' ? d : { durationMs: d };
    },
  },
  silent: {
    summary: 'a device stops publishing; "drop" also cuts its connection so the broker sends its last will',
    param: '"quiet" (default: stay connected) or "drop"',
    oneShot: false,
    appliesTo: () => true,
    parse: (raw) =>
      raw === undefined || raw === 'quiet' || raw === 'drop'
        ? { mode: raw ?? 'quiet' }
        : `silent mode must be "quiet" or "drop", got "${raw}"`,
  },
  'meter-replaced': {
    summary: 'a power meter is replaced: its kWh counter restarts from a small value',
    param: "the new meter's starting kWh (default 0–5)",
    oneShot: true,
    appliesTo: (kind) => kind === 'power-meter',
    parse: (raw) => {
      if (raw === undefined) return { startKwh: null };
      const kwh = number(raw, 0, 1_000_000);
      return kwh === null ? `starting kWh must be a number ≥ 0, got "${raw}"` : { startKwh: kwh };
    },
  },
  'bad-payloads': {
    summary:
      'a share of messages is invalid: malformed JSON, wrong types, non-finite numbers, unknown metric, ts in the future, oversize',
    param: 'share of messages that are bad, 0–1 (default 0.2)',
    oneShot: false,
    appliesTo: () => true,
    parse: (raw) => {
      if (raw === undefined) return { rate: 0.2 };
      const rate = number(raw, 0, 1);
      return rate === null ? `rate must be a number 0–1, got "${raw}"` : { rate };
    },
  },
  'detector-fault': {
    summary:
      'a gas detector reports its fault output (fault: true) — a broken sensor head, a cut loop — for the episode',
    param: 'how long, in sim time (e.g. 30m; default until switched off)',
    oneShot: false,
    appliesTo: (kind) => kind === 'combustible-gas' || kind === 'toxic-gas' || kind === 'oxygen',
    parse: (raw) => {
      const d = optionalDuration(raw, null);
      return typeof d === 'string' ? d : { durationMs: d };
    },
  },
  overpressure: {
    summary:
      "a pressure sensor's vessel pressure climbs to a multiple of its set-point over minutes (a runaway, a blocked vent)",
    param: 'the multiple of the set-point it levels off at, 1.05–5 (default 1.5)',
    oneShot: false,
    appliesTo: (kind) => kind === 'pressure',
    parse: (raw) => {
      if (raw === undefined) return { factor: 1.5 };
      const factor = number(raw, 1.05, 5);
      return factor === null ? `factor must be a number 1.05–5, got "${raw}"` : { factor };
    },
  },
  'wastewater-exceedance': {
    summary:
      "a wastewater outlet's COD and NH₃-N climb above its permit limits (a treatment upset) while it lasts: hourly means exceed after 1 h, daily means after a day",
    param: 'how long, in sim time (e.g. 2h; default until switched off)',
    oneShot: false,
    appliesTo: (kind) => kind === 'wastewater',
    parse: (raw) => {
      const d = optionalDuration(raw, null);
      return typeof d === 'string' ? d : { durationMs: d };
    },
  },
  'analyser-fault': {
    summary:
      'a CEMS or water analyser freezes: the chosen metrics repeat their last value flagged D (fault), or M/C for planned maintenance/calibration',
    param:
      'metrics and/or one flag, comma-separated: so2,nox / M / cod,C (default D on so2,nox for stack gas, cod for wastewater)',
    oneShot: false,
    appliesTo: (kind) => ANALYSER_DEFAULT_METRICS[kind] !== undefined,
    parse: (raw) => {
      if (raw === undefined) return { flag: 'D', metrics: null };
      const items = raw.split(',');
      const flags = items.filter((x) => /^[A-Z]$/.test(x));
      const metrics = items.filter((x) => /^[a-z][a-z0-9]*$/.test(x));
      const [flag = 'D'] = flags;
      if (
        flags.length + metrics.length !== items.length ||
        flags.length > 1 ||
        !(ANALYSER_FAULT_FLAGS as readonly string[]).includes(flag)
      ) {
        return `analyser-fault takes metrics and at most one flag (D, M or C), comma-separated like so2,nox or cod,M; got "${raw}"`;
      }
      return { flag: flag as AnalyserFaultFlag, metrics: metrics.length > 0 ? [...new Set(metrics)] : null };
    },
  },
  'fire-alarm': {
    summary:
      'a smoke/fire detector goes into alarm: smoke and fire true on its next readings, false again when it ends',
    param: 'how long, in sim time (e.g. 10m; default until switched off)',
    oneShot: false,
    appliesTo: (kind) => kind === 'smoke',
    parse: (raw) => {
      const d = optionalDuration(raw, null);
      return typeof d === 'string' ? d : { durationMs: d };
    },
  },
};

/** One episode of a scenario on one device, in sim time. `until` is set when it ends (or is planned to). */
export interface Episode<N extends ScenarioName = ScenarioName> {
  readonly name: N;
  readonly since: number;
  readonly until: number | null;
  readonly params: ScenarioParams[N];
}

export function isActive(episode: Episode | undefined, t: number): boolean {
  return episode !== undefined && t >= episode.since && (episode.until === null || t < episode.until);
}

/** What a device model may know about scenarios: the latest episode of each, for its own device. */
export interface ScenarioView {
  latest<N extends ScenarioName>(name: N): Episode<N> | undefined;
}

/** The episodes of one device. Sustained scenarios keep their latest episode (ended ones too: a leak decays). */
export class DeviceScenarios implements ScenarioView {
  private readonly episodes = new Map<ScenarioName, Episode>();

  latest<N extends ScenarioName>(name: N): Episode<N> | undefined {
    return this.episodes.get(name) as Episode<N> | undefined;
  }

  active<N extends ScenarioName>(name: N, t: number): Episode<N> | undefined {
    const e = this.latest(name);
    return isActive(e, t) ? e : undefined;
  }

  start<N extends ScenarioName>(
    name: N,
    t: number,
    params: ScenarioParams[N],
    durationMs: number | null = null,
  ): void {
    this.episodes.set(name, { name, since: t, until: durationMs === null ? null : t + durationMs, params });
  }

  /** Ends the scenario at `t` if it is running then; returns whether it was. */
  stop(name: ScenarioName, t: number): boolean {
    const e = this.episodes.get(name);
    if (!isActive(e, t) || !e) return false;
    this.episodes.set(name, { ...e, until: t });
    return true;
  }

  /** Every episode running at `t`. */
  running(t: number): Episode[] {
    return [...this.episodes.values()].filter((e) => isActive(e, t));
  }
}

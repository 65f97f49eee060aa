/**
 * One simulated device, without I/O: its value model, its scenarios, when it reports next and what it sends.
 * The fleet runner asks it for the next due time and the message at that time, and puts the message on the wire.
 */
import { DEVICE_KINDS, type DeviceKind, type MeterRole } from '@park/contracts';
import { badPayload, type BadPayload } from '../models/bad-payloads';
import { createDeviceModel, type DeviceModel, type Values } from '../models/device-model';
import type { LineSchedule } from '../models/load-profile';
import { Rng } from '../models/prng';
import {
  ANALYSER_DEFAULT_METRICS,
  DeviceScenarios,
  isScenarioName,
  SCENARIOS,
  type AnalyserFaultFlag,
  type Episode,
  type ScenarioName,
  type ScenarioParams,
  type SilentMode,
} from '../models/scenarios';
import { SimulatorErrorCode, SimulatorException } from '../simulator.exception';
import type { ManifestDevice } from './manifest';

export interface OutgoingMessage {
  readonly ts: number;
  readonly payload: Buffer;
  /** The reading the device measured (also when it sent something broken instead). */
  readonly values: Values;
  /** Set when the message is deliberately invalid. */
  readonly bad: BadPayload | null;
}

export interface ScenarioChange {
  readonly name: ScenarioName;
  readonly on: boolean;
  /** The parameter as typed (`0.3`, `drop`, `90m`); parsed and checked against the scenario. */
  readonly param?: string;
}

/** Default ± spread of the reporting interval: real devices drift, and a fleet must not publish in lock-step. */
export const DEFAULT_JITTER = 0.1;

export class DeviceSimulator {
  readonly id: string;
  readonly kind: DeviceKind;
  readonly role: MeterRole | null;
  readonly intervalMs: number;
  private readonly scenarios = new DeviceScenarios();
  private readonly model: DeviceModel;
  private readonly scheduleRng: Rng;
  private readonly faultsRng: Rng;
  /** The values a faulty analyser is stuck at, taken from its first reading of the `analyser-fault` episode. */
  private frozen: { readonly since: number; readonly values: Values } | null = null;

  constructor(
    readonly device: ManifestDevice,
    schedule: LineSchedule | null,
    seed: number | string,
    private readonly jitter = DEFAULT_JITTER,
  ) {
    this.id = device.id;
    this.kind = device.kind;
    this.role = device.role;
    this.intervalMs = device.expectedIntervalS * 1000;
    // Independent streams per device and purpose: one device's faults never change another's readings.
    const key = device.id;
    this.model = createDeviceModel(
      { kind: device.kind, role: device.role, schedule, params: device.params },
      Rng.derive(seed, key, 'values'),
    );
    this.scheduleRng = Rng.derive(seed, key, 'schedule');
    this.faultsRng = Rng.derive(seed, key, 'faults');
  }

  /** The first report, somewhere in the first interval after `simStart` so a fleet does not start in lock-step. */
  firstDue(simStart: number): number {
    return simStart + Math.round(this.scheduleRng.uniform(0, this.intervalMs));
  }

  nextDue(previousDue: number): number {
    const spread = this.scheduleRng.uniform(-this.jitter, this.jitter);
    return previousDue + Math.max(1, Math.round(this.intervalMs * (1 + spread)));
  }

  /**
   * The message the device sends at sim time `ts`, or null when it is silent. The model is read either way, so the
   * device's state (its kWh counter, its drift) moves on while it is silent and scenarios do not change the values.
   */
  messageAt(ts: number, wallNow: number): OutgoingMessage | null {
    const measured = this.model.read(ts, this.scenarios);
    if (this.scenarios.active('silent', ts)) return null;
    const { values, flags } = this.analyserFault(ts, measured);
    const faults = this.scenarios.active('bad-payloads', ts);
    if (faults && this.faultsRng.chance(faults.params.rate)) {
      const bad = badPayload(this.kind, ts, wallNow, values, this.faultsRng);
      return { ts, payload: bad.payload, values, bad };
    }
    const body = flags ? { ts, values, flags } : { ts, values };
    return { ts, payload: Buffer.from(JSON.stringify(body), 'utf8'), values, bad: null };
  }

  /**
   * While `analyser-fault` runs, its metrics repeat the value of the episode's first reading (a stuck analyser) and
   * carry its HJ 212 flag. Uses no random numbers, so the device's other values and later readings are unchanged.
   */
  private analyserFault(
    ts: number,
    measured: Values,
  ): { values: Values; flags: Record<string, AnalyserFaultFlag> | null } {
    const fault = this.scenarios.active('analyser-fault', ts);
    if (!fault) return { values: measured, flags: null };
    const metrics = fault.params.metrics ?? ANALYSER_DEFAULT_METRICS[this.kind] ?? [];
    if (this.frozen?.since !== fault.since) {
      this.frozen = {
        since: fault.since,
        values: Object.fromEntries(metrics.map((m) => [m, measured[m]])),
      };
    }
    const values: Values = { ...measured, ...this.frozen.values };
    const flags = Object.fromEntries(metrics.map((m) => [m, fault.params.flag]));
    return { values, flags };
  }

  /** How `silent` treats the connection now, or null when the device is not silent. */
  silentMode(t: number): SilentMode | null {
    return this.scenarios.active('silent', t)?.params.mode ?? null;
  }

  /**
   * Switches a scenario on or off at sim time `t`. Throws a SimulatorException when the scenario does not apply to
   * this device or its parameter is wrong. Returns a line for the log.
   */
  setScenario(change: ScenarioChange, t: number): string {
    const { name, on, param } = change;
    const params = this.checkScenario(change);
    if (!on) {
      if (SCENARIOS[name].oneShot) return `${this.id}: ${name} is a one-off event; nothing to switch off`;
      return this.scenarios.stop(name, t) ? `${this.id}: ${name} off` : `${this.id}: ${name} was not on`;
    }
    if (name === 'meter-replaced') {
      const p = params as ScenarioParams['meter-replaced'];
      const startKwh = p.startKwh ?? Math.round(this.faultsRng.uniform(0, 5) * 100) / 100;
      this.model.replaceMeter?.(startKwh);
      this.scenarios.start(name, t, { startKwh }, 0);
      return `${this.id}: meter replaced, counter restarts at ${startKwh} kWh`;
    }
    const durationMs = params !== null && 'durationMs' in params ? params.durationMs : null;
    this.scenarios.start(name, t, params as ScenarioParams[typeof name], durationMs);
    return `${this.id}: ${name} on${param !== undefined ? ` (${param})` : ''}`;
  }

  /**
   * Checks that a scenario change applies to this device and its parameter is right, without applying it.
   * Returns the parsed parameters (null when switching off); throws a SimulatorException otherwise.
   */
  checkScenario(change: ScenarioChange): ScenarioParams[ScenarioName] | null {
    const { name, on, param } = change;
    if (!isScenarioName(name)) {
      throw new SimulatorException(SimulatorErrorCode.UNKNOWN_SCENARIO, `no scenario "${String(name)}"`);
    }
    const info = SCENARIOS[name];
    if (!info.appliesTo(this.kind, this.role)) {
      throw new SimulatorException(
        SimulatorErrorCode.SCENARIO_NOT_APPLICABLE,
        `${name} does not apply to ${this.id} (${this.kind}${this.role ? `, ${this.role}` : ''}): ${info.summary}`,
      );
    }
    if (!on) return null;
    const params = info.parse(param);
    if (typeof params === 'string') {
      throw new SimulatorException(SimulatorErrorCode.BAD_SCENARIO_PARAM, `${name} on ${this.id}: ${params}`);
    }
    if ('metrics' in params && params.metrics) {
      const known = Object.keys(DEVICE_KINDS[this.kind].metrics);
      const unknown = params.metrics.filter((m) => !known.includes(m));
      if (unknown.length > 0) {
        throw new SimulatorException(
          SimulatorErrorCode.BAD_SCENARIO_PARAM,
          `${name} on ${this.id}: ${unknown.join(', ')} is not a ${this.kind} metric (one of ${known.join(', ')})`,
        );
      }
    }
    return params;
  }

  /** The scenarios running at `t`. */
  running(t: number): Episode[] {
    return this.scenarios.running(t);
  }
}

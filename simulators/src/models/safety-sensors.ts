/**
 * Safety sensors: combustible gas (%LEL), toxic gas (ppm), oxygen (%VOL), temperature (°C), pressure (kPa) and
 * smoke/fire detectors. Normal readings sit where real ones do — a gas detector shows 0–2 %LEL of zero drift and
 * noise — and the gas-leak scenario drives a detector up through the GB/T 50493-2019 alarm levels.
 */
import { clamp, round, Wander, type Rng } from './prng';
import type { ScenarioView } from './scenarios';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
/** China Standard Time, for the daily temperature swing. */
const CST_OFFSET_MS = 8 * HOUR_MS;

/** A leak builds up as 1 − e^(−t/τ) towards its peak; with τ = 5 min and peak 80 it passes 25 %LEL at ~2 min, 50 at ~5. */
export const LEAK_RISE_TAU_MS = 5 * MINUTE_MS;
/** After the leak is stopped, ventilation clears the gas with this time constant. */
export const LEAK_CLEAR_TAU_MS = 2 * MINUTE_MS;

export class CombustibleGasModel {
  private readonly zero: Wander;

  constructor(private readonly rng: Rng) {
    this.zero = new Wander(rng, 0.35, 30 * MINUTE_MS);
  }

  read(t: number, scenarios: ScenarioView): { lel: number; fault: boolean } {
    const baseline = clamp(0.6 + this.zero.at(t) + this.rng.normal(0, 0.15), 0, 2);
    const leak = leakLel(scenarios, t);
    const turbulence = leak > 0 ? this.rng.normal(0, 0.03 * leak) : 0;
    return { lel: round(clamp(baseline + leak + turbulence, 0, 100), 1), fault: faulted(scenarios, t) };
  }
}

/** Whether a `detector-fault` episode holds the detector's fault output at `t`. */
export function faulted(scenarios: ScenarioView, t: number): boolean {
  const e = scenarios.latest('detector-fault');
  return e !== undefined && t >= e.since && (e.until === null || t < e.until);
}

/** The leak's contribution at `t`, %LEL. */
export function leakLel(scenarios: ScenarioView, t: number): number {
  const e = scenarios.latest('gas-leak');
  if (!e || t < e.since) return 0;
  const rise = (at: number) => e.params.peakLel * (1 - Math.exp(-(at - e.since) / LEAK_RISE_TAU_MS));
  if (e.until === null || t < e.until) return rise(t);
  return rise(e.until) * Math.exp(-(t - e.until) / LEAK_CLEAR_TAU_MS);
}

export class ToxicGasModel {
  private readonly h2s: Wander;
  private readonly co: Wander;

  constructor(private readonly rng: Rng) {
    this.h2s = new Wander(rng, 0.12, 30 * MINUTE_MS);
    this.co = new Wander(rng, 0.8, 30 * MINUTE_MS);
  }

  read(t: number, scenarios?: ScenarioView): { h2s: number; co: number; fault: boolean } {
    return {
      fault: scenarios ? faulted(scenarios, t) : false,
      h2s: round(clamp(0.2 + this.h2s.at(t) + this.rng.normal(0, 0.05), 0, 1.5), 1),
      co: round(clamp(1.5 + this.co.at(t) + this.rng.normal(0, 0.2), 0, 6), 1),
    };
  }
}

export class OxygenModel {
  private readonly drift: Wander;

  constructor(private readonly rng: Rng) {
    this.drift = new Wander(rng, 0.05, HOUR_MS);
  }

  read(t: number, scenarios?: ScenarioView): { o2: number; fault: boolean } {
    return {
      o2: round(clamp(20.9 + this.drift.at(t) + this.rng.normal(0, 0.02), 19.5, 21.4), 2),
      fault: scenarios ? faulted(scenarios, t) : false,
    };
  }
}

export interface TemperatureParams {
  /** Mean temperature, °C: ambient (~20) or a process set-point (a reactor at 85). */
  readonly baseline: number;
  /** Half the daily swing, °C, warmest at 14:00 local time; 0 for a controlled process. */
  readonly diurnal: number;
}

export class TemperatureModel {
  private readonly drift: Wander;

  constructor(
    private readonly params: TemperatureParams,
    private readonly rng: Rng,
  ) {
    this.drift = new Wander(rng, Math.max(0.3, 0.01 * Math.abs(params.baseline)), HOUR_MS);
  }

  read(t: number): { temp: number } {
    const hour = ((((t + CST_OFFSET_MS) % (24 * HOUR_MS)) + 24 * HOUR_MS) % (24 * HOUR_MS)) / HOUR_MS;
    const swing = this.params.diurnal * Math.cos((2 * Math.PI * (hour - 14)) / 24);
    const temp = this.params.baseline + swing + this.drift.at(t) + this.rng.normal(0, 0.1);
    return { temp: round(clamp(temp, -60, 1500), 1) };
  }
}

export interface PressureParams {
  /** Mean pressure, kPa: 101.3 for atmospheric, a vessel's operating pressure otherwise. */
  readonly baseline: number;
}

export class PressureModel {
  private readonly drift: Wander;

  constructor(
    private readonly params: PressureParams,
    private readonly rng: Rng,
  ) {
    this.drift = new Wander(rng, 0.01, 30 * MINUTE_MS);
  }

  read(t: number, scenarios?: ScenarioView): { pressure: number } {
    const { baseline } = this.params;
    const excess = scenarios ? overpressureExcess(scenarios, t) : 0;
    const p =
      baseline * (1 + this.drift.at(t) + excess) + this.rng.normal(0, 0.002 * Math.abs(baseline) + 0.02);
    return { pressure: round(Math.max(-101.325, p), 2) };
  }
}

/** An overpressure builds as 1 − e^(−t/τ) towards factor × set-point; with τ = 3 min, 1.5× passes 1.4× at ~8 min. */
export const OVERPRESSURE_TAU_MS = 3 * MINUTE_MS;

/** The overpressure's share of the set-point at `t` (0 without one); once it ends, it vents with the same τ. */
export function overpressureExcess(scenarios: ScenarioView, t: number): number {
  const e = scenarios.latest('overpressure');
  if (!e || t < e.since) return 0;
  const rise = (at: number) => (e.params.factor - 1) * (1 - Math.exp(-(at - e.since) / OVERPRESSURE_TAU_MS));
  if (e.until === null || t < e.until) return rise(t);
  return rise(e.until) * Math.exp(-(t - e.until) / OVERPRESSURE_TAU_MS);
}

/** A tank's level transmitter: the level wanders slowly (filling and drawing off) around its baseline, in %. */
export class LevelModel {
  private readonly drift: Wander;

  constructor(
    private readonly params: { readonly baseline: number },
    private readonly rng: Rng,
  ) {
    this.drift = new Wander(rng, 5, 2 * HOUR_MS);
  }

  read(t: number): { level: number } {
    const level = this.params.baseline + this.drift.at(t) + this.rng.normal(0, 0.1);
    return { level: round(clamp(level, 0, 100), 1) };
  }
}

/**
 * Smoke and fire detectors report their state on every heartbeat; in normal operation all flags are false. During a
 * `fire-alarm` episode the detector reports smoke and the fire alarm (the state-signal rules raise a critical alert on
 * the first such reading); a flame detector's flag stays false, as a smouldering fire shows no flame.
 */
export class SmokeModel {
  read(t: number, scenarios: ScenarioView): { smoke: boolean; fire: boolean; flame: boolean } {
    const e = scenarios.latest('fire-alarm');
    const burning = e !== undefined && t >= e.since && (e.until === null || t < e.until);
    return { smoke: burning, fire: burning, flame: false };
  }
}

/**
 * A plant's safety interlock signals as its PLC reports them: no emergency stop pressed, the fire door closed, the
 * emergency shut-off valve open (code 1) while the plant runs.
 */
export class SafetyIoModel {
  read(): { estop: boolean; door: boolean; valve: number } {
    return { estop: false, door: false, valve: 1 };
  }
}

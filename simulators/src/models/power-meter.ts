/**
 * Three-phase power meters (DESIGN.md, 分表计电): production meters follow their line's load; pollution-control
 * meters follow the line's production state with a lag; general meters follow a building's day. Each integrates
 * its own kWh counter from the power it reports, so kW and kWh always agree.
 */
import { isRunningWithLag, lineLoad, type LineSchedule } from './load-profile';
import { clamp, round, Wander, type Rng } from './prng';
import { isActive, type ScenarioView } from './scenarios';

const HOUR_MS = 3_600_000;
const SQRT3 = Math.sqrt(3);

export interface PowerMeterParams {
  /** Rated active power of what the meter feeds, kW. */
  readonly ratedKw: number;
  /** Nominal line-to-line voltage, V: 380 for low voltage, 10 000 for a 10 kV incomer. */
  readonly voltage: number;
  /** The counter at the start of the simulation, kWh. */
  readonly startKwh: number;
  /** Pollution control only: how long after production starts the equipment starts, and after it stops it stops. */
  readonly startLagMs: number;
  readonly stopLagMs: number;
}

export const DEFAULT_POWER_METER: Omit<PowerMeterParams, 'ratedKw' | 'startKwh'> = {
  voltage: 380,
  startLagMs: 3 * 60_000,
  stopLagMs: 10 * 60_000,
};

export type PowerReading = { kw: number; kwh: number; voltage: number; current: number; pf: number };

/** Electrical side shared by every role: voltage noise, power factor, current from P = √3·U·I·cosφ, kWh counter. */
export class PowerMeterModel {
  private kwh: number;
  private last: { ts: number; kw: number } | null = null;
  private readonly drift: Wander;
  private readonly voltageDrift: Wander;

  constructor(
    protected readonly params: PowerMeterParams,
    protected readonly rng: Rng,
    /** The active power the meter sees at `t`, before measurement noise (kW). */
    private readonly demand: (t: number, scenarios: ScenarioView) => number,
  ) {
    this.kwh = params.startKwh;
    this.drift = new Wander(rng, 0.03, 20 * 60_000);
    this.voltageDrift = new Wander(rng, 0.008, 30 * 60_000);
  }

  read(t: number, scenarios: ScenarioView): PowerReading {
    const base = this.demand(t, scenarios);
    const noise = this.rng.normal(0, 0.01 * base + 0.001 * this.params.ratedKw);
    const kw = Math.max(0, base * (1 + this.drift.at(t)) + noise);
    if (this.last && t > this.last.ts) {
      // Trapezoidal integration between readings: the counter matches the power curve.
      this.kwh += ((this.last.kw + kw) / 2) * ((t - this.last.ts) / HOUR_MS);
    }
    if (!this.last || t > this.last.ts) this.last = { ts: t, kw };
    const nominal = this.params.voltage;
    const voltage = nominal * clamp(1 + this.voltageDrift.at(t) + this.rng.normal(0, 0.002), 0.93, 1.07);
    const loading = clamp(kw / this.params.ratedKw, 0, 1);
    const pf = clamp(0.85 + 0.09 * loading + this.rng.normal(0, 0.004), 0.85, 0.95);
    const current = (kw * 1000) / (SQRT3 * voltage * pf);
    return {
      kw: round(kw, 2),
      kwh: round(this.kwh, 2),
      voltage: round(voltage, 1),
      current: round(current, 2),
      pf: round(pf, 3),
    };
  }

  /** A new meter is fitted: the counter restarts from `startKwh` (ingestion sees COUNTER_BACKWARDS once). */
  replace(startKwh: number): void {
    this.kwh = startKwh;
  }

  /** The counter as it stands (unrounded), for tests. */
  get counter(): number {
    return this.kwh;
  }
}

/** A production line's meter: rated power times the line's load. */
export function productionDemand(params: PowerMeterParams, schedule: LineSchedule) {
  return (t: number): number => params.ratedKw * lineLoad(schedule, t);
}

/**
 * A pollution-control meter (dust collector, scrubber, RTO, wastewater pumps): when running it draws most of its
 * rating, a little more at high production; when stopped, only its controls (~0.3 %). Under `treatment-off` it is
 * stopped whatever production does — what the 分表计电 correlation rule must catch.
 */
export function pollutionControlDemand(params: PowerMeterParams, schedule: LineSchedule) {
  return (t: number, scenarios: ScenarioView): number => {
    const standby = params.ratedKw * 0.003;
    if (isActive(scenarios.latest('treatment-off'), t)) return standby;
    if (!isRunningWithLag(schedule, t, params.startLagMs, params.stopLagMs)) return standby;
    return params.ratedKw * (0.7 + 0.25 * lineLoad(schedule, t - params.startLagMs));
  };
}

/** A general meter (offices, lighting, utilities): follows its schedule, usually `day-shift` with a base load. */
export function generalDemand(params: PowerMeterParams, schedule: LineSchedule) {
  return (t: number): number => params.ratedKw * lineLoad(schedule, t);
}

/**
 * A stack-gas CEMS (烟气在线监测) on a gas-fired boiler that serves a production line. Like a real analyser it
 * reports *measured* (实测) concentrations together with the measured O₂; permit limits apply to the value corrected
 * to the reference O₂ (GB 13271-2014 §5.2: ρ = ρ′ × (21 − 3.5) / (21 − φ′(O₂)) for gas boilers), which is what the
 * platform's hourly-mean rule computes. The model therefore picks the corrected (折算) concentration — SO₂ ~20–35,
 * NOx ~40–80, PM ~3–8 mg/m³, rising with the boiler's firing rate, which follows the line — and reports it diluted
 * by the excess air actually measured (O₂ 9–11 %). With the boiler off the analyser sees ambient air: O₂ ≈ 20.6 %
 * and no pollutants (reporting small concentrations at O₂ near 21 % would correct to absurd values).
 */
import { lineLoad, type LineSchedule } from './load-profile';
import { clamp, round, Wander, type Rng } from './prng';
import type { ScenarioView } from './scenarios';

export interface EmissionLimits {
  readonly so2: number;
  readonly nox: number;
  readonly pm: number;
}

/** GB 13271-2014, table 3 (special emission limits) for gas-fired boilers, mg/m³ at the reference O₂. */
export const GAS_BOILER_SPECIAL_LIMITS: EmissionLimits = { so2: 50, nox: 150, pm: 20 };

/** Reference O₂ for oil- and gas-fired boilers, GB 13271-2014 §5.2, %. */
export const GAS_BOILER_REFERENCE_O2 = 3.5;

/** GB 13271-2014 §5.2 formula (1): measured concentration → concentration at the reference O₂. */
export function correctedToReferenceO2(
  measured: number,
  measuredO2: number,
  referenceO2 = GAS_BOILER_REFERENCE_O2,
) {
  return (measured * (21 - referenceO2)) / (21 - measuredO2);
}

export interface StackGasParams {
  /** Flue-gas flow at full firing, m³/h. */
  readonly ratedFlow: number;
  /** Limits on the O₂-corrected concentration. */
  readonly permit: EmissionLimits;
}

const RAMP_MS = 5 * 60_000;

export type StackGasReading = {
  so2: number;
  nox: number;
  pm: number;
  o2: number;
  flow: number;
  temp: number;
  velocity: number;
  pressure: number;
  humidity: number;
  nmhc: number;
  thc: number;
  ch4: number;
};

export class StackGasModel {
  private readonly so2: Wander;
  private readonly nox: Wander;
  private readonly pm: Wander;
  private readonly o2: Wander;

  constructor(
    private readonly params: StackGasParams,
    private readonly schedule: LineSchedule,
    private readonly rng: Rng,
  ) {
    this.so2 = new Wander(rng, 2.5, 15 * 60_000);
    this.nox = new Wander(rng, 5, 15 * 60_000);
    this.pm = new Wander(rng, 0.6, 20 * 60_000);
    this.o2 = new Wander(rng, 0.25, 10 * 60_000);
  }

  read(t: number, scenarios: ScenarioView): StackGasReading {
    const load = lineLoad(this.schedule, t);
    // Firing fraction: the boiler lights above ~8 % of line load and is fully on from 20 %.
    const firing = clamp((load - 0.08) / 0.12, 0, 1);
    const o2 = clamp(
      20.6 + (11 - 2 * load + this.o2.at(t) - 20.6) * firing + this.rng.normal(0, 0.05),
      0,
      20.9,
    );
    // Concentrations at the reference O₂ (what the permit limits).
    let so2 = 20 + 15 * load + this.so2.at(t);
    let nox = 40 + 40 * load + this.nox.at(t);
    const pm = 3 + 5 * load + this.pm.at(t);
    const exceed = exceedanceShare(scenarios, t);
    if (exceed > 0) {
      // Desulphurisation / low-NOx burner failure: both well above the permit while it lasts.
      const { permit } = this.params;
      so2 += (permit.so2 * 1.7 - so2) * exceed;
      nox += (permit.nox * 1.5 - nox) * exceed;
    }
    // Diluted by the excess air actually measured; nothing at all while the boiler is off.
    const dilution = ((21 - o2) / (21 - GAS_BOILER_REFERENCE_O2)) * firing;
    const measured = (corrected: number, noise: number) =>
      Math.max(0, corrected * dilution + this.rng.normal(0, noise) * firing);
    const flow =
      this.params.ratedFlow * (0.03 + (0.22 + 0.75 * load) * firing) * (1 + this.rng.normal(0, 0.01));
    const temp = 35 + (55 + 50 * load) * firing + this.rng.normal(0, 0.8);
    // Flue-gas parameters and the VOC analyser's hydrocarbons follow from the values above, without drawing on the
    // random stream (so the established series stay as they were): a duct sized for 15 m/s at the rated flow, a
    // slight draught, the water vapour of burnt natural gas, and a little unburnt methane (THC = CH₄ + NMHC).
    const share = Math.max(0, flow) / this.params.ratedFlow;
    const ch4 = round((0.8 + 0.6 * load) * dilution, 2);
    const nmhc = round((0.5 + 0.9 * load) * dilution, 2);
    return {
      so2: round(measured(so2, 0.3), 1),
      nox: round(measured(nox, 0.6), 1),
      pm: round(measured(pm, 0.08), 2),
      o2: round(o2, 2),
      flow: round(Math.max(0, flow), 0),
      temp: round(temp, 1),
      velocity: round(15 * share, 2),
      pressure: round(-0.02 - 0.13 * share, 3),
      humidity: round(1.5 + 10 * firing, 1),
      nmhc,
      thc: round(ch4 + nmhc, 2),
      ch4,
    };
  }
}

/** How far into the exceedance the stack is at `t`: ramps 0 → 1 over 5 min, and back after it ends. */
function exceedanceShare(scenarios: ScenarioView, t: number): number {
  const e = scenarios.latest('emission-exceedance');
  if (!e || t < e.since) return 0;
  const up = clamp((t - e.since) / RAMP_MS, 0, 1);
  if (e.until === null || t < e.until) return up;
  const atEnd = clamp((e.until - e.since) / RAMP_MS, 0, 1);
  return atEnd * clamp(1 - (t - e.until) / RAMP_MS, 0, 1);
}

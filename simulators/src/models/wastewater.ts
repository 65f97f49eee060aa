/**
 * A wastewater outlet monitor (废水在线监测) after the enterprise's treatment plant: COD, ammonia nitrogen and total
 * phosphorus in mg/L well inside typical discharge limits, pH 6.5–8.5 wandering slowly, flow following production.
 */
import { lineLoad, type LineSchedule } from './load-profile';
import { clamp, round, Wander, type Rng } from './prng';
import type { ScenarioView } from './scenarios';

export interface WaterLimits {
  readonly cod: number;
  readonly nh3n: number;
}

/** GB 8978-1996 table 4, grade 1 (一级标准), mg/L: the limits an outlet without a permit of its own is held to. */
export const WASTEWATER_GRADE_1_LIMITS: WaterLimits = { cod: 100, nh3n: 15 };

export interface WastewaterParams {
  /** Discharge at full production, m³/h. */
  readonly ratedFlow: number;
  /** The outlet's permit limits (daily and hourly means), mg/L. */
  readonly permit: WaterLimits;
}

/** A failing treatment plant shows at the outlet over a quarter of an hour: the clarifier and tanks buffer it. */
const RAMP_MS = 15 * 60_000;

export type WastewaterReading = {
  cod: number;
  nh3n: number;
  tp: number;
  ph: number;
  flow: number;
  tn: number;
  do: number;
  temp: number;
  conductivity: number;
  turbidity: number;
};

export class WastewaterModel {
  private readonly cod: Wander;
  private readonly nh3n: Wander;
  private readonly tp: Wander;
  private readonly ph: Wander;
  private readonly flow: Wander;

  constructor(
    private readonly params: WastewaterParams,
    /** The line whose effluent this is; without one, a steady 60 % load. */
    private readonly schedule: LineSchedule | null,
    private readonly rng: Rng,
  ) {
    // Treatment plants buffer: concentrations move over hours, not seconds.
    this.cod = new Wander(rng, 8, 3 * 3_600_000);
    this.nh3n = new Wander(rng, 1.2, 3 * 3_600_000);
    this.tp = new Wander(rng, 0.15, 3 * 3_600_000);
    this.ph = new Wander(rng, 0.25, 2 * 3_600_000);
    this.flow = new Wander(rng, 0.05, 30 * 60_000);
  }

  read(t: number, scenarios: ScenarioView): WastewaterReading {
    const load = this.schedule ? lineLoad(this.schedule, t) : 0.6;
    let cod = clamp(40 + 15 * load + this.cod.at(t) + this.rng.normal(0, 1.5), 8, 150);
    let nh3n = clamp(3.5 + 2 * load + this.nh3n.at(t) + this.rng.normal(0, 0.2), 0.2, 20);
    const exceed = exceedanceShare(scenarios, t);
    if (exceed > 0) {
      // Biological treatment upset (活性污泥失效): COD at 1.6× and ammonia at 1.4× the permit while it lasts. The
      // shift is computed from the same random draws, so the series outside the episode stay as they were.
      const { permit } = this.params;
      cod += (permit.cod * 1.6 - cod) * exceed;
      nh3n += (permit.nh3n * 1.4 - nh3n) * exceed;
    }
    cod = round(cod, 1);
    nh3n = round(nh3n, 2);
    return {
      cod,
      nh3n,
      tp: round(clamp(0.6 + 0.4 * load + this.tp.at(t) + this.rng.normal(0, 0.03), 0.05, 3), 3),
      ph: round(clamp(7.3 + this.ph.at(t) + this.rng.normal(0, 0.03), 6.5, 8.5), 2),
      flow: round(
        Math.max(
          0,
          this.params.ratedFlow * (0.1 + 0.9 * load) * (1 + this.flow.at(t) + this.rng.normal(0, 0.02)),
        ),
        1,
      ),
      // Derived from the values above without drawing on the random stream (the established series stay as they
      // were): TN mostly ammonia plus a nitrate share, oxygen used up by organic load, effluent a little warmer
      // under production, conductivity and turbidity rising with dissolved and suspended load.
      tn: round(1.6 * nh3n + 2, 2),
      do: round(clamp(7.5 - cod / 40, 2, 9), 2),
      temp: round(18 + 6 * load, 1),
      conductivity: round(900 + 8 * cod, 0),
      turbidity: round(2 + cod / 10, 1),
    };
  }
}

/** How far into the exceedance the outlet is at `t`: ramps 0 → 1 over 15 min, and back after it ends. */
function exceedanceShare(scenarios: ScenarioView, t: number): number {
  const e = scenarios.latest('wastewater-exceedance');
  if (!e || t < e.since) return 0;
  const up = clamp((t - e.since) / RAMP_MS, 0, 1);
  if (e.until === null || t < e.until) return up;
  const atEnd = clamp((e.until - e.since) / RAMP_MS, 0, 1);
  return atEnd * clamp(1 - (t - e.until) / RAMP_MS, 0, 1);
}

/**
 * A wastewater outlet monitor (废水在线监测) after the enterprise's treatment plant: COD, ammonia nitrogen and total
 * phosphorus in mg/L well inside typical discharge limits, pH 6.5–8.5 wandering slowly, flow following production.
 */
import { lineLoad, type LineSchedule } from './load-profile';
import { clamp, round, Wander, type Rng } from './prng';

export interface WastewaterParams {
  /** Discharge at full production, m³/h. */
  readonly ratedFlow: number;
}

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

  read(t: number): WastewaterReading {
    const load = this.schedule ? lineLoad(this.schedule, t) : 0.6;
    const cod = round(clamp(40 + 15 * load + this.cod.at(t) + this.rng.normal(0, 1.5), 8, 150), 1);
    const nh3n = round(clamp(3.5 + 2 * load + this.nh3n.at(t) + this.rng.normal(0, 0.2), 0.2, 20), 2);
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

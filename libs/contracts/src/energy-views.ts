/**
 * An enterprise's electricity as GET /api/energy/summary sends it (apps/api/src/energy, docs/energy.md defines
 * every figure): kWh split by the time-of-use bands 峰/平/谷, per day, month, meter and production line, the load
 * curve and its peak, the year-on-year change, carbon and intensity. Instants are epoch ms; days `YYYY-MM-DD`.
 */

/** kWh in each time-of-use band: 峰 peak, 平 flat, 谷 valley. */
export interface TouSplit {
  peak: number;
  flat: number;
  valley: number;
}

/** One Asia/Shanghai day's kWh, with its time-of-use split. */
export interface DailyKwh extends TouSplit {
  readonly date: string;
  readonly kwh: number;
}

/** One power meter's share of the window. */
export interface MeterSummary {
  readonly deviceId: string;
  readonly name: string;
  readonly line: string | null;
  readonly role: string | null;
  readonly kwh: number;
  readonly tou: TouSplit;
  /** Highest 15-minute mean load of this meter, kW; null without load readings. */
  readonly peakKw: number | null;
}

export interface EnergySummary {
  readonly enterpriseId: string;
  readonly enterpriseName: string;
  readonly from: number;
  readonly to: number;
  readonly timeZone: 'Asia/Shanghai';
  readonly totalKwh: number;
  /** Highest 15-minute mean of the enterprise's summed load, kW, and the start of that interval. */
  readonly peakDemand: { kw: number; at: number } | null;
  readonly tou: TouSplit & { peakHours: string; valleyHours: string };
  readonly daily: DailyKwh[];
  readonly monthly: { month: string; kwh: number }[];
  readonly meters: MeterSummary[];
  readonly lines: { line: string | null; kwh: number; meters: number }[];
  /** The enterprise's summed load: 15-minute means, hourly means for windows over 7 days. */
  readonly load: { ts: number; kw: number }[];
  readonly loadIntervalMs: number;
  readonly yoy: { from: number; to: number; kwh: number | null; changePct: number | null };
  readonly carbon: { factorKgPerKwh: number; tCo2e: number };
  readonly intensity: { outputWan: number | null; years: number[]; kwhPer10kYuan: number | null };
}

/** One enterprise's place in the park-wide ranking (GET /api/energy/ranking): the same figures as its summary. */
export interface EnterpriseEnergyRank {
  readonly enterpriseId: string;
  readonly enterpriseName: string;
  /** How many power meters it has. */
  readonly meters: number;
  /** Its summary's `totalKwh` over the window. */
  readonly kwh: number;
  /** Its share of the park's kWh, % (one decimal); null when the park used none. */
  readonly sharePct: number | null;
  /** Its summary's `peakDemand`: highest 15-minute mean of its summed load over complete intervals. */
  readonly peakDemand: { kw: number; at: number } | null;
  /** Its summary's `intensity.kwhPer10kYuan`: kWh per 万元 of output; null without reported output. */
  readonly kwhPer10kYuan: number | null;
}

/** Every enterprise with power meters over one window, most kWh first (GET /api/energy/ranking, park roles). */
export interface EnergyRanking {
  readonly from: number;
  readonly to: number;
  readonly timeZone: 'Asia/Shanghai';
  /** The park's kWh: the sum of the enterprises' kWh. */
  readonly totalKwh: number;
  readonly enterprises: EnterpriseEnergyRank[];
}

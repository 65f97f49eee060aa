import type { DeviceKind } from '@park/contracts';

/**
 * HJ 212-2017 appendix B pollutant codes → platform metrics (`DEVICE_KINDS` in @park/contracts).
 * Appendix B fixes the unit of each code; the platform fixes the unit of each metric; `factor` converts the one
 * into the other (value × factor). Only codes the platform has a metric for are listed: every other code is
 * counted as unmapped and not published. Sources of every code and unit: docs/hj212.md, "Mapping".
 */
export interface PollutantMapping {
  readonly code: string;
  readonly metric: string;
  /** The unit appendix B gives for the code (or, where loggers disagree with it, the one they send: see docs). */
  readonly hj212Unit: string;
  readonly factor: number;
  readonly name: { readonly zh: string; readonly en: string };
  /**
   * The HJ/T 212-2005 code of the same pollutant (appendix B's "原编码" column), accepted from loggers that still
   * speak 2005. Given only where the 2005 unit is the 2017 one (concentrations, pH, %, °C); flows and pressures
   * (B01, B02, S02, S05, S08) are left out until their 2005 units are checked.
   */
  readonly code2005?: string;
}

/** Device kinds that speak HJ 212 in the park (CEMS for stack gas, water-quality analysers for wastewater). */
export const HJ212_KINDS = ['stack-gas', 'wastewater'] as const satisfies readonly DeviceKind[];
export type Hj212Kind = (typeof HJ212_KINDS)[number];

export function isHj212Kind(value: unknown): value is Hj212Kind {
  return (HJ212_KINDS as readonly unknown[]).includes(value);
}

const same = (
  code: string,
  metric: string,
  unit: string,
  zh: string,
  en: string,
  code2005?: string,
): PollutantMapping => ({
  code,
  metric,
  hj212Unit: unit,
  factor: 1,
  name: { zh, en },
  ...(code2005 ? { code2005 } : {}),
});

export const POLLUTANT_MAP: Readonly<Record<Hj212Kind, readonly PollutantMapping[]>> = {
  'stack-gas': [
    same('a21026', 'so2', 'mg/m³', '二氧化硫', 'SO₂', '02'),
    same('a21002', 'nox', 'mg/m³', '氮氧化物', 'NOx', '03'),
    same('a34013', 'pm', 'mg/m³', '烟尘', 'Particulate matter', '01'),
    same('a19001', 'o2', '%', '氧气含量', 'O₂', 'S01'),
    // Appendix B: 废气 in m³/s; the platform's flue-gas flow is m³/h.
    {
      code: 'a00000',
      metric: 'flow',
      hj212Unit: 'm³/s',
      factor: 3600,
      name: { zh: '废气', en: 'Flue gas flow' },
    },
    same('a01012', 'temp', '°C', '烟气温度', 'Flue gas temperature', 'S03'),
    same('a01011', 'velocity', 'm/s', '烟气流速', 'Flue gas velocity'),
    same('a01013', 'pressure', 'kPa', '烟气压力', 'Flue gas pressure'),
    same('a01014', 'humidity', '%', '烟气湿度', 'Flue gas humidity'),
    same('a24088', 'nmhc', 'mg/m³', '非甲烷总烃', 'NMHC'),
    // Appendix B names a24087 碳氢化合物 (2005 code 25): the total hydrocarbons a VOC analyser reports as 总烃.
    same('a24087', 'thc', 'mg/m³', '总烃（碳氢化合物）', 'Total hydrocarbons'),
    // Appendix B lists ng/m³ for a05002; loggers send mg/m³ (THC = CH₄ + NMHC in their own packets): see docs.
    same('a05002', 'ch4', 'mg/m³', '甲烷', 'Methane'),
  ],
  wastewater: [
    same('w01018', 'cod', 'mg/L', '化学需氧量', 'COD', '011'),
    same('w21003', 'nh3n', 'mg/L', '氨氮', 'NH₃-N', '060'),
    same('w21011', 'tp', 'mg/L', '总磷', 'Total phosphorus', '101'),
    same('w01001', 'ph', 'pH (dimensionless)', 'pH值', 'pH', '001'),
    // Appendix B: 污水 in L/s; the platform's wastewater flow is m³/h (1 L/s = 3.6 m³/h).
    {
      code: 'w00000',
      metric: 'flow',
      hj212Unit: 'L/s',
      factor: 3.6,
      name: { zh: '污水', en: 'Wastewater flow' },
    },
    same('w21001', 'tn', 'mg/L', '总氮', 'Total nitrogen', '065'),
    same('w01009', 'do', 'mg/L', '溶解氧', 'Dissolved oxygen'),
    same('w01010', 'temp', '°C', '水温', 'Water temperature'),
    same('w01014', 'conductivity', 'μS/cm', '电导率', 'Conductivity'),
    // Not in the appendix B transcriptions checked, but what water-quality loggers and platforms use (docs).
    same('w01003', 'turbidity', 'NTU', '浊度', 'Turbidity'),
  ],
};

const BY_CODE: ReadonlyMap<string, PollutantMapping> = new Map(
  HJ212_KINDS.flatMap((kind) =>
    POLLUTANT_MAP[kind].flatMap((m) => {
      const entries: [string, PollutantMapping][] = [[`${kind}|${m.code}`, m]];
      if (m.code2005) entries.push([`${kind}|${m.code2005}`, m]);
      return entries;
    }),
  ),
);

/** The mapping of a 2017 code (or its 2005 predecessor) on a device kind; codes match exactly, as appendix B spells them. */
export function pollutantMapping(kind: Hj212Kind, code: string): PollutantMapping | undefined {
  return BY_CODE.get(`${kind}|${code}`);
}

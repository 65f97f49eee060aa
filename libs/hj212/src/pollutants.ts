import type { DeviceKind } from '@park/contracts';

/**
 * HJ 212-2017 appendix B pollutant codes → platform metrics (`DEVICE_KINDS` in @park/contracts).
 * Appendix B fixes the unit of each code; the platform fixes the unit of each metric; `factor` converts the one
 * into the other (value × factor). Only codes the platform has a metric for are listed: every other code is
 * counted as unmapped and not published. HJ/T 212-2005 codes (B02, 02, 03, 01, S01, B01, 011, 060, 101, 001…)
 * are not mapped: the bridge speaks HJ 212-2017.
 */
export interface PollutantMapping {
  readonly code: string;
  readonly metric: string;
  /** The unit appendix B gives for the code. */
  readonly hj212Unit: string;
  readonly factor: number;
  readonly name: { readonly zh: string; readonly en: string };
}

/** Device kinds that speak HJ 212 in the park (CEMS for stack gas, water-quality analysers for wastewater). */
export const HJ212_KINDS = ['stack-gas', 'wastewater'] as const satisfies readonly DeviceKind[];
export type Hj212Kind = (typeof HJ212_KINDS)[number];

export function isHj212Kind(value: unknown): value is Hj212Kind {
  return (HJ212_KINDS as readonly unknown[]).includes(value);
}

const same = (code: string, metric: string, unit: string, zh: string, en: string): PollutantMapping => ({
  code,
  metric,
  hj212Unit: unit,
  factor: 1,
  name: { zh, en },
});

export const POLLUTANT_MAP: Readonly<Record<Hj212Kind, readonly PollutantMapping[]>> = {
  'stack-gas': [
    same('a21026', 'so2', 'mg/m³', '二氧化硫', 'SO₂'),
    same('a21002', 'nox', 'mg/m³', '氮氧化物', 'NOx'),
    same('a34013', 'pm', 'mg/m³', '烟尘', 'Particulate matter'),
    same('a19001', 'o2', '%', '氧气含量', 'O₂'),
    // Appendix B: 废气 in m³/s; the platform's flue-gas flow is m³/h.
    {
      code: 'a00000',
      metric: 'flow',
      hj212Unit: 'm³/s',
      factor: 3600,
      name: { zh: '废气', en: 'Flue gas flow' },
    },
    same('a01012', 'temp', '°C', '烟气温度', 'Flue gas temperature'),
  ],
  wastewater: [
    same('w01018', 'cod', 'mg/L', '化学需氧量', 'COD'),
    same('w21003', 'nh3n', 'mg/L', '氨氮', 'NH₃-N'),
    same('w21011', 'tp', 'mg/L', '总磷', 'Total phosphorus'),
    same('w01001', 'ph', 'pH (dimensionless)', 'pH值', 'pH'),
    // Appendix B: 污水 in L/s; the platform's wastewater flow is m³/h (1 L/s = 3.6 m³/h).
    {
      code: 'w00000',
      metric: 'flow',
      hj212Unit: 'L/s',
      factor: 3.6,
      name: { zh: '污水', en: 'Wastewater flow' },
    },
  ],
};

export function pollutantMapping(kind: Hj212Kind, code: string): PollutantMapping | undefined {
  return POLLUTANT_MAP[kind].find((m) => m.code === code);
}

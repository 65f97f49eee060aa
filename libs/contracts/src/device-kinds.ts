/**
 * Device kinds, their metrics and units (DESIGN.md, "Device kinds and metrics").
 * Units are fixed per metric: a device converts before it publishes; the platform never guesses a unit.
 * `min`/`max` bound what a working sensor can physically report; a value outside is rejected, not clipped.
 * `counter: true` marks monotonically increasing totals (energy, volume) that must never go backwards.
 */
export type MetricType = 'number' | 'boolean';

export interface MetricSpec {
  readonly type: MetricType;
  readonly unit: string;
  readonly min?: number;
  readonly max?: number;
  readonly counter?: boolean;
  readonly label: { readonly zh: string; readonly en: string };
  /**
   * An enumerated state metric's codes and their names (a valve: 0 closed … 3 fault), keyed by the code as text.
   * Rules name the state in their explanations; the values stay numbers on the wire and in storage.
   */
  readonly states?: Readonly<Record<string, { readonly zh: string; readonly en: string }>>;
}

export interface DeviceKindSpec {
  readonly label: { readonly zh: string; readonly en: string };
  readonly metrics: Readonly<Record<string, MetricSpec>>;
}

const num = (unit: string, zh: string, en: string, min?: number, max?: number): MetricSpec => ({
  type: 'number',
  unit,
  min,
  max,
  label: { zh, en },
});
const counter = (unit: string, zh: string, en: string): MetricSpec => ({
  type: 'number',
  unit,
  min: 0,
  counter: true,
  label: { zh, en },
});
const flag = (zh: string, en: string): MetricSpec => ({ type: 'boolean', unit: '', label: { zh, en } });
/** A detector's fault output (true = fault): GB 50116-2013 §8.1.4 has fault information shown apart from alarms. */
const fault = (): MetricSpec => flag('探测器故障', 'Detector fault');

export const DEVICE_KINDS = {
  'power-meter': {
    label: { zh: '电能表', en: 'Power meter' },
    metrics: {
      kw: num('kW', '有功功率', 'Active power', -1_000_000, 1_000_000),
      kwh: counter('kWh', '累计电能', 'Energy (total)'),
      voltage: num('V', '电压', 'Voltage', 0, 1_000_000),
      current: num('A', '电流', 'Current', 0, 100_000),
      pf: num('', '功率因数', 'Power factor', -1, 1),
    },
  },
  'stack-gas': {
    label: { zh: '烟气在线监测(CEMS)', en: 'Stack gas CEMS' },
    metrics: {
      so2: num('mg/m³', '二氧化硫', 'SO₂', 0, 100_000),
      nox: num('mg/m³', '氮氧化物', 'NOx', 0, 100_000),
      pm: num('mg/m³', '颗粒物', 'Particulate matter', 0, 100_000),
      o2: num('%', '含氧量', 'O₂', 0, 25),
      flow: num('m³/h', '烟气流量', 'Flue gas flow', 0, 100_000_000),
      temp: num('°C', '烟气温度', 'Flue gas temperature', -50, 1500),
      // Flue-gas parameters and VOCs (HJ 212-2017 appendix B a01011, a01013, a01014, a24088, a24087, a05002): a
      // VOC analyser (HJ 1013-2018) sits on the same stack and reports through the same data logger as the CEMS.
      velocity: num('m/s', '烟气流速', 'Flue gas velocity', 0, 200),
      // Static (gauge) pressure: cannot be below −1 atm.
      pressure: num('kPa', '烟气压力', 'Flue gas pressure', -101.325, 10_000),
      humidity: num('%', '烟气湿度', 'Flue gas humidity', 0, 100),
      nmhc: num('mg/m³', '非甲烷总烃', 'Non-methane hydrocarbons (NMHC)', 0, 100_000),
      thc: num('mg/m³', '总烃', 'Total hydrocarbons (THC)', 0, 100_000),
      ch4: num('mg/m³', '甲烷', 'Methane', 0, 100_000),
    },
  },
  wastewater: {
    label: { zh: '废水在线监测', en: 'Wastewater monitor' },
    metrics: {
      cod: num('mg/L', '化学需氧量', 'COD', 0, 100_000),
      nh3n: num('mg/L', '氨氮', 'NH₃-N', 0, 10_000),
      tp: num('mg/L', '总磷', 'Total phosphorus', 0, 10_000),
      ph: num('pH', 'pH值', 'pH', 0, 14),
      flow: num('m³/h', '废水流量', 'Wastewater flow', 0, 1_000_000),
      // HJ 212-2017 appendix B w21001, w01009, w01010, w01014 and the field code w01003 (docs/hj212.md).
      tn: num('mg/L', '总氮', 'Total nitrogen', 0, 10_000),
      do: num('mg/L', '溶解氧', 'Dissolved oxygen', 0, 50),
      temp: num('°C', '水温', 'Water temperature', -5, 100),
      conductivity: num('μS/cm', '电导率', 'Conductivity', 0, 1_000_000),
      turbidity: num('NTU', '浊度', 'Turbidity', 0, 10_000),
    },
  },
  'combustible-gas': {
    label: { zh: '可燃气体探测器', en: 'Combustible gas detector' },
    metrics: { lel: num('%LEL', '可燃气体浓度', 'Combustible gas', 0, 100), fault: fault() },
  },
  'toxic-gas': {
    label: { zh: '有毒气体探测器', en: 'Toxic gas detector' },
    metrics: {
      h2s: num('ppm', '硫化氢', 'H₂S', 0, 10_000),
      co: num('ppm', '一氧化碳', 'CO', 0, 10_000),
      fault: fault(),
    },
  },
  oxygen: {
    label: { zh: '氧气探测器', en: 'Oxygen detector' },
    metrics: { o2: num('%VOL', '氧气浓度', 'O₂', 0, 100), fault: fault() },
  },
  temperature: {
    label: { zh: '温度传感器', en: 'Temperature sensor' },
    metrics: { temp: num('°C', '温度', 'Temperature', -60, 1500) },
  },
  pressure: {
    label: { zh: '压力传感器', en: 'Pressure sensor' },
    metrics: { pressure: num('kPa', '压力', 'Pressure', -101.325, 1_000_000) },
  },
  smoke: {
    label: { zh: '烟感/火灾探测器', en: 'Smoke / fire detector' },
    metrics: {
      smoke: flag('烟雾报警', 'Smoke alarm'),
      fire: flag('火警', 'Fire alarm'),
      flame: flag('火焰报警', 'Flame alarm'),
    },
  },
  // A tank's liquid level as its transmitter reports it, in % of the measuring span (0 % empty, 100 % full span).
  'liquid-level': {
    label: { zh: '液位计', en: 'Level transmitter' },
    metrics: { level: num('%', '液位', 'Liquid level', 0, 100) },
  },
  // State signals of a plant's safety instrumented system, as its PLC or gateway reports them (true = active).
  'safety-io': {
    label: { zh: '安全联锁信号', en: 'Safety interlock signals' },
    metrics: {
      estop: flag('紧急停车按钮', 'Emergency stop'),
      door: flag('防火门开启', 'Fire door open'),
      valve: {
        type: 'number',
        unit: '',
        min: 0,
        max: 3,
        label: { zh: '紧急切断阀阀位', en: 'Emergency shut-off valve position' },
        states: {
          '0': { zh: '关', en: 'closed' },
          '1': { zh: '开', en: 'open' },
          '2': { zh: '行程中', en: 'travelling' },
          '3': { zh: '故障', en: 'fault' },
        },
      },
    },
  },
} as const satisfies Record<string, DeviceKindSpec>;

export type DeviceKind = keyof typeof DEVICE_KINDS;
export const DEVICE_KIND_NAMES = Object.keys(DEVICE_KINDS) as DeviceKind[];

export function isDeviceKind(value: unknown): value is DeviceKind {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DEVICE_KINDS, value);
}

export function metricSpec(kind: DeviceKind, metric: string): MetricSpec | undefined {
  const metrics: Readonly<Record<string, MetricSpec>> = DEVICE_KINDS[kind].metrics;
  return Object.prototype.hasOwnProperty.call(metrics, metric) ? metrics[metric] : undefined;
}

/** A power meter's role: what "分表计电" (separate metering of production vs pollution control) correlates. */
export const METER_ROLES = ['production', 'pollution-control', 'general'] as const;
export type MeterRole = (typeof METER_ROLES)[number];

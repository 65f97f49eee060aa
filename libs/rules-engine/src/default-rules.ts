import type { RuleKind } from './engine';
import type { ThresholdParams } from './threshold';

/**
 * The park's built-in rules, each grounded in a standard or, where none sets the number, marked as a park default.
 * docs/rules.md gives every rule's source clause, how its numbers were derived and what could not be verified.
 * `params` are stored as written: defaults of the kind are filled in when the rule is parsed, and values left
 * null (permit limits, normal loads) must come from the device or enterprise (`resolveRuleDefinition`).
 */
export interface BuiltInRule {
  readonly code: string;
  readonly kind: RuleKind;
  readonly name: { readonly zh: string; readonly en: string };
  /** The device kind whose readings the rule reads; '*' for every kind (device offline). */
  readonly deviceKind: string;
  readonly metric: string;
  /** Raw params as stored in the rules table; `parseRuleDefinition(kind, params)` accepts every one of them. */
  readonly params: object;
  readonly autoResolve: boolean;
  readonly source: string;
}

/** A built-in two-level threshold rule: what the rules service of this version evaluates. */
export interface DefaultRule extends Omit<BuiltInRule, 'kind' | 'params'> {
  readonly kind: 'threshold';
  readonly params: ThresholdParams;
}

/**
 * Toxic gas set points in ppm (the detectors' unit), from occupational exposure limits in mg/m³:
 * ppm = mg/m³ × 24.055 / M (L/mol at 20 °C, 101.325 kPa), rounded down to 0.1 ppm so the set point
 * stays at or below 100 % / 200 % of the limit (GB/T 50493-2019 §5.5.2: first level ≤ 100 % OEL, second ≤ 200 % OEL).
 * - H₂S, M = 34.08: MAC 10 mg/m³ (GBZ 2.1-2019) → 7.0 ppm; 20 mg/m³ → 14.1 ppm.
 * - CO,  M = 28.01: PC-TWA 20 mg/m³ (GBZ 2.1-2019, non-high-altitude; PC-STEL 30) → 17.1 ppm; 40 mg/m³ → 34.3 ppm.
 */
export const TOXIC_GAS_SET_POINTS = {
  h2s: { molarMass: 34.08, oelMgPerM3: 10, oelKind: 'MAC', level1Ppm: 7.0, level2Ppm: 14.1 },
  co: { molarMass: 28.01, oelMgPerM3: 20, oelKind: 'PC-TWA', level1Ppm: 17.1, level2Ppm: 34.3 },
} as const;

/**
 * The threshold rules, which the current rules service seeds and evaluates.
 * GB/T 50493-2019《石油化工可燃气体和有毒气体检测报警设计标准》§5.5.2: combustible gas first-level alarm
 * ≤ 25 %LEL, second-level ≤ 50 %LEL; toxic gas ≤ 100 % / ≤ 200 % OEL; oxygen: deficiency 19.5 %VOL,
 * enrichment 23.5 %VOL. The first three codes and their params are unchanged since they were first seeded.
 */
export const DEFAULT_RULES: readonly DefaultRule[] = [
  {
    code: 'gas.lel.two-level',
    kind: 'threshold',
    name: { zh: '可燃气体浓度报警', en: 'Combustible gas concentration' },
    deviceKind: 'combustible-gas',
    metric: 'lel',
    params: { direction: 'above', level1: 25, level2: 50, hysteresis: 2 },
    autoResolve: true,
    source: 'GB/T 50493-2019 §5.5.2',
  },
  {
    code: 'oxygen.deficiency',
    kind: 'threshold',
    name: { zh: '缺氧报警', en: 'Oxygen deficiency' },
    deviceKind: 'oxygen',
    metric: 'o2',
    params: { direction: 'below', level1: 19.5, hysteresis: 0.2 },
    autoResolve: true,
    source: 'GB/T 50493-2019 §5.5.2',
  },
  {
    code: 'oxygen.enrichment',
    kind: 'threshold',
    name: { zh: '富氧报警', en: 'Oxygen enrichment' },
    deviceKind: 'oxygen',
    metric: 'o2',
    params: { direction: 'above', level1: 23.5, hysteresis: 0.2 },
    autoResolve: true,
    source: 'GB/T 50493-2019 §5.5.2',
  },
  {
    code: 'toxic.h2s.two-level',
    kind: 'threshold',
    name: { zh: '硫化氢浓度报警', en: 'Hydrogen sulphide concentration' },
    deviceKind: 'toxic-gas',
    metric: 'h2s',
    params: {
      direction: 'above',
      level1: TOXIC_GAS_SET_POINTS.h2s.level1Ppm,
      level2: TOXIC_GAS_SET_POINTS.h2s.level2Ppm,
      hysteresis: 0.5,
    },
    autoResolve: true,
    source: 'GB/T 50493-2019 §5.5.2; GBZ 2.1-2019 (H₂S MAC 10 mg/m³)',
  },
  {
    code: 'toxic.co.two-level',
    kind: 'threshold',
    name: { zh: '一氧化碳浓度报警', en: 'Carbon monoxide concentration' },
    deviceKind: 'toxic-gas',
    metric: 'co',
    params: {
      direction: 'above',
      level1: TOXIC_GAS_SET_POINTS.co.level1Ppm,
      level2: TOXIC_GAS_SET_POINTS.co.level2Ppm,
      hysteresis: 1,
    },
    autoResolve: true,
    source: 'GB/T 50493-2019 §5.5.2; GBZ 2.1-2019 (CO PC-TWA 20 mg/m³)',
  },
];

const MINUTE = 60_000;
const PERMIT = '排污许可证; GB 13271-2014 §5.2';
/** Where no standard sets the number: the park's own default (docs/rules.md says how each was chosen). */
const PARK_DEFAULT = '园区默认值';

const hourlyMean = (metric: 'so2' | 'nox' | 'pm', zh: string, en: string): BuiltInRule => ({
  code: `emission.${metric}.hourly-mean`,
  kind: 'hourly-mean-emission',
  name: { zh: `${zh}小时均值超标`, en: `${en} hourly mean over the permit limit` },
  deviceKind: 'stack-gas',
  metric,
  // limit and o2Reference come from the device's permit (GB13271_REFERENCE_O2 lists the boiler values).
  params: {
    limit: null,
    o2Reference: null,
    requireO2Reference: true,
    o2Metric: 'o2',
    minSamples: 1,
    hysteresis: 0,
  },
  autoResolve: true,
  source: PERMIT,
});

const treatment = (
  check: 'treatment-off' | 'late-start' | 'early-stop',
  name: { zh: string; en: string },
  durationMs: number,
): BuiltInRule => ({
  code: `line.${check}`,
  kind: 'treatment-power',
  name,
  deviceKind: 'power-meter',
  metric: 'kw',
  // Normal loads are per line: they come from the line's (devices') settings, never from a park-wide guess.
  params: {
    check,
    productionNormalKw: null,
    treatmentNormalKw: null,
    productionRunningFraction: 0.3,
    treatmentRunningFraction: 0.3,
    durationMs,
    staleAfterMs: 15 * MINUTE,
  },
  autoResolve: true,
  source: PARK_DEFAULT,
});

/**
 * State signals (docs/rules.md, "State signals"): a fire, smoke or flame detector in alarm is critical at once — the
 * detector and its fire alarm control unit (GB 4717-2005, 火灾报警功能) have already confirmed it, so the platform adds no
 * delay (GB 50116-2013); a gas detector's fault is shown apart from its alarms (GB 50116-2013 §8.1.4); the
 * clear, delay, stuck and chattering times are park defaults whose reasoning docs/rules.md gives.
 */
const FIRE_SOURCE = 'GB 50116-2013; GB 4717-2005';
const FAULT_SOURCE = 'GB 50116-2013 §8.1.4';

const fireAlarm = (metric: 'smoke' | 'fire' | 'flame', zh: string, en: string): BuiltInRule => ({
  code: `fire.${metric}.alarm`,
  kind: 'state-signal',
  name: { zh, en },
  deviceKind: 'smoke',
  metric,
  params: { check: 'alarm', alarmStates: [true], clearAfterMs: 5 * MINUTE, level: 2 },
  autoResolve: true,
  source: FIRE_SOURCE,
});

const fireChattering = (metric: 'smoke' | 'fire' | 'flame', zh: string, en: string): BuiltInRule => ({
  code: `fire.${metric}.chattering`,
  kind: 'state-signal',
  name: { zh: `${zh}信号抖动`, en: `${en} chattering` },
  deviceKind: 'smoke',
  metric,
  params: {
    check: 'chattering',
    alarmStates: [true],
    chatterCount: 3,
    chatterWindowMs: 10 * MINUTE,
    clearAfterMs: 30 * MINUTE,
    level: 1,
  },
  autoResolve: true,
  source: PARK_DEFAULT,
});

const detectorFault = (
  deviceKind: 'combustible-gas' | 'toxic-gas' | 'oxygen',
  zh: string,
  en: string,
): BuiltInRule => ({
  code: `${deviceKind}.fault`,
  kind: 'state-signal',
  name: { zh, en },
  deviceKind,
  metric: 'fault',
  params: { check: 'alarm', alarmStates: [true], clearAfterMs: MINUTE, level: 1 },
  autoResolve: true,
  source: FAULT_SOURCE,
});

/** The state-signal rules: one per state metric of every kind that has one (default-rules.spec.ts checks). */
export const STATE_SIGNAL_RULES: readonly BuiltInRule[] = [
  fireAlarm('smoke', '烟雾报警', 'Smoke alarm'),
  fireAlarm('fire', '火警', 'Fire alarm'),
  fireAlarm('flame', '火焰报警', 'Flame alarm'),
  fireChattering('smoke', '烟感', 'Smoke detector'),
  fireChattering('fire', '火警', 'Fire alarm'),
  fireChattering('flame', '火焰探测器', 'Flame detector'),
  detectorFault('combustible-gas', '可燃气体探测器故障', 'Combustible gas detector fault'),
  detectorFault('toxic-gas', '有毒气体探测器故障', 'Toxic gas detector fault'),
  detectorFault('oxygen', '氧气探测器故障', 'Oxygen detector fault'),
  {
    code: 'safety-io.estop',
    kind: 'state-signal',
    name: { zh: '紧急停车按钮动作', en: 'Emergency stop pressed' },
    deviceKind: 'safety-io',
    metric: 'estop',
    params: { check: 'alarm', alarmStates: [true], clearAfterMs: MINUTE, level: 2 },
    autoResolve: true,
    source: PARK_DEFAULT,
  },
  {
    code: 'safety-io.door.held-open',
    kind: 'state-signal',
    name: { zh: '防火门持续开启', en: 'Fire door held open' },
    deviceKind: 'safety-io',
    metric: 'door',
    params: { check: 'alarm', alarmStates: [true], delayMs: 5 * MINUTE, clearAfterMs: 0, level: 1 },
    autoResolve: true,
    source: `GB 50116-2013 §6.11; ${PARK_DEFAULT}`,
  },
  {
    code: 'safety-io.valve.fault',
    kind: 'state-signal',
    name: { zh: '紧急切断阀故障', en: 'Emergency shut-off valve fault' },
    deviceKind: 'safety-io',
    metric: 'valve',
    params: { check: 'alarm', alarmStates: [3], clearAfterMs: MINUTE, level: 1 },
    autoResolve: true,
    source: PARK_DEFAULT,
  },
  {
    code: 'safety-io.valve.stuck-travelling',
    kind: 'state-signal',
    name: { zh: '紧急切断阀行程卡滞', en: 'Emergency shut-off valve stuck travelling' },
    deviceKind: 'safety-io',
    metric: 'valve',
    params: { check: 'stuck', alarmStates: [2], stuckState: 'alarm', stuckAfterMs: 2 * MINUTE, level: 1 },
    autoResolve: true,
    source: PARK_DEFAULT,
  },
];

/**
 * Process safety limits of major hazard installations (GB 18218-2018: tanks and reactors): high/high-high and
 * low/low-low on temperature, pressure and liquid level. No standard sets a park-wide number — each set point is the
 * installation's design value — so every set point is null here and comes from the device (`process_limits`); a
 * device without set points is reported not-configured, never judged against a guess. docs/rules.md.
 */
const processLimits = (
  deviceKind: 'temperature' | 'pressure' | 'liquid-level',
  metric: 'temp' | 'pressure' | 'level',
  name: { zh: string; en: string },
): BuiltInRule => ({
  code: `process.${metric}.limits`,
  kind: 'process-limit',
  name,
  deviceKind,
  metric,
  params: { high: null, highHigh: null, low: null, lowLow: null, hysteresis: 0, delayMs: 0, level: 2 },
  autoResolve: true,
  source: 'GB 18218-2018; 设定值按设备（设计值）',
});

export const PROCESS_LIMIT_RULES: readonly BuiltInRule[] = [
  processLimits('temperature', 'temp', {
    zh: '工艺温度超限（高/高高/低/低低）',
    en: 'Process temperature limits (H/HH/L/LL)',
  }),
  processLimits('pressure', 'pressure', {
    zh: '工艺压力超限（高/高高/低/低低）',
    en: 'Process pressure limits (H/HH/L/LL)',
  }),
  processLimits('liquid-level', 'level', {
    zh: '储罐液位超限（高/高高/低/低低）',
    en: 'Tank level limits (H/HH/L/LL)',
  }),
];

/**
 * Wastewater compliance (docs/rules.md, "Wastewater compliance"): the clock-hour and the Beijing-day means of COD,
 * NH₃-N, TP and TN against the outlet's permit limit (device, else enterprise: `resolveRuleDefinition`; null here —
 * a permit limit is the permit's, never a park-wide guess), and pH against 6–9 (GB 8978-1996 table 4, the range a
 * permit may narrow). Means take valid values only (HJ 356-2019: flagged values never reach the kind). The daily
 * mean is the compliance judgment (level 2); the hourly mean warns within the day (level 1). A day with fewer than
 * 20 hours of valid data is "not judged" — the GB 3095-2012 daily-validity count, a park default docs/rules.md
 * explains, since HJ 356's own count could not be verified.
 */
const WATER_PERMIT = '排污许可证; HJ 356-2019';
const DAILY_MIN_HOURS = 20;

const wastewaterMean = (
  metric: 'cod' | 'nh3n' | 'tp' | 'tn',
  period: 'hour' | 'day',
  zh: string,
  en: string,
): BuiltInRule => ({
  code: `wastewater.${metric}.${period === 'day' ? 'daily' : 'hourly'}-mean`,
  kind: 'hourly-mean-emission',
  name:
    period === 'day'
      ? { zh: `${zh}日均值超标`, en: `${en} daily mean over the permit limit` }
      : { zh: `${zh}小时均值超标`, en: `${en} hourly mean over the permit limit` },
  deviceKind: 'wastewater',
  metric,
  params: {
    limit: null,
    o2Reference: null,
    requireO2Reference: false,
    minSamples: 1,
    hysteresis: 0,
    period,
    minHours: period === 'day' ? DAILY_MIN_HOURS : 0,
    level: period === 'day' ? 2 : 1,
  },
  autoResolve: true,
  source: WATER_PERMIT,
});

const phRange = (period: 'hour' | 'day'): BuiltInRule => ({
  code: `wastewater.ph.${period === 'day' ? 'daily' : 'hourly'}-range`,
  kind: 'hourly-mean-emission',
  name:
    period === 'day'
      ? { zh: 'pH日均值超出6–9', en: 'pH daily mean outside 6–9' }
      : { zh: 'pH小时均值超出6–9', en: 'pH hourly mean outside 6–9' },
  deviceKind: 'wastewater',
  metric: 'ph',
  params: {
    limit: 9,
    lowerLimit: 6,
    o2Reference: null,
    requireO2Reference: false,
    minSamples: 1,
    hysteresis: 0,
    period,
    minHours: period === 'day' ? DAILY_MIN_HOURS : 0,
    level: period === 'day' ? 2 : 1,
  },
  autoResolve: true,
  source: 'GB 8978-1996 表4 (pH 6–9); HJ 356-2019',
});

export const WASTEWATER_RULES: readonly BuiltInRule[] = [
  ...(['hour', 'day'] as const).flatMap((period) => [
    wastewaterMean('cod', period, '化学需氧量', 'COD'),
    wastewaterMean('nh3n', period, '氨氮', 'NH₃-N'),
    wastewaterMean('tp', period, '总磷', 'Total phosphorus'),
    wastewaterMean('tn', period, '总氮', 'Total nitrogen'),
    phRange(period),
  ]),
];

/**
 * Analyser abnormal (docs/rules.md, "Analyser abnormal"): a CEMS or water analyser that flags a metric D/B/F
 * (HJ 212-2017 table 8) on every report for longer than the set time. Metric '*': every metric of the reading.
 * The times are park defaults whose reasoning docs/rules.md gives: 30 min for a CEMS (half a clock hour of data
 * lost), 2 h for a water analyser (a measuring cycle is up to an hour: two cycles in a row are not a transient).
 */
const analyserAbnormal = (
  deviceKind: 'stack-gas' | 'wastewater',
  name: { zh: string; en: string },
  durationMs: number,
): BuiltInRule => ({
  code: `${deviceKind}.analyser-abnormal`,
  kind: 'analyser-abnormal',
  name,
  deviceKind,
  metric: '*',
  params: { flags: ['B', 'D', 'F'], durationMs, level: 1 },
  autoResolve: true,
  source: `HJ 212-2017 表8（数据标记）; ${PARK_DEFAULT}`,
});

export const ANALYSER_RULES: readonly BuiltInRule[] = [
  analyserAbnormal('stack-gas', { zh: '烟气分析仪异常', en: 'Flue-gas analyser abnormal' }, 30 * MINUTE),
  analyserAbnormal('wastewater', { zh: '水质分析仪异常', en: 'Water analyser abnormal' }, 120 * MINUTE),
];

/** Every built-in rule: the threshold rules above, then the kinds the rules service is still to be wired for. */
export const BUILT_IN_RULES: readonly BuiltInRule[] = [
  ...DEFAULT_RULES,
  {
    code: 'device.offline',
    kind: 'device-offline',
    name: { zh: '设备离线', en: 'Device offline' },
    deviceKind: '*',
    metric: 'status',
    params: { expectedIntervalMs: MINUTE, factor: 3 },
    autoResolve: true,
    source: PARK_DEFAULT,
  },
  hourlyMean('so2', '二氧化硫', 'SO₂'),
  hourlyMean('nox', '氮氧化物', 'NOx'),
  hourlyMean('pm', '颗粒物', 'Particulate matter'),
  treatment(
    'treatment-off',
    { zh: '生产时治污设施未运行（分表计电）', en: 'Pollution control off while producing' },
    30 * MINUTE,
  ),
  treatment(
    'late-start',
    { zh: '治污设施晚于生产启动（分表计电）', en: 'Pollution control started after production' },
    15 * MINUTE,
  ),
  treatment(
    'early-stop',
    { zh: '治污设施早于生产停止（分表计电）', en: 'Pollution control stopped before production' },
    15 * MINUTE,
  ),
  ...STATE_SIGNAL_RULES,
  ...PROCESS_LIMIT_RULES,
  ...WASTEWATER_RULES,
  ...ANALYSER_RULES,
];

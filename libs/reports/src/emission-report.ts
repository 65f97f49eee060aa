import { DEVICE_KINDS, type DataQuality } from '@park/contracts';
import { correctToReferenceO2 } from '@park/rules-engine';
import {
  HOUR_MS,
  parkDate,
  parkDateTime,
  parkDayStart,
  periodTitle,
  type ReportPeriod,
} from './report-period';
import type { Cell, ReportColumn, ReportDocument, ReportTable } from './report-document';

/**
 * 排放日报 / 排放月报 of one CEMS or wastewater outlet, computed from the hourly means of the telemetry store's
 * rollup (never from a scan of the raw points) — docs/reports.md defines every figure and cites its standard.
 */
export type EmissionKind = 'stack-gas' | 'wastewater';

/** The metrics an emission report shows, in the order officers read them; others the device sends are left out. */
export const EMISSION_METRICS: Readonly<Record<EmissionKind, readonly string[]>> = {
  'stack-gas': ['so2', 'nox', 'pm', 'nmhc', 'o2', 'flow', 'temp'],
  wastewater: ['cod', 'nh3n', 'tp', 'tn', 'ph', 'flow'],
};

/** Flue-gas concentrations that are corrected to the permit's reference O₂ (GB 13271-2014 §5.2) before judging. */
const O2_CORRECTED = new Set(['so2', 'nox', 'pm', 'nmhc']);

/** A day mean is valid with at least this many valid hourly means (GB 3095-2012 §8's rule for 24-hour means). */
export const MIN_VALID_HOURS_PER_DAY = 20;

export interface EmissionOutlet {
  readonly deviceId: string;
  readonly name: string;
  readonly enterpriseName: string;
  readonly kind: EmissionKind;
  /** Discharge-permit limits, metric → limit in the metric's unit (an upper bound). */
  readonly permitLimits: Readonly<Record<string, number>> | null;
  /** Reference O₂ (%) the permit's flue-gas limits are stated at; null: judged as measured. */
  readonly permitO2Reference: number | null;
  /** How often the device reports, s: an analyser that measures every 2 h is expected in every other hour. */
  readonly expectedIntervalS: number;
}

/** One hour's mean of the normal (unflagged) values, the hour's start as `ts`. */
export interface HourlyMean {
  readonly ts: number;
  readonly value: number;
  /** How many normal values the mean is of; absent when the rollup did not count them (hours rolled up earlier). */
  readonly count?: number;
}

/** HJ 75-2017's valid hourly mean (有效小时均值): at least 45 minutes of valid data in the hour. */
export const VALID_HOUR_MINUTES = 45;

/**
 * The normal values a flue-gas hour needs to be valid: 45 minutes' worth at the device's reporting interval (45 at
 * one a minute; one for an analyser reporting every 45 minutes or slower). Wastewater analysers are judged per
 * measurement (HJ 356-2019): any normal value makes their hour.
 */
export function valuesForValidHour(outlet: Pick<EmissionOutlet, 'kind' | 'expectedIntervalS'>): number {
  if (outlet.kind !== 'stack-gas' || !(outlet.expectedIntervalS > 0)) return 1;
  return Math.max(1, Math.ceil((VALID_HOUR_MINUTES * 60) / outlet.expectedIntervalS));
}

export interface EmissionInput {
  readonly outlet: EmissionOutlet;
  readonly period: ReportPeriod;
  /** Per metric: the hourly means of the period, from the hourly rollup. */
  readonly hourly: Readonly<Record<string, readonly HourlyMean[]>>;
  /** Per metric: how many raw values carried each HJ 212 data flag; null when not counted (month reports). */
  readonly flags: Readonly<Record<string, Partial<Record<DataQuality, number>>>> | null;
  /** Hours before this count towards the capture rate: the period's end, or now while the period runs. */
  readonly until: number;
}

export interface PollutantSummary {
  readonly metric: string;
  readonly label: string;
  readonly unit: string;
  readonly limit: number | null;
  /** True when the values are corrected to the permit's reference O₂ (折算浓度). */
  readonly corrected: boolean;
  /** Hourly values the device should have produced in the period so far. */
  readonly expectedHours: number;
  readonly validHours: number;
  /** 有效数据捕集率 = valid hours ÷ expected hours × 100, one decimal. */
  readonly captureRatePct: number | null;
  /** Mean over the period's valid hours (wastewater concentrations flow-weighted where the flow is known). */
  readonly mean: number | null;
  readonly maxHour: HourlyMean | null;
  readonly minHour: HourlyMean | null;
  /** Valid hourly means above the limit. */
  readonly exceedanceHours: number;
  /** Valid day means above the limit. */
  readonly exceedanceDays: number;
  readonly flags: Partial<Record<DataQuality, number>> | null;
}

export interface DayRow {
  readonly date: string;
  readonly from: number;
  /** Per metric: the day mean (null when the day has fewer than MIN_VALID_HOURS_PER_DAY valid hours). */
  readonly means: Readonly<Record<string, number | null>>;
  readonly validHours: Readonly<Record<string, number>>;
  /** Metrics whose day mean is above the limit. */
  readonly exceeded: readonly string[];
}

export interface HourRow {
  readonly ts: number;
  readonly values: Readonly<Record<string, number | null>>;
  readonly exceeded: readonly string[];
}

export interface EmissionReport {
  readonly outlet: EmissionOutlet;
  readonly period: ReportPeriod;
  readonly pollutants: readonly PollutantSummary[];
  readonly days: readonly DayRow[];
  /** Every hour of the period, for a day report; empty for a month report (the day table carries it). */
  readonly hours: readonly HourRow[];
}

/** The report's figures; pure, so a unit test feeds it hourly means and checks each number. */
export function buildEmissionReport(input: EmissionInput): EmissionReport {
  const { outlet, period } = input;
  const limits = outlet.permitLimits ?? {};
  const metrics = EMISSION_METRICS[outlet.kind].filter(
    (m) => (input.hourly[m]?.length ?? 0) > 0 || limits[m] !== undefined,
  );
  const values = new Map(metrics.map((m) => [m, judgedHours(input, m)]));
  const flow = outlet.kind === 'wastewater' ? byHour(input.hourly.flow ?? []) : new Map<number, number>();
  const weighted = (metric: string) => outlet.kind === 'wastewater' && metric !== 'flow' && metric !== 'ph';

  const dayStarts: number[] = [];
  for (let day = period.from; day < period.to; day = parkDayStart(day + 36 * HOUR_MS)) dayStarts.push(day);
  const days: DayRow[] = dayStarts.map((from) => {
    const to = Math.min(parkDayStart(from + 36 * HOUR_MS), period.to);
    const means: Record<string, number | null> = {};
    const validHours: Record<string, number> = {};
    const exceeded: string[] = [];
    for (const metric of metrics) {
      const hours = inRange(values.get(metric) ?? [], from, to);
      validHours[metric] = hours.length;
      const enough = hours.length >= requiredHours(outlet, from, to);
      const mean = enough ? meanOf(hours, weighted(metric) ? flow : null) : null;
      means[metric] = mean;
      if (mean !== null && limits[metric] !== undefined && mean > limits[metric]) exceeded.push(metric);
    }
    return { date: parkDate(from), from, means, validHours, exceeded };
  });

  const expectedHours = expectedHourCount(outlet, period.from, Math.min(period.to, input.until));
  const pollutants = metrics.map((metric): PollutantSummary => {
    const hours = values.get(metric) ?? [];
    const limit = limits[metric] ?? null;
    const spec = metricSpec(outlet.kind, metric);
    let maxHour: HourlyMean | null = null;
    let minHour: HourlyMean | null = null;
    for (const hour of hours) {
      if (!maxHour || hour.value > maxHour.value) maxHour = hour;
      if (!minHour || hour.value < minHour.value) minHour = hour;
    }
    return {
      metric,
      label: spec.label,
      unit: spec.unit,
      limit,
      corrected: isCorrected(outlet, metric),
      expectedHours,
      validHours: hours.length,
      captureRatePct:
        expectedHours > 0 ? round(Math.min(100, (hours.length / expectedHours) * 100), 1) : null,
      mean: meanOf(hours, weighted(metric) ? flow : null),
      maxHour,
      minHour,
      exceedanceHours: limit === null ? 0 : hours.filter((h) => h.value > limit).length,
      exceedanceDays: limit === null ? 0 : days.filter((d) => d.exceeded.includes(metric)).length,
      flags: input.flags ? (input.flags[metric] ?? {}) : null,
    };
  });

  const hours: HourRow[] = [];
  if (period.granularity === 'day') {
    const lookup = new Map(metrics.map((m) => [m, byHour(values.get(m) ?? [])]));
    for (let ts = period.from; ts < period.to; ts += HOUR_MS) {
      const row: Record<string, number | null> = {};
      const exceeded: string[] = [];
      for (const metric of metrics) {
        const value = lookup.get(metric)?.get(ts) ?? null;
        row[metric] = value;
        if (value !== null && limits[metric] !== undefined && value > limits[metric]) exceeded.push(metric);
      }
      hours.push({ ts, values: row, exceeded });
    }
  }
  return { outlet, period, pollutants, days, hours };
}

/** The hourly values a metric is judged on: O₂-corrected concentrations where the permit states a reference. */
function judgedHours(input: EmissionInput, metric: string): HourlyMean[] {
  const { outlet, period } = input;
  const needed = valuesForValidHour(outlet);
  // An hour with fewer normal values than 45 minutes' worth is not a valid hourly mean; one whose count is not
  // known (rolled up before counts were kept) is taken as it was before.
  const valid = (h: HourlyMean) => h.count === undefined || h.count >= needed;
  const hours = (input.hourly[metric] ?? []).filter(
    (h) => h.ts >= period.from && h.ts < period.to && valid(h),
  );
  if (!isCorrected(outlet, metric)) return [...hours];
  const o2 = byHour((input.hourly.o2 ?? []).filter(valid));
  const reference = outlet.permitO2Reference as number;
  const corrected: HourlyMean[] = [];
  for (const hour of hours) {
    const measuredO2 = o2.get(hour.ts);
    // No O₂ for the hour: the concentration cannot be corrected, so the hour is not a valid corrected value.
    if (measuredO2 === undefined) continue;
    const value = correctToReferenceO2(hour.value, measuredO2, reference);
    if (value !== null) corrected.push({ ts: hour.ts, value });
  }
  return corrected;
}

function isCorrected(outlet: EmissionOutlet, metric: string): boolean {
  return outlet.kind === 'stack-gas' && outlet.permitO2Reference !== null && O2_CORRECTED.has(metric);
}

/** Hourly values expected in [from, to): one an hour, or one per report interval for a slower analyser. */
function expectedHourCount(outlet: EmissionOutlet, from: number, to: number): number {
  if (to <= from) return 0;
  const stepHours = Math.max(1, Math.round(outlet.expectedIntervalS / 3600));
  return Math.ceil((to - from) / HOUR_MS / stepHours);
}

/** Valid hours a day mean needs: 20 of 24 for an hourly analyser, scaled for a slower one. */
function requiredHours(outlet: EmissionOutlet, from: number, to: number): number {
  const expected = expectedHourCount(outlet, from, to);
  return Math.ceil((expected * MIN_VALID_HOURS_PER_DAY) / 24);
}

/** Arithmetic mean, or flow-weighted (Σ cᵢqᵢ ÷ Σ qᵢ) when the flow of every hour is known and not all zero. */
function meanOf(hours: readonly HourlyMean[], flow: ReadonlyMap<number, number> | null): number | null {
  if (hours.length === 0) return null;
  if (flow && hours.every((h) => flow.has(h.ts))) {
    const totalFlow = hours.reduce((sum, h) => sum + (flow.get(h.ts) as number), 0);
    if (totalFlow > 0)
      return hours.reduce((sum, h) => sum + h.value * (flow.get(h.ts) as number), 0) / totalFlow;
  }
  return hours.reduce((sum, h) => sum + h.value, 0) / hours.length;
}

function inRange(hours: readonly HourlyMean[], from: number, to: number): HourlyMean[] {
  return hours.filter((h) => h.ts >= from && h.ts < to);
}

function byHour(hours: readonly HourlyMean[]): Map<number, number> {
  return new Map(hours.map((h) => [h.ts, h.value]));
}

function metricSpec(kind: EmissionKind, metric: string): { label: string; unit: string } {
  const spec = (DEVICE_KINDS[kind].metrics as Record<string, { unit: string; label: { zh: string } }>)[
    metric
  ];
  return { label: spec?.label.zh ?? metric, unit: spec?.unit ?? '' };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

const KIND_TITLE: Record<EmissionKind, string> = {
  'stack-gas': '废气排放口（烟气在线监测）',
  wastewater: '废水排放口（废水在线监测）',
};

/** Decimal places a metric's values are shown with. */
function digitsOf(unit: string): number {
  return unit === 'm³/h' ? 0 : 2;
}

function columnName(pollutant: PollutantSummary): string {
  return pollutant.corrected ? `${pollutant.label}(折算)` : pollutant.label;
}

function flagText(flags: Partial<Record<DataQuality, number>> | null): string {
  if (flags === null) return '月报不统计';
  const parts = (Object.keys(flags) as DataQuality[])
    .filter((flag) => (flags[flag] ?? 0) > 0)
    .map((flag) => `${flag} ${flags[flag]}`);
  return parts.length > 0 ? parts.join('，') : '无';
}

/** The report as a document: headline facts, the pollutant summary, the day (and, for a day report, hour) table. */
export function emissionDocument(report: EmissionReport, generatedAt: number): ReportDocument {
  const { outlet, period, pollutants } = report;
  const name = (metric: string) => {
    const p = pollutants.find((x) => x.metric === metric);
    return p ? columnName(p) : metric;
  };
  const summary: ReportTable = {
    title: '一、监测项目统计',
    columns: [
      { header: '监测项目' },
      { header: '单位' },
      { header: '排放限值' },
      { header: '应测小时数', unit: 'h', digits: 0 },
      { header: '有效小时数', unit: 'h', digits: 0 },
      { header: '有效数据捕集率', unit: '%', digits: 1 },
      { header: '均值', digits: 2 },
      { header: '最大小时均值', digits: 2 },
      { header: '最大值时段' },
      { header: '超标小时数', unit: 'h', digits: 0 },
      { header: '超标天数', unit: '天', digits: 0 },
      { header: '数据标记（个数）' },
    ],
    rows: pollutants.map((p): Cell[] => [
      columnName(p),
      p.unit,
      p.limit === null ? '—' : String(p.limit),
      p.expectedHours,
      p.validHours,
      p.captureRatePct,
      p.mean === null ? null : round(p.mean, digitsOf(p.unit)),
      p.maxHour ? round(p.maxHour.value, digitsOf(p.unit)) : null,
      p.maxHour ? parkDateTime(p.maxHour.ts) : '—',
      p.exceedanceHours,
      p.exceedanceDays,
      flagText(p.flags),
    ]),
    empty: '该排口在本期没有监测数据，也没有许可排放限值。',
  };
  const metricColumns: ReportColumn[] = pollutants.map((p) => ({
    header: name(p.metric),
    unit: p.unit || undefined,
    digits: digitsOf(p.unit),
  }));
  const dayTable: ReportTable = {
    title: period.granularity === 'month' ? '二、日均值' : '二、日均值（本日）',
    columns: [{ header: '日期' }, ...metricColumns, { header: '超标项目' }],
    rows: report.days.map((day): Cell[] => [
      day.date,
      ...pollutants.map((p) => {
        const mean = day.means[p.metric];
        return mean === null || mean === undefined ? null : round(mean, digitsOf(p.unit));
      }),
      day.exceeded.length > 0 ? day.exceeded.map(name).join('、') : '—',
    ]),
  };
  const tables: ReportTable[] = [summary, dayTable];
  if (period.granularity === 'day')
    tables.push({
      title: '三、小时均值',
      columns: [{ header: '时段' }, ...metricColumns, { header: '超标项目' }],
      rows: report.hours.map((hour): Cell[] => {
        const start = parkDateTime(hour.ts).slice(11);
        const end = parkDateTime(hour.ts + HOUR_MS).slice(11);
        return [
          `${start}–${end === '00:00' ? '24:00' : end}`,
          ...pollutants.map((p) => {
            const value = hour.values[p.metric];
            return value === null || value === undefined ? null : round(value, digitsOf(p.unit));
          }),
          hour.exceeded.length > 0 ? hour.exceeded.map(name).join('、') : '—',
        ];
      }),
    });

  const reportName = period.granularity === 'month' ? '排放月报' : '排放日报';
  const standard =
    outlet.kind === 'stack-gas'
      ? '有效小时均值与有效数据捕集率按《固定污染源烟气（SO₂、NOₓ、颗粒物）排放连续监测技术规范》（HJ 75-2017）的做法统计'
      : '有效均值按《水污染源在线监测系统（CODCr、NH₃-N 等）数据有效性判别技术规范》（HJ 356-2019）的做法统计，运行按 HJ 355-2019';
  const notes = [
    `${standard}；小时均值取自平台的小时汇总，只含仪器正常（无 HJ 212 数据标记）的数据。`,
    outlet.kind === 'stack-gas'
      ? `有效小时均值：该小时内仪器正常的数据不少于 ${VALID_HOUR_MINUTES} 分钟（本设备约每 ${intervalText(outlet.expectedIntervalS)}上报一次，即至少 ${valuesForValidHour(outlet)} 个值；HJ 75-2017），不足的小时不计为有效小时。`
      : '有效小时：该小时内有仪器正常的测量值（HJ 356-2019 按每次测量判别有效性）。',
    `有效数据捕集率 = 有效小时数 ÷ 应测小时数 × 100%；设备上报间隔为 ${Math.max(1, Math.round(outlet.expectedIntervalS / 3600))} 小时以内时，每小时应有一个值。`,
    `日均值需当日至少 ${MIN_VALID_HOURS_PER_DAY} 个有效小时均值（不足时记“—”，不参与超标判定）${outlet.kind === 'wastewater' ? '；废水浓度的日均值与期间均值按流量加权' : ''}。`,
    outlet.permitO2Reference !== null && outlet.kind === 'stack-gas'
      ? `烟气浓度按许可基准氧含量 ${outlet.permitO2Reference}% 折算（GB 13271-2014 式(1)），缺少同时段含氧量的小时不计为有效折算值。`
      : '排放浓度按实测值统计（未设基准氧含量）。',
    '超标：有效小时均值或有效日均值高于许可排放限值。数据标记：F 停运，M 维护，S 手工输入，D 故障，C 校准，T 超测量上限，B 通讯异常（HJ 212-2017 表 8）。',
  ];
  return {
    fileStem: `emission-${period.label}-${outlet.deviceId}`,
    title: `${outlet.name} ${reportName}`,
    subtitle: `${outlet.enterpriseName} · ${KIND_TITLE[outlet.kind]} · ${periodTitle(period)}`,
    facts: [
      { label: '企业', value: outlet.enterpriseName },
      { label: '排放口', value: `${outlet.name}（${outlet.deviceId}）` },
      { label: '统计周期', value: `${parkDateTime(period.from)} 至 ${parkDateTime(period.to)}（北京时间）` },
      { label: '生成时间', value: `${parkDateTime(generatedAt)}（北京时间）` },
    ],
    tables,
    notes,
  };
}

/** A reporting interval in words: 30 秒, 1 分钟, 2 小时. */
function intervalText(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} 秒`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} 分钟`;
  return `${Math.round(seconds / 3600)} 小时`;
}

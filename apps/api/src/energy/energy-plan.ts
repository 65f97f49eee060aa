/**
 * The energy summary's pure arithmetic: Asia/Shanghai calendar buckets, time-of-use bands, counter deltas, the
 * telemetry queries it reads with, and the CSV export. No I/O here; energy.service.ts does the reading.
 */
import type { DailyKwh, TouSplit } from '@park/contracts';
import type { BucketQuery, DeviceMetricRange, SeriesPoint } from '@park/telemetry-store';
import { csvField } from '../imports/csv';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** Asia/Shanghai is UTC+8 all year (no daylight saving), so its hours and quarter-hours align with UTC's. */
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;
/** Peak demand is the highest 15-minute mean load (the demand interval of Chinese two-part tariffs). */
export const DEMAND_INTERVAL_MS = 15 * 60_000;
export const MAX_RANGE_DAYS = 400;
/** Kept just before `from` so the first counter difference inside the window has a predecessor. */
export const LOOKBACK_MS = 2 * HOUR_MS;

export type TouBand = 'peak' | 'flat' | 'valley';

/** Time-of-use periods as Asia/Shanghai hours of the day (0–23); every hour in neither list is 平 (flat). */
export interface TouPeriods {
  readonly peak: readonly number[];
  readonly valley: readonly number[];
}

/**
 * Parses hour ranges such as `8-11,17-22` (start inclusive, end exclusive, 0–24) into the hours they cover;
 * undefined when malformed or overlapping itself.
 */
export function parseHourRanges(raw: string): number[] | undefined {
  const hours = new Set<number>();
  for (const part of raw.split(',').map((p) => p.trim())) {
    const match = /^(\d{1,2})-(\d{1,2})$/.exec(part);
    if (!match) return undefined;
    const start = Number(match[1]);
    const end = Number(match[2]);
    if (start >= end || end > 24) return undefined;
    for (let h = start; h < end; h++) {
      if (hours.has(h)) return undefined;
      hours.add(h);
    }
  }
  return [...hours].sort((a, b) => a - b);
}

/** The ranges back as text (`8-11,17-22`), for the response and the page. */
export function formatHourRanges(hours: readonly number[]): string {
  const ranges: string[] = [];
  let i = 0;
  while (i < hours.length) {
    let j = i;
    while (j + 1 < hours.length && hours[j + 1] === hours[j] + 1) j++;
    ranges.push(`${hours[i]}-${hours[j] + 1}`);
    i = j + 1;
  }
  return ranges.join(',');
}

export function touBand(shanghaiHourOfDay: number, periods: TouPeriods): TouBand {
  if (periods.peak.includes(shanghaiHourOfDay)) return 'peak';
  if (periods.valley.includes(shanghaiHourOfDay)) return 'valley';
  return 'flat';
}

export function shanghaiHour(ts: number): number {
  return new Date(ts + SHANGHAI_OFFSET_MS).getUTCHours();
}

/** `YYYY-MM-DD` of the Asia/Shanghai day holding ts. */
export function shanghaiDate(ts: number): string {
  return new Date(ts + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export function shanghaiYear(ts: number): number {
  return new Date(ts + SHANGHAI_OFFSET_MS).getUTCFullYear();
}

/** The same instant of the Asia/Shanghai calendar one year earlier (29 February → 28 February). */
export function oneYearEarlier(ts: number): number {
  const local = new Date(ts + SHANGHAI_OFFSET_MS);
  const year = local.getUTCFullYear() - 1;
  const month = local.getUTCMonth();
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const shifted = Date.UTC(
    year,
    month,
    Math.min(local.getUTCDate(), lastDay),
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
    local.getUTCMilliseconds(),
  );
  return shifted - SHANGHAI_OFFSET_MS;
}

/** Start (epoch ms) of Asia/Shanghai 1 January of a year. */
export function shanghaiYearStart(year: number): number {
  return Date.UTC(year, 0, 1) - SHANGHAI_OFFSET_MS;
}

/**
 * Energy used between consecutive readings of a cumulative kWh counter, attributed to the later reading: the sum
 * of the positive differences. A counter that goes backwards (meter replaced or rolled over) contributes nothing
 * for that one step — the energy after a reset is counted from the next reading on — so a reset never shows as a
 * huge negative or positive day. Points must be in time order.
 */
export function counterDeltas(
  points: readonly { ts: number; value: number }[],
): { ts: number; kwh: number }[] {
  const out: { ts: number; kwh: number }[] = [];
  for (let i = 1; i < points.length; i++) {
    const delta = points[i].value - points[i - 1].value;
    if (delta > 0) out.push({ ts: points[i].ts, kwh: delta });
  }
  return out;
}

export interface HourlyKwh {
  /** Start of the hour, epoch ms. */
  readonly ts: number;
  readonly kwh: number;
}

/**
 * Per-hour kWh from raw readings: the counter's non-negative differences (same reset rule as counterDeltas) summed
 * per hour, read from `LOOKBACK_MS` before `from` so the first hour has its first difference. Hours before `from`
 * are dropped by mergeHourly.
 */
export function rawHourlyKwhQuery(
  deviceId: string,
  enterpriseId: string,
  from: number,
  to: number,
): DeviceMetricRange {
  return { kind: 'power-meter', metric: 'kwh', deviceId, enterpriseId, from: from - LOOKBACK_MS, to };
}

/** The hourly roll-up's highest counter value per hour (kept 5 years), for windows past the raw data. */
export function hourlyCounterQuery(
  deviceId: string,
  enterpriseId: string,
  from: number,
  to: number,
): BucketQuery {
  return {
    kind: 'power-meter',
    metric: 'kwh',
    deviceId,
    enterpriseId,
    from: from - HOUR_MS,
    to,
    source: 'hourly',
    aggregate: 'max',
    intervalMs: HOUR_MS,
  };
}

/** 15-minute mean load of one meter (kW) over the window. */
export function demandQuery(deviceId: string, enterpriseId: string, from: number, to: number): BucketQuery {
  return {
    kind: 'power-meter',
    metric: 'kw',
    deviceId,
    enterpriseId,
    from,
    to,
    source: 'raw',
    aggregate: 'mean',
    intervalMs: DEMAND_INTERVAL_MS,
  };
}

/** The numeric points (a counter or a load), skipping any other value. */
export function numericPoints(points: readonly SeriesPoint[]): { ts: number; value: number }[] {
  const out: { ts: number; value: number }[] = [];
  for (const { ts, value } of points)
    if (typeof value === 'number' && Number.isFinite(value)) out.push({ ts, value });
  return out;
}

/**
 * One meter's hourly kWh over [from, to): the raw-derived hours, and for hours the raw data no longer holds, the
 * differences of the hourly maxima (each hour's rise over the previous hour's maximum).
 */
export function mergeHourly(
  raw: readonly { ts: number; value: number }[],
  hourlyMax: readonly { ts: number; value: number }[],
  from: number,
  to: number,
): HourlyKwh[] {
  const byHour = new Map<number, number>();
  const inWindow = raw.filter((point) => point.ts >= from && point.ts < to);
  for (const point of inWindow) byHour.set(point.ts, point.value);
  const firstRaw = inWindow.length > 0 ? Math.min(...inWindow.map((p) => p.ts)) : Number.POSITIVE_INFINITY;
  for (const delta of counterDeltas(hourlyMax)) {
    if (delta.ts < from || delta.ts >= to || delta.ts >= firstRaw || byHour.has(delta.ts)) continue;
    byHour.set(delta.ts, delta.kwh);
  }
  return [...byHour.entries()].sort(([a], [b]) => a - b).map(([ts, kwh]) => ({ ts, kwh }));
}

export function touSplit(hours: readonly HourlyKwh[], periods: TouPeriods): TouSplit {
  const split: TouSplit = { peak: 0, flat: 0, valley: 0 };
  for (const hour of hours) split[touBand(shanghaiHour(hour.ts), periods)] += hour.kwh;
  return roundSplit(split);
}

/** Hourly kWh summed per Asia/Shanghai day, with the day's time-of-use split. */
export function dailyKwh(hours: readonly HourlyKwh[], periods: TouPeriods): DailyKwh[] {
  const days = new Map<string, HourlyKwh[]>();
  for (const hour of hours) {
    const date = shanghaiDate(hour.ts);
    const list = days.get(date) ?? [];
    list.push(hour);
    days.set(date, list);
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, list]) => {
      const split = touSplit(list, periods);
      return { date, kwh: round3(split.peak + split.flat + split.valley), ...split };
    });
}

/** Daily totals summed per month (`YYYY-MM`). */
export function monthlyKwh(days: readonly { date: string; kwh: number }[]): { month: string; kwh: number }[] {
  const months = new Map<string, number>();
  for (const day of days) months.set(day.date.slice(0, 7), (months.get(day.date.slice(0, 7)) ?? 0) + day.kwh);
  return [...months.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([month, kwh]) => ({ month, kwh: round3(kwh) }));
}

/** Sums per-meter 15-minute means per bucket: the enterprise's load curve. */
export function sumLoad(
  perMeter: readonly (readonly { ts: number; value: number }[])[],
): { ts: number; kw: number }[] {
  const buckets = new Map<number, number>();
  for (const meter of perMeter)
    for (const point of meter) buckets.set(point.ts, (buckets.get(point.ts) ?? 0) + point.value);
  return [...buckets.entries()].sort(([a], [b]) => a - b).map(([ts, kw]) => ({ ts, kw: round3(kw) }));
}

/**
 * The demand intervals wholly inside [from, min(to, now)): an interval starting before `from` holds only the part
 * of its quarter hour the window covers, and the one still running (or cut off by `to`) only its first minutes —
 * their means are not demands. A utility's demand register likewise records a block interval's demand only once
 * the interval has ended. Points are interval starts.
 */
export function completeIntervals<P extends { ts: number }>(
  points: readonly P[],
  from: number,
  to: number,
  now: number,
): P[] {
  const end = Math.min(to, now);
  return points.filter((p) => p.ts >= from && p.ts + DEMAND_INTERVAL_MS <= end);
}

/** The highest point of a load curve, or null when there is none. */
export function peakOf(load: readonly { ts: number; kw: number }[]): { kw: number; at: number } | null {
  let peak: { kw: number; at: number } | null = null;
  for (const point of load) if (!peak || point.kw > peak.kw) peak = { kw: point.kw, at: point.ts };
  return peak;
}

/** Means of a load curve over coarser buckets (for long windows), bucket = start of its interval. */
export function downsampleLoad(
  load: readonly { ts: number; kw: number }[],
  intervalMs: number,
): { ts: number; kw: number }[] {
  if (intervalMs <= DEMAND_INTERVAL_MS) return [...load];
  const buckets = new Map<number, { sum: number; n: number }>();
  for (const point of load) {
    const key = Math.floor(point.ts / intervalMs) * intervalMs;
    const bucket = buckets.get(key) ?? { sum: 0, n: 0 };
    bucket.sum += point.kw;
    bucket.n += 1;
    buckets.set(key, bucket);
  }
  return [...buckets.entries()].sort(([a], [b]) => a - b).map(([ts, b]) => ({ ts, kw: round3(b.sum / b.n) }));
}

/** Year-on-year change in percent, or null when last year has no data or used nothing. */
export function yoyChangePct(current: number, previous: number | null): number | null {
  if (previous === null || previous <= 0) return null;
  return round1(((current - previous) / previous) * 100);
}

/**
 * The output value (万元) attributable to [from, to): each overlapped Asia/Shanghai year's 工业总产值 times the
 * share of that year the window covers. Null when any overlapped year has no reported output.
 */
export function outputShare(
  outputsByYear: ReadonlyMap<number, number | null>,
  from: number,
  to: number,
): { outputWan: number; years: number[] } | null {
  let total = 0;
  const years: number[] = [];
  for (let year = shanghaiYear(from); year <= shanghaiYear(to - 1); year++) {
    const output = outputsByYear.get(year);
    if (output === undefined || output === null) return null;
    const start = shanghaiYearStart(year);
    const end = shanghaiYearStart(year + 1);
    const covered = Math.min(to, end) - Math.max(from, start);
    total += (output * covered) / (end - start);
    years.push(year);
  }
  return { outputWan: total, years };
}

export function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function roundSplit(split: TouSplit): TouSplit {
  return { peak: round3(split.peak), flat: round3(split.flat), valley: round3(split.valley) };
}

export interface CsvMeterDay {
  readonly date: string;
  readonly deviceId: string;
  readonly name: string;
  readonly line: string | null;
  readonly role: string | null;
  readonly kwh: number;
  readonly peak: number;
  readonly flat: number;
  readonly valley: number;
}

const ROLE_ZH: Record<string, string> = { production: '生产', 'pollution-control': '治污', general: '综合' };

/**
 * The daily per-meter table as CSV: UTF-8 with a byte-order mark (so Excel reads the Chinese headers), CRLF line
 * ends, Chinese headers carrying units; every field through the exports' one `csvField` (kWh stay numbers, meter
 * names and lines never run as formulas).
 */
export function energyCsv(rows: readonly CsvMeterDay[]): string {
  const header = [
    '日期',
    '电表编号',
    '电表名称',
    '产线',
    '用途',
    '用电量(kWh)',
    '峰段(kWh)',
    '平段(kWh)',
    '谷段(kWh)',
  ];
  const lines = [header.join(',')];
  for (const row of rows)
    lines.push(
      [
        row.date,
        row.deviceId,
        row.name,
        row.line ?? '',
        row.role ? (ROLE_ZH[row.role] ?? row.role) : '',
        row.kwh,
        row.peak,
        row.flat,
        row.valley,
      ]
        .map(csvField)
        .join(','),
    );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

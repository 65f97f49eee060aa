/**
 * The telemetry-query port's shapes as InfluxQL statements. Pure (no I/O); every caller-supplied string reaches
 * InfluxQL only through quoteIdentifier / quoteLiteral, and every time as a whole number of milliseconds.
 */
import { measurementFor, quoteIdentifier, quoteLiteral } from './line-protocol';
import {
  bucketOffset,
  type BucketQuery,
  type DeviceMetricRange,
  type KindMetricRange,
} from './telemetry-queries';

export const RAW_RP = 'raw';
export const HOURLY_RP = 'hourly';
/** The tag a flagged value carries: its HJ 212 data flag (line-protocol.ts `toLines`). */
export const QUALITY_TAG = 'quality';

const ms = (t: number) => `${Math.trunc(t)}ms`;

function source(rp: string, kind: string): string {
  return `${quoteIdentifier(rp)}.${quoteIdentifier(measurementFor(kind))}`;
}

function where(query: DeviceMetricRange): string {
  const conditions = [`${quoteIdentifier('device')} = ${quoteLiteral(query.deviceId)}`];
  if (query.enterpriseId !== undefined)
    conditions.push(`${quoteIdentifier('enterprise')} = ${quoteLiteral(query.enterpriseId)}`);
  conditions.push(`time >= ${ms(query.from)}`, `time < ${ms(query.to)}`);
  return `WHERE ${conditions.join(' AND ')}`;
}

export function countStatement(query: DeviceMetricRange): string {
  return `SELECT count(${quoteIdentifier(query.metric)}) FROM ${source(RAW_RP, query.kind)} ${where(query)}`;
}

/** The raw points with their quality: the `quality` tag, null on a normal (untagged) point. */
export function pointsStatement(query: DeviceMetricRange): string {
  return (
    `SELECT ${quoteIdentifier(query.metric)}, ${quoteIdentifier(QUALITY_TAG)} FROM ${source(RAW_RP, query.kind)} ` +
    `${where(query)} ORDER BY time ASC`
  );
}

/**
 * The hourly continuous query names its fields `<aggregate>_<field>` (mean_so2, max_smoke). Only normal values are
 * aggregated: `"quality" = ''` matches the points without the tag (the CQ keeps every tag, so flagged hours stay in
 * their own series) — a value the analyser flagged as a fault, a calibration or over range is shown as a raw point
 * with its quality, never averaged in (HJ 355/356 leave flagged data out of the means).
 */
export function bucketsStatement(query: BucketQuery): string {
  const field = query.source === RAW_RP ? query.metric : `${query.aggregate}_${query.metric}`;
  const rp = query.source === RAW_RP ? RAW_RP : HOURLY_RP;
  return (
    `SELECT ${query.aggregate}(${quoteIdentifier(field)}) FROM ${source(rp, query.kind)} ${where(query)} ` +
    `AND ${quoteIdentifier(QUALITY_TAG)} = '' ` +
    `GROUP BY time(${groupByTime(query)}) fill(none) ORDER BY time ASC`
  );
}

/** `<interval>ms` or `<interval>ms, <offset>ms` with the offset brought into [0, interval). */
function groupByTime(query: Pick<BucketQuery, 'intervalMs' | 'offsetMs'>): string {
  const interval = Math.trunc(query.intervalMs);
  const offset = bucketOffset(interval, query.offsetMs);
  return offset === 0 ? `${interval}ms` : `${interval}ms, ${offset}ms`;
}

/**
 * non_negative_difference summed per hour. The outer query has no time condition of its own: InfluxDB 1.x would
 * narrow the subquery to it, and the caller's lookback would lose the first difference.
 */
export function hourlyIncreaseStatement(query: DeviceMetricRange): string {
  return (
    `SELECT sum("d") FROM (SELECT non_negative_difference(${quoteIdentifier(query.metric)}) AS "d" ` +
    `FROM ${source(RAW_RP, query.kind)} ${where(query)}) GROUP BY time(1h) fill(none)`
  );
}

/** The hourly rollup's count of normal values per hour (`count_<field>` of the unflagged series). */
export function hourlyCountsStatement(query: DeviceMetricRange): string {
  return (
    `SELECT sum(${quoteIdentifier(`count_${query.metric}`)}) FROM ${source(HOURLY_RP, query.kind)} ${where(query)} ` +
    `AND ${quoteIdentifier(QUALITY_TAG)} = '' GROUP BY time(1h) fill(none) ORDER BY time ASC`
  );
}

/** One row per (measurement, device): the newest, whatever fields it carries. */
export function lastSeenStatement(from: number): string {
  return `SELECT * FROM ${quoteIdentifier(RAW_RP)}./.*/ WHERE time >= ${ms(from)} GROUP BY "device" ORDER BY time DESC LIMIT 1`;
}

export function lastValueStatement(query: { kind: string; metric: string; from: number }): string {
  return (
    `SELECT last(${quoteIdentifier(query.metric)}) FROM ${source(RAW_RP, query.kind)} ` +
    `WHERE time >= ${ms(query.from)} GROUP BY "device", ${quoteIdentifier(QUALITY_TAG)}`
  );
}

export function spreadStatement(query: KindMetricRange): string {
  return (
    `SELECT spread(${quoteIdentifier(query.metric)}) FROM ${source(RAW_RP, query.kind)} ` +
    `WHERE time >= ${ms(query.from)} AND time < ${ms(query.to)} GROUP BY "device"`
  );
}

/**
 * The hourly continuous query's body: min, mean, max and count of every field per hour, every tag kept (the count
 * tells a report whether the hour had enough valid data: HJ 75-2017's 45 minutes).
 */
export function hourlyRollupSelect(database: string, range?: { from: number; to: number }): string {
  const db = quoteIdentifier(database);
  const when = range ? ` WHERE time >= ${ms(range.from)} AND time < ${ms(range.to)}` : '';
  return (
    `SELECT mean(*), min(*), max(*), count(*) INTO ${db}.${quoteIdentifier(HOURLY_RP)}.:MEASUREMENT ` +
    `FROM ${db}.${quoteIdentifier(RAW_RP)}./.*/${when} GROUP BY time(1h), *`
  );
}

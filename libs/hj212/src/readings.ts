import { isDataFlag, metricSpec, type DataFlag, type DataQuality, type DeviceReading } from '@park/contracts';
import { parseDataTime } from './data-time';
import type { Hj212Packet } from './packet';
import { pollutantMapping, type Hj212Kind } from './pollutants';
import { parseNumber } from './packet';

/**
 * Data uploads the bridge turns into readings (HJ 212-2017 命令编码 2011/2051/2061), and the value each publishes:
 * real-time data carries the instantaneous `Rtd`; minute and hourly data carry `Avg` over the interval.
 * Rules apply the O₂ reference correction themselves, so the measured value is published, not the
 * corrected (折算) `ZsRtd`/`ZsAvg`.
 */
export const DATA_COMMANDS = {
  '2011': { field: 'Rtd', name: 'real-time data (实时数据)' },
  '2051': { field: 'Avg', name: 'minute data (分钟数据)' },
  '2061': { field: 'Avg', name: 'hourly data (小时数据)' },
} as const;
export type DataCommand = keyof typeof DATA_COMMANDS;

export function isDataCommand(cn: string): cn is DataCommand {
  return Object.prototype.hasOwnProperty.call(DATA_COMMANDS, cn);
}

/**
 * The instrument's data flag of a value (HJ 212-2017 §6.6.4 table 8, `DATA_FLAGS` in @park/contracts). A pollutant
 * without a Flag field is N, as HJ/T 212-2005-era loggers omit it; the letter is read case-insensitively and
 * trimmed. Anything else is not a flag the platform knows (the table is "可扩充", extensible): null.
 */
export function dataFlagOf(raw: string | undefined): DataFlag | null {
  if (raw === undefined) return 'N';
  const flag = raw.trim().toUpperCase();
  return isDataFlag(flag) ? flag : null;
}

/** What happened to one pollutant of a packet that was not published. */
export type SkipReason =
  /** No platform metric for this code on this device kind. */
  | 'unmapped'
  /** The field this command publishes (Rtd or Avg) is missing or not a number. */
  | 'no-value'
  /** Outside what a working sensor can report for the metric (the contract would refuse the whole reading). */
  | 'out-of-range'
  /** A data flag outside table 8 (a local extension): the value's quality cannot be said, so it is not published. */
  | 'unknown-flag';

export interface SkippedValue {
  readonly code: string;
  readonly reason: SkipReason;
  /** The data flag as sent, for `unknown-flag` (at most 8 characters). */
  readonly flag?: string;
  readonly metric?: string;
  readonly value?: number;
}

export interface MappedPacket {
  readonly ok: true;
  /**
   * Null when nothing in the packet is publishable (all unmapped…); the packet is still well-formed. Flagged values
   * are in it with their flag in `flags` (N left out): stored with their quality, not dropped.
   */
  readonly reading: DeviceReading | null;
  readonly skipped: readonly SkippedValue[];
  /** Published values by their data flag other than N. */
  readonly flagged: ReadonlyMap<DataQuality, number>;
  /** Fields carried but not published (Min, Max, Cou, ZsRtd, ZsAvg…), by field name, counted per pollutant. */
  readonly unpublishedFields: ReadonlyMap<string, number>;
}

export type MappingResult =
  | MappedPacket
  | { readonly ok: false; readonly problem: 'NOT_A_DATA_COMMAND' | 'BAD_DATA_TIME'; readonly detail: string };

/** Fields that carry no value of their own and are not worth counting as "unpublished". */
const BOOKKEEPING_FIELDS = new Set(['Flag', 'EFlag', 'SampleTime']);

/**
 * Maps a 2011/2051/2061 packet onto one reading of the device kind's metrics, timestamped with CP's DataTime.
 * Each value keeps its data flag (`flags`, N left out). Each pollutant is judged on its own: an impossible value is
 * skipped and reported, the others are kept, because ingestion rejects a reading as a whole when any of its values
 * is out of range.
 */
export function mapPacketToReading(packet: Hj212Packet, kind: Hj212Kind): MappingResult {
  if (!isDataCommand(packet.cn)) {
    return { ok: false, problem: 'NOT_A_DATA_COMMAND', detail: `CN ${packet.cn} carries no monitoring data` };
  }
  const ts = parseDataTime(packet.cp.fields.get('DataTime'));
  if (ts === null) {
    const raw = packet.cp.fields.get('DataTime');
    return {
      ok: false,
      problem: 'BAD_DATA_TIME',
      detail:
        raw === undefined
          ? 'CP has no DataTime'
          : `DataTime "${raw.slice(0, 20)}" is not YYYYMMDDhhmmss[zzz]`,
    };
  }
  const field = DATA_COMMANDS[packet.cn].field;
  const values: Record<string, number> = {};
  let flags: Record<string, DataQuality> | null = null;
  const flagged = new Map<DataQuality, number>();
  const skipped: SkippedValue[] = [];
  const unpublishedFields = new Map<string, number>();

  for (const [code, fields] of packet.cp.pollutants) {
    for (const name of fields.keys()) {
      if (name !== field && !BOOKKEEPING_FIELDS.has(name)) {
        unpublishedFields.set(name, (unpublishedFields.get(name) ?? 0) + 1);
      }
    }
    const mapping = pollutantMapping(kind, code);
    if (!mapping) {
      skipped.push({ code, reason: 'unmapped' });
      continue;
    }
    if (mapping.metric in values) continue; // the same pollutant twice (2017 and 2005 code): the first one wins
    const flag = dataFlagOf(fields.get('Flag'));
    if (flag === null) {
      skipped.push({
        code,
        reason: 'unknown-flag',
        flag: (fields.get('Flag') ?? '').slice(0, 8),
        metric: mapping.metric,
      });
      continue;
    }
    const raw = parseNumber(fields.get(field));
    if (raw === null) {
      skipped.push({ code, reason: 'no-value', metric: mapping.metric });
      continue;
    }
    const value = scale(raw, mapping.factor);
    const spec = metricSpec(kind, mapping.metric);
    if (
      !spec ||
      (spec.min !== undefined && value < spec.min) ||
      (spec.max !== undefined && value > spec.max)
    ) {
      skipped.push({ code, reason: 'out-of-range', metric: mapping.metric, value });
      continue;
    }
    values[mapping.metric] = value;
    if (flag !== 'N') {
      (flags ??= {})[mapping.metric] = flag;
      flagged.set(flag, (flagged.get(flag) ?? 0) + 1);
    }
  }
  const reading: DeviceReading | null =
    Object.keys(values).length === 0 ? null : flags ? { ts, values, flags } : { ts, values };
  return { ok: true, reading, skipped, flagged, unpublishedFields };
}

/** value × factor without binary noise (12.3 × 3600 = 44280, not 44280.00000000001). */
function scale(value: number, factor: number): number {
  return factor === 1 ? value : Number((value * factor).toPrecision(15));
}

import { createHash } from 'node:crypto';
import { isDataFlag, type DataQuality } from './data-quality';
import {
  DEVICE_KINDS,
  isDeviceKind,
  METER_ROLES,
  metricSpec,
  type DeviceKind,
  type MeterRole,
} from './device-kinds';

/** Why a reading was not accepted. Stable codes: dashboards and metrics count by them. */
export const REJECT_REASONS = [
  'BAD_TOPIC',
  'PAYLOAD_TOO_LARGE',
  'MALFORMED_JSON',
  'WRONG_SHAPE',
  'BAD_TIMESTAMP',
  'TS_IN_FUTURE',
  'TS_TOO_OLD',
  'WRONG_TYPE',
  'NON_FINITE',
  'UNKNOWN_METRIC',
  'OUT_OF_RANGE',
  'UNKNOWN_DEVICE',
  'DEVICE_DISABLED',
  'COUNTER_BACKWARDS',
  'STORE_REJECTED',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

export type MetricValue = number | boolean;

/** Metric → its quality when not a normal measurement (HJ 212 data flag other than N). */
export type ValueFlags = Readonly<Record<string, DataQuality>>;

/** One reading as a device sends it, after parsing: timestamp normalised to epoch ms. */
export interface DeviceReading {
  readonly ts: number;
  readonly values: Readonly<Record<string, MetricValue>>;
  /**
   * Present only when at least one value is flagged other than N: the payload's optional `flags` with its N entries
   * left out. Absent for the readings of every device that sends no flags, the hot path.
   */
  readonly flags?: ValueFlags;
}

export interface Rejection {
  readonly reason: RejectReason;
  readonly detail: string;
  /** Position in an array payload, when the rejection concerns one element. */
  readonly index?: number;
}

export interface TelemetryLimits {
  /** Largest accepted payload, in bytes. */
  readonly maxPayloadBytes: number;
  /** Largest number of readings in one array payload. */
  readonly maxReadingsPerMessage: number;
  /** How far ahead of the server clock a device timestamp may be. */
  readonly maxFutureSkewMs: number;
  /** Oldest accepted timestamp, as an age (raw retention: 90 days). */
  readonly maxAgeMs: number;
}

export const DEFAULT_TELEMETRY_LIMITS: TelemetryLimits = {
  maxPayloadBytes: 64 * 1024,
  maxReadingsPerMessage: 1000,
  maxFutureSkewMs: 5 * 60_000,
  maxAgeMs: 90 * 24 * 3600_000,
};

/** A validated reading enriched from the records: the value of a `park.telemetry.v1` message. */
export interface TelemetryRecord {
  readonly v: 1;
  readonly deviceId: string;
  readonly enterpriseId: string;
  readonly kind: DeviceKind;
  readonly role: MeterRole | null;
  readonly line: string | null;
  readonly ts: number;
  readonly values: Readonly<Record<string, MetricValue>>;
  /** The reading's flagged values (see DeviceReading.flags); absent when every value is normal. */
  readonly flags?: ValueFlags;
  readonly receivedAt: number;
}

/** The value of a `park.telemetry.rejected.v1` message: nothing about the original is lost. */
export interface RejectedTelemetry {
  readonly v: 1;
  readonly receivedAt: number;
  readonly topic: string;
  readonly deviceId: string | null;
  readonly reason: RejectReason;
  readonly detail: string;
  readonly index?: number;
  readonly payload: string;
  readonly payloadEncoding: 'utf8' | 'base64';
  /** Set when `payload` holds only the first 4 KiB of an oversized payload: its full size and hash. */
  readonly payloadBytes?: number;
  readonly payloadSha256?: string;
}

export type ParseResult =
  | { readonly ok: true; readonly readings: DeviceReading[] }
  | { readonly ok: false; readonly rejection: Rejection };

const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Epoch ms of an ISO-8601 instant that matched the timestamp pattern, or NaN when its fields are not a real time.
 * `Date.parse` alone rolls impossible dates over (2026-02-30 becomes 2 March) and accepts 24:00.
 */
export function parseIsoInstant(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(text);
  if (!m) return NaN;
  const [year, month, day, hour, minute, second] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  if (month < 1 || month > 12 || day < 1 || day > days || hour > 23 || minute > 59 || second > 59) return NaN;
  return Date.parse(text);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseTimestamp(ts: unknown): number | Rejection {
  if (typeof ts === 'number') {
    if (!Number.isFinite(ts) || !Number.isInteger(ts) || ts <= 0) {
      return {
        reason: 'BAD_TIMESTAMP',
        detail: `ts must be a positive integer epoch in ms, got ${String(ts)}`,
      };
    }
    if (ts < 1e11) {
      return {
        reason: 'BAD_TIMESTAMP',
        detail: `ts ${ts} looks like epoch seconds; send epoch milliseconds`,
      };
    }
    return ts;
  }
  if (typeof ts === 'string') {
    if (!ISO_8601.test(ts)) {
      return {
        reason: 'BAD_TIMESTAMP',
        detail: `ts string must be ISO-8601 with a time zone, got "${ts.slice(0, 40)}"`,
      };
    }
    const ms = parseIsoInstant(ts);
    if (Number.isNaN(ms))
      return { reason: 'BAD_TIMESTAMP', detail: `ts "${ts.slice(0, 40)}" is not a real date` };
    return ms;
  }
  return { reason: 'BAD_TIMESTAMP', detail: 'ts is missing or not a number / ISO-8601 string' };
}

function parseReading(item: unknown, now: number, limits: TelemetryLimits): DeviceReading | Rejection {
  if (!isPlainObject(item))
    return { reason: 'WRONG_SHAPE', detail: 'a reading must be an object {ts, values}' };
  for (const key of Object.keys(item)) {
    if (key !== 'ts' && key !== 'values' && key !== 'flags') {
      return {
        reason: 'WRONG_SHAPE',
        detail: `unexpected field "${key.slice(0, 40)}" (allowed: ts, values, flags)`,
      };
    }
  }
  const ts = parseTimestamp(item.ts);
  if (typeof ts !== 'number') return ts;
  if (ts > now + limits.maxFutureSkewMs) {
    // Beyond Date's range (±8.64e15 ms, e.g. epoch nanoseconds) toISOString() throws, so print the number.
    const shown = ts <= 8.64e15 ? new Date(ts).toISOString() : String(ts);
    return { reason: 'TS_IN_FUTURE', detail: `ts ${shown} is ahead of the server clock` };
  }
  if (ts < now - limits.maxAgeMs) {
    return {
      reason: 'TS_TOO_OLD',
      detail: `ts ${new Date(ts).toISOString()} is older than the raw retention`,
    };
  }
  const values = item.values;
  if (!isPlainObject(values))
    return { reason: 'WRONG_SHAPE', detail: 'values must be an object of metric: value' };
  const names = Object.keys(values);
  if (names.length === 0) return { reason: 'WRONG_SHAPE', detail: 'values is empty' };
  for (const name of names) {
    const value = values[name];
    if (typeof value === 'number') {
      // JSON cannot spell NaN, but 1e999 parses to Infinity.
      if (!Number.isFinite(value)) return { reason: 'NON_FINITE', detail: `${name} is not a finite number` };
    } else if (typeof value !== 'boolean') {
      return { reason: 'WRONG_TYPE', detail: `${name} must be a number or boolean, got ${typeName(value)}` };
    }
  }
  if (item.flags === undefined) return { ts, values: values as Record<string, MetricValue> };
  const quality = qualityOf(item.flags, values);
  if (!quality.ok) return quality.rejection;
  return quality.flags
    ? { ts, values: values as Record<string, MetricValue>, flags: quality.flags }
    : { ts, values: values as Record<string, MetricValue> };
}

/**
 * A reading's `flags` (metric → HJ 212 data flag): each must name a metric of the reading's values and be one of
 * N F M S D C T B. Returns the non-N ones (null when there are none), or why the field is refused.
 */
export function qualityOf(
  flags: unknown,
  values: Readonly<Record<string, unknown>>,
):
  | { readonly ok: true; readonly flags: ValueFlags | null }
  | { readonly ok: false; readonly rejection: Rejection } {
  const refuse = (detail: string) => ({
    ok: false as const,
    rejection: { reason: 'WRONG_SHAPE' as const, detail },
  });
  if (!isPlainObject(flags)) return refuse('flags must be an object of metric: data flag');
  let out: Record<string, DataQuality> | null = null;
  for (const [name, flag] of Object.entries(flags)) {
    if (!Object.prototype.hasOwnProperty.call(values, name))
      return refuse(`flags.${name.slice(0, 40)} names no value of this reading`);
    if (!isDataFlag(flag))
      return refuse(
        `flags.${name.slice(0, 40)} must be one of N, F, M, S, D, C, T, B (HJ 212-2017 data flags)`,
      );
    if (flag !== 'N') (out ??= {})[name] = flag;
  }
  return { ok: true, flags: out };
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function isRejection(value: DeviceReading | Rejection): value is Rejection {
  return 'reason' in value;
}

/**
 * Parses a device's MQTT payload: `{"ts", "values"}` or an array of them.
 * Returns the readings, or the first reason the payload as a whole is unusable.
 * Per-reading problems in an array reject the whole message with the element's index, so a device's
 * batch is either accepted entirely or found whole on the rejected topic.
 */
export function parseTelemetryPayload(
  payload: Uint8Array,
  now: number,
  limits: TelemetryLimits = DEFAULT_TELEMETRY_LIMITS,
): ParseResult {
  if (payload.byteLength > limits.maxPayloadBytes) {
    return reject(
      'PAYLOAD_TOO_LARGE',
      `${payload.byteLength} bytes exceeds the limit of ${limits.maxPayloadBytes}`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8'));
  } catch (error) {
    return reject('MALFORMED_JSON', (error as Error).message.slice(0, 200));
  }
  const items = Array.isArray(body) ? body : [body];
  if (items.length === 0) return reject('WRONG_SHAPE', 'empty array');
  if (items.length > limits.maxReadingsPerMessage) {
    return reject(
      'PAYLOAD_TOO_LARGE',
      `${items.length} readings exceeds ${limits.maxReadingsPerMessage} per message`,
    );
  }
  const readings: DeviceReading[] = [];
  for (let i = 0; i < items.length; i++) {
    const reading = parseReading(items[i], now, limits);
    if (isRejection(reading)) {
      return { ok: false, rejection: Array.isArray(body) ? { ...reading, index: i } : reading };
    }
    readings.push(reading);
  }
  return { ok: true, readings };
}

function reject(reason: RejectReason, detail: string): ParseResult {
  return { ok: false, rejection: { reason, detail } };
}

/** Checks each reading's metrics against the device kind's contract: names, types and physical ranges. */
export function checkReadingsForKind(kind: DeviceKind, readings: readonly DeviceReading[]): Rejection | null {
  for (let i = 0; i < readings.length; i++) {
    for (const [name, value] of Object.entries(readings[i].values)) {
      const spec = metricSpec(kind, name);
      const index = readings.length > 1 ? i : undefined;
      if (!spec) {
        const known = Object.keys(DEVICE_KINDS[kind].metrics).join(', ');
        return {
          reason: 'UNKNOWN_METRIC',
          detail: `${kind} has no metric "${name.slice(0, 40)}" (known: ${known})`,
          index,
        };
      }
      if (spec.type === 'boolean' ? typeof value !== 'boolean' : typeof value !== 'number') {
        return { reason: 'WRONG_TYPE', detail: `${name} must be a ${spec.type}`, index };
      }
      if (typeof value === 'number') {
        if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
          const range = `[${spec.min ?? '-∞'}, ${spec.max ?? '∞'}] ${spec.unit}`;
          return { reason: 'OUT_OF_RANGE', detail: `${name} = ${value} is outside ${range}`, index };
        }
      }
    }
  }
  return null;
}

/** Most bytes of a raw payload kept on the rejected topic; see `encodeRawPayload`. */
export const MAX_REJECTED_PAYLOAD_BYTES = 64 * 1024;

/**
 * Encodes a raw payload for the rejected topic: UTF-8 text as is, anything else as base64, byte for byte.
 * A payload over `MAX_REJECTED_PAYLOAD_BYTES` (it can only be one rejected as PAYLOAD_TOO_LARGE) keeps its first
 * 4 KiB with its full size and SHA-256, so an oversized flood cannot make the rejected topic itself unwritable.
 */
export function encodeRawPayload(payload: Uint8Array): {
  payload: string;
  payloadEncoding: 'utf8' | 'base64';
  payloadBytes?: number;
  payloadSha256?: string;
} {
  const whole = Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const truncated = whole.length > MAX_REJECTED_PAYLOAD_BYTES;
  const buffer = truncated ? whole.subarray(0, 4096) : whole;
  const text = buffer.toString('utf8');
  const encoded = Buffer.from(text, 'utf8').equals(buffer)
    ? { payload: text, payloadEncoding: 'utf8' as const }
    : { payload: buffer.toString('base64'), payloadEncoding: 'base64' as const };
  return truncated
    ? {
        ...encoded,
        payloadBytes: whole.length,
        payloadSha256: createHash('sha256').update(whole).digest('hex'),
      }
    : encoded;
}

export class ContractViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContractViolation';
  }
}

/** Decodes and checks a `park.telemetry.v1` message. Consumers call this before touching the value. */
export function decodeTelemetryRecord(value: Buffer | null): TelemetryRecord {
  if (!value) throw new ContractViolation('telemetry message has no value');
  let body: unknown;
  try {
    body = JSON.parse(value.toString('utf8'));
  } catch {
    throw new ContractViolation('telemetry message is not JSON');
  }
  if (!isPlainObject(body) || body.v !== 1)
    throw new ContractViolation('telemetry message is not contract v1');
  const { deviceId, enterpriseId, kind, role, line, ts, values, receivedAt } = body;
  if (typeof deviceId !== 'string' || typeof enterpriseId !== 'string') {
    throw new ContractViolation('telemetry message lacks deviceId/enterpriseId');
  }
  if (!isDeviceKind(kind)) throw new ContractViolation(`telemetry message has unknown kind ${String(kind)}`);
  if (role !== null && !(METER_ROLES as readonly unknown[]).includes(role)) {
    throw new ContractViolation('telemetry message has an unknown role');
  }
  if (line !== null && typeof line !== 'string')
    throw new ContractViolation('telemetry message line is not a string');
  if (typeof ts !== 'number' || typeof receivedAt !== 'number') {
    throw new ContractViolation('telemetry message timestamps are not numbers');
  }
  if (!isPlainObject(values)) throw new ContractViolation('telemetry message values is not an object');
  for (const v of Object.values(values)) {
    if (typeof v !== 'boolean' && !(typeof v === 'number' && Number.isFinite(v))) {
      throw new ContractViolation('telemetry message has a non-finite value');
    }
  }
  let flags: ValueFlags | null = null;
  if (body.flags !== undefined) {
    const checked = qualityOf(body.flags, values);
    if (!checked.ok) throw new ContractViolation(`telemetry message ${checked.rejection.detail}`);
    flags = checked.flags;
  }
  return {
    v: 1,
    deviceId,
    enterpriseId,
    kind,
    role: role as MeterRole | null,
    line: line,
    ts,
    values: values as Record<string, MetricValue>,
    ...(flags ? { flags } : {}),
    receivedAt,
  };
}

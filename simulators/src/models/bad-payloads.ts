/**
 * Invalid messages a real fleet sends now and then (DESIGN.md, "Bad input"): a truncated frame, a value sent as a
 * string, NaN/Infinity, a metric the contract does not know, a clock set wrong, a logger flushing its whole buffer
 * in one message. Each comes with the reason code ingestion should reject it with.
 */
import {
  DEFAULT_TELEMETRY_LIMITS,
  DEVICE_KINDS,
  type DeviceKind,
  type MetricValue,
  type RejectReason,
} from '@park/contracts';
import type { Rng } from './prng';

export const BAD_PAYLOAD_VARIANTS = [
  'malformed-json',
  'wrong-type',
  'non-finite',
  'unknown-metric',
  'ts-in-future',
  'oversize',
] as const;
export type BadPayloadVariant = (typeof BAD_PAYLOAD_VARIANTS)[number];

export interface BadPayload {
  readonly variant: BadPayloadVariant;
  readonly payload: Buffer;
  /** The reason `parseTelemetryPayload` + `checkReadingsForKind` give for it. */
  readonly expected: RejectReason;
}

/** Metrics that devices commonly add but the contract does not define. */
const STRAY_METRICS = ['rssi', 'battery', 'humidity_pct', 'uptime_s'];

/** A payload this big is over the platform's default limit (64 KiB) twice over. */
export const OVERSIZE_BYTES = 2 * DEFAULT_TELEMETRY_LIMITS.maxPayloadBytes;

/**
 * One invalid payload for a device of `kind` whose good reading at `ts` would have been `values`.
 * `wallNow` is the real time: "in the future" must be ahead of the platform's clock, not of the sim clock.
 */
export function badPayload(
  kind: DeviceKind,
  ts: number,
  wallNow: number,
  values: Readonly<Record<string, MetricValue>>,
  rng: Rng,
  variant: BadPayloadVariant = rng.pick(BAD_PAYLOAD_VARIANTS),
): BadPayload {
  const good = JSON.stringify({ ts, values });
  const [first] = Object.keys(values);
  switch (variant) {
    case 'malformed-json':
      // A frame cut short by a serial buffer: the closing braces never arrive.
      return bad(variant, good.slice(0, Math.max(1, good.length - rng.int(2, 8))), 'MALFORMED_JSON');
    case 'wrong-type': {
      const v = values[first];
      // Numbers as strings with a unit, as some firmware does; booleans as 0/1.
      const wrong = typeof v === 'boolean' ? (v ? 1 : 0) : `${String(v)} ${unitOf(kind, first)}`.trim();
      return bad(variant, JSON.stringify({ ts, values: { ...values, [first]: wrong } }), 'WRONG_TYPE');
    }
    case 'non-finite':
      // JSON cannot spell NaN, but an overflowing exponent parses to Infinity.
      return bad(variant, good.replace(/}}$/, `,"${first}_peak":1e999}}`), 'NON_FINITE');
    case 'unknown-metric':
      return bad(
        variant,
        JSON.stringify({ ts, values: { ...values, [rng.pick(STRAY_METRICS)]: rng.int(1, 99) } }),
        'UNKNOWN_METRIC',
      );
    case 'ts-in-future':
      // A device whose RTC lost its battery and came back a day (or a year) ahead.
      return bad(
        variant,
        JSON.stringify({ ts: wallNow + rng.pick([1, 24, 24 * 365]) * 3_600_000, values }),
        'TS_IN_FUTURE',
      );
    case 'oversize': {
      // A data logger flushing its whole backlog as one array.
      const items: string[] = [];
      let bytes = 2;
      for (let i = 0; bytes <= OVERSIZE_BYTES; i++) {
        const item = JSON.stringify({ ts: ts - i * 1000, values });
        items.push(item);
        bytes += item.length + 1;
      }
      return bad(variant, `[${items.join(',')}]`, 'PAYLOAD_TOO_LARGE');
    }
  }
}

function bad(variant: BadPayloadVariant, text: string, expected: RejectReason): BadPayload {
  return { variant, payload: Buffer.from(text, 'utf8'), expected };
}

function unitOf(kind: DeviceKind, metric: string): string {
  const metrics: Readonly<Record<string, { unit: string }>> = DEVICE_KINDS[kind].metrics;
  return metrics[metric]?.unit ?? '';
}

import type { MetricValue, TelemetryRecord } from '@park/contracts';

/**
 * InfluxDB line protocol (v1 and the v2/v3 v1-compatibility APIs), escaped per the reference:
 * measurement — comma and space; tag keys/values and field keys — comma, equals sign and space;
 * string field values — double quote and backslash. Newlines cannot be escaped and are refused.
 */
function assertNoNewline(s: string): void {
  if (/[\r\n]/.test(s)) throw new Error('line protocol identifiers cannot contain a newline');
}

export function escapeMeasurement(s: string): string {
  assertNoNewline(s);
  return s.replace(/[\\, ]/g, (c) => `\\${c}`);
}

export function escapeKey(s: string): string {
  assertNoNewline(s);
  return s.replace(/[\\,= ]/g, (c) => `\\${c}`);
}

export function escapeStringField(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** One measurement per device kind; `power-meter` → `power_meter`. */
export function measurementFor(kind: string): string {
  return kind.replace(/-/g, '_');
}

/** A reading as one line: tags device, enterprise, kind, role (bounded cardinality); fields the metrics; ms time. */
export function toLine(record: TelemetryRecord): string {
  return lineOf(record, record.values, undefined);
}

/**
 * A reading as line protocol: one line, as `toLine`, when no value is flagged; otherwise one line per quality, the
 * flagged values tagged `quality=<HJ 212 data flag>` (at most seven values: bounded cardinality) and the normal ones
 * without the tag — so normal data stays in the series it has always been in, and a query for `"quality" = ''` reads
 * the normal values only. All lines share the reading's timestamp.
 */
export function toLines(record: TelemetryRecord): string[] {
  const flags = record.flags;
  if (!flags) return [toLine(record)];
  const byQuality = new Map<string, Record<string, MetricValue>>();
  for (const [name, value] of Object.entries(record.values)) {
    const quality = Object.prototype.hasOwnProperty.call(flags, name) ? flags[name] : '';
    let values = byQuality.get(quality);
    if (!values) {
      values = {};
      byQuality.set(quality, values);
    }
    values[name] = value;
  }
  return [...byQuality].map(([quality, values]) => lineOf(record, values, quality || undefined));
}

function lineOf(
  record: TelemetryRecord,
  values: Readonly<Record<string, MetricValue>>,
  quality: string | undefined,
): string {
  let tags = `,device=${escapeKey(record.deviceId)},enterprise=${escapeKey(record.enterpriseId)},kind=${escapeKey(record.kind)}`;
  if (quality) tags += `,quality=${escapeKey(quality)}`;
  if (record.role) tags += `,role=${escapeKey(record.role)}`;
  const fields: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    // Numbers are always written as floats so a field never flips type between 12 and 12.5.
    const encoded = typeof value === 'boolean' ? (value ? 'true' : 'false') : formatFloat(value);
    fields.push(`${escapeKey(name)}=${encoded}`);
  }
  return `${escapeMeasurement(measurementFor(record.kind))}${tags} ${fields.join(',')} ${Math.trunc(record.ts)}`;
}

function formatFloat(value: number): string {
  if (!Number.isFinite(value)) throw new Error('line protocol cannot carry a non-finite number');
  return String(value);
}

/** InfluxQL: identifiers in double quotes, string literals in single quotes, each with its quote escaped. */
export function quoteIdentifier(s: string): string {
  assertNoNewline(s);
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export function quoteLiteral(s: string): string {
  assertNoNewline(s);
  return `'${s.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

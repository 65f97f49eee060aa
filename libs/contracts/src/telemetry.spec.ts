import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CompiledTelemetryValidator } from './compiled-validation';
import { isDeviceKind, type DeviceKind } from './device-kinds';
import {
  checkReadingsForKind,
  ContractViolation,
  decodeTelemetryRecord,
  DEFAULT_TELEMETRY_LIMITS,
  encodeRawPayload,
  parseIsoInstant,
  parseTelemetryPayload,
  type DeviceReading,
  type RejectReason,
  type TelemetryLimits,
  type TelemetryRecord,
} from './telemetry';

/**
 * Golden payloads (CONVENTIONS.md §7). Every fixture timestamp is a fixed absolute value chosen relative to NOW,
 * and NOW is passed into parseTelemetryPayload, so the suite means the same thing on any day it runs.
 */
const NOW = Date.parse('2025-06-01T12:00:00Z'); // 1748779200000
const FIXTURES = join(__dirname, '../../../test/fixtures');
const OK_DIR = join(FIXTURES, 'ok');
const NOT_OK_DIR = join(FIXTURES, 'not-ok');

/** `not-ok/expected.json`: fixture file → the reason it must produce, and which function must produce it. */
interface NotOkExpectation {
  readonly reason: RejectReason;
  /** Device kind the readings are checked against when they get past parsing. */
  readonly kind: string;
  /** 'parse': parseTelemetryPayload refuses it; 'kind': it parses, and checkReadingsForKind refuses it. */
  readonly stage: 'parse' | 'kind';
  /** What happened in the field, for the reader. */
  readonly case: string;
  /** Position of the offending element, for array payloads. Absent means "no index". */
  readonly index?: number;
  /** Overrides of DEFAULT_TELEMETRY_LIMITS (as the ingestion config may set). */
  readonly limits?: Partial<TelemetryLimits>;
}

const expectations = JSON.parse(readFileSync(join(NOT_OK_DIR, 'expected.json'), 'utf8')) as Record<
  string,
  NotOkExpectation
>;
const notOkFiles = readdirSync(NOT_OK_DIR).filter((f) => f !== 'expected.json');
const okFiles = readdirSync(OK_DIR).filter((f) => f.endsWith('.json'));

function fixture(dir: string, file: string): Buffer {
  return readFileSync(join(dir, file));
}

/** ok fixtures are named `<device-kind>.<case>.json`. */
function kindOfOkFixture(file: string): DeviceKind {
  const kind = file.slice(0, file.indexOf('.'));
  if (!isDeviceKind(kind)) throw new Error(`ok fixture ${file} must start with a device kind, got "${kind}"`);
  return kind;
}

function asKind(kind: string): DeviceKind {
  if (!isDeviceKind(kind)) throw new Error(`expected.json names unknown device kind "${kind}"`);
  return kind;
}

function parsedReadings(payload: string | Uint8Array, now = NOW, limits?: TelemetryLimits): DeviceReading[] {
  const result = parseTelemetryPayload(
    typeof payload === 'string' ? Buffer.from(payload) : payload,
    now,
    limits,
  );
  if (!result.ok)
    throw new Error(
      `expected the payload to parse, got ${result.rejection.reason}: ${result.rejection.detail}`,
    );
  return result.readings;
}

function rejectionOf(payload: string | Uint8Array, now = NOW, limits?: TelemetryLimits) {
  const result = parseTelemetryPayload(
    typeof payload === 'string' ? Buffer.from(payload) : payload,
    now,
    limits,
  );
  if (result.ok) throw new Error(`expected a rejection, got ${result.readings.length} reading(s)`);
  return result.rejection;
}

describe('golden fixtures', () => {
  it('every not-ok fixture has an expectation and every expectation has a fixture', () => {
    expect(notOkFiles.sort()).toEqual(Object.keys(expectations).sort());
  });

  it('the not-ok fixtures cover every reason code the two functions can produce', () => {
    const covered = new Set(Object.values(expectations).map((e) => e.reason));
    expect([...covered].sort()).toEqual(
      [
        'BAD_TIMESTAMP',
        'MALFORMED_JSON',
        'NON_FINITE',
        'OUT_OF_RANGE',
        'PAYLOAD_TOO_LARGE',
        'TS_IN_FUTURE',
        'TS_TOO_OLD',
        'UNKNOWN_METRIC',
        'WRONG_SHAPE',
        'WRONG_TYPE',
      ].sort(),
    );
  });

  it('has the five kinds of valid payload', () => {
    expect(okFiles.length).toBeGreaterThanOrEqual(5);
  });

  describe.each(okFiles)('ok/%s', (file) => {
    const kind = kindOfOkFixture(file);

    it(`parses and passes the ${kind} contract`, () => {
      const readings = parsedReadings(fixture(OK_DIR, file));
      expect(readings.length).toBeGreaterThan(0);
      expect(checkReadingsForKind(kind, readings)).toBeNull();
    });
  });

  describe.each(notOkFiles)('not-ok/%s', (file) => {
    const expected = expectations[file];
    const limits = { ...DEFAULT_TELEMETRY_LIMITS, ...expected?.limits };

    it(`is refused (${expected?.reason ?? 'no expectation in expected.json'})`, () => {
      const result = parseTelemetryPayload(fixture(NOT_OK_DIR, file), NOW, limits);
      if (expected.stage === 'parse') {
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.rejection.reason).toBe(expected.reason);
        expect(result.rejection.index).toBe(expected.index);
        expect(result.rejection.detail.length).toBeGreaterThan(0);
      } else {
        // It must get past parsing, so that the kind check is what catches it.
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const rejection = checkReadingsForKind(asKind(expected.kind), result.readings);
        expect(rejection?.reason).toBe(expected.reason);
        expect(rejection?.index).toBe(expected.index);
        expect(rejection?.detail.length).toBeGreaterThan(0);
      }
    });

    it('survives the trip to the rejected topic byte for byte', () => {
      const bytes = fixture(NOT_OK_DIR, file);
      const encoded = encodeRawPayload(bytes);
      expect(encoded.payloadEncoding).toBe(file.endsWith('.bin') ? 'base64' : 'utf8');
      expect(Buffer.from(encoded.payload, encoded.payloadEncoding).equals(bytes)).toBe(true);
    });
  });
});

describe('parseTelemetryPayload — accepted payloads, normalised', () => {
  it('keeps an epoch-ms reading as sent', () => {
    expect(parsedReadings(fixture(OK_DIR, 'combustible-gas.epoch-ms.json'))).toEqual([
      { ts: 1748779140000, values: { lel: 3.2 } },
    ]);
  });

  it('turns an ISO-8601 time with a +08:00 offset into the right UTC instant', () => {
    // 19:59:30 in China is 11:59:30 UTC: 30 s before NOW.
    expect(parsedReadings(fixture(OK_DIR, 'toxic-gas.iso-offset-0800.json'))).toEqual([
      { ts: NOW - 30_000, values: { h2s: 1.5, co: 12 } },
    ]);
  });

  it('returns every reading of an array payload, in order', () => {
    const readings = parsedReadings(fixture(OK_DIR, 'temperature.buffered-array.json'));
    expect(readings.map((r) => r.ts)).toEqual([NOW - 180_000, NOW - 120_000, NOW - 60_000]);
    expect(readings.map((r) => r.values.temp)).toEqual([36.4, 36.9, 37.1]);
  });

  it('keeps boolean alarm flags as booleans', () => {
    expect(parsedReadings(fixture(OK_DIR, 'smoke.boolean.json'))[0].values).toEqual({
      smoke: true,
      fire: false,
    });
  });

  it('keeps all five power-meter metrics', () => {
    expect(parsedReadings(fixture(OK_DIR, 'power-meter.all-metrics.json'))[0].values).toEqual({
      kw: 412.5,
      kwh: 1203345.7,
      voltage: 380.2,
      current: 626.4,
      pf: 0.92,
    });
  });

  it.each([
    ['Z', '2025-06-01T11:59:00Z', NOW - 60_000],
    ['fractional seconds', '2025-06-01T11:59:00.250Z', NOW - 59_750],
    ['offset without colon', '2025-06-01T19:59:00+0800', NOW - 60_000],
    ['negative offset', '2025-06-01T06:59:00-05:00', NOW - 60_000],
    ['no seconds', '2025-06-01T19:59+08:00', NOW - 60_000],
  ])('accepts ISO-8601 with %s', (_label, ts, expected) => {
    expect(parsedReadings(JSON.stringify({ ts, values: { lel: 1 } }))[0].ts).toBe(expected);
  });

  it('reads a payload that is a view into a larger buffer (as MQTT clients hand them over)', () => {
    const body = Buffer.from('{"ts":1748779140000,"values":{"lel":3.2}}');
    const pool = Buffer.concat([Buffer.from('garbage['), body, Buffer.from(']garbage')]);
    const view = new Uint8Array(pool.buffer, pool.byteOffset + 8, body.length);
    expect(parsedReadings(view)).toEqual([{ ts: 1748779140000, values: { lel: 3.2 } }]);
  });
});

describe('parseTelemetryPayload — limits and their boundaries', () => {
  const reading = (ts: number) => JSON.stringify({ ts, values: { lel: 3.2 } });

  it('accepts a device clock up to exactly 5 minutes fast, and refuses 1 ms more', () => {
    expect(parsedReadings(reading(NOW + 5 * 60_000))).toHaveLength(1);
    const rejection = rejectionOf(reading(NOW + 5 * 60_000 + 1));
    expect(rejection.reason).toBe('TS_IN_FUTURE');
    expect(rejection.detail).toContain('2025-06-01T12:05:00.001Z');
  });

  it('accepts a reading exactly 90 days old, and refuses 1 ms older', () => {
    const ninetyDays = 90 * 24 * 3600_000;
    expect(parsedReadings(reading(NOW - ninetyDays))).toHaveLength(1);
    expect(rejectionOf(reading(NOW - ninetyDays - 1)).reason).toBe('TS_TOO_OLD');
  });

  it('refuses an epoch in nanoseconds without throwing (Date cannot represent it)', () => {
    const rejection = rejectionOf(reading(NOW * 1_000_000));
    expect(rejection.reason).toBe('TS_IN_FUTURE');
    expect(rejection.detail).toContain(String(NOW * 1_000_000));
  });

  it('tells a device sending epoch seconds what to send instead', () => {
    expect(rejectionOf(reading(Math.floor(NOW / 1000))).detail).toMatch(/epoch seconds.*milliseconds/);
  });

  it('accepts a payload of exactly 64 KiB and refuses one byte more', () => {
    const body = reading(NOW);
    const exact = body + ' '.repeat(64 * 1024 - body.length); // JSON allows trailing whitespace
    expect(Buffer.byteLength(exact)).toBe(65_536);
    expect(parsedReadings(exact)).toHaveLength(1);
    const rejection = rejectionOf(exact + ' ');
    expect(rejection).toEqual({
      reason: 'PAYLOAD_TOO_LARGE',
      detail: '65537 bytes exceeds the limit of 65536',
    });
  });

  it('counts bytes, not characters: multi-byte text counts for what it weighs on the wire', () => {
    const limits = { ...DEFAULT_TELEMETRY_LIMITS, maxPayloadBytes: 60 };
    const body = '{"ts":1748779140000,"values":{"温度":1}}';
    const padded = body + ' '.repeat(61 - Buffer.byteLength(body)); // 61 bytes, but only 57 characters
    expect(padded.length).toBeLessThanOrEqual(60);
    expect(parseTelemetryPayload(Buffer.from(padded.slice(0, -1)), NOW, limits).ok).toBe(true);
    expect(rejectionOf(padded, NOW, limits).reason).toBe('PAYLOAD_TOO_LARGE');
  });

  it('accepts 1000 readings in one message and refuses 1001', () => {
    const batch = (n: number) =>
      JSON.stringify(Array.from({ length: n }, (_, i) => ({ ts: NOW - i, values: { lel: 1 } })));
    expect(parsedReadings(batch(1000))).toHaveLength(1000);
    expect(rejectionOf(batch(1001))).toEqual({
      reason: 'PAYLOAD_TOO_LARGE',
      detail: '1001 readings exceeds 1000 per message',
    });
  });

  it('applies the limits it is given rather than the defaults', () => {
    const strict: TelemetryLimits = { ...DEFAULT_TELEMETRY_LIMITS, maxFutureSkewMs: 0 };
    expect(rejectionOf(reading(NOW + 1), NOW, strict).reason).toBe('TS_IN_FUTURE');
    expect(parsedReadings(reading(NOW), NOW, strict)).toHaveLength(1);
  });

  it('judges "future" and "too old" against the now it is given, not the machine clock', () => {
    const later = NOW + 365 * 24 * 3600_000;
    expect(rejectionOf(reading(NOW), later).reason).toBe('TS_TOO_OLD');
    expect(parsedReadings(reading(later), later)).toHaveLength(1);
  });
});

describe('ISO-8601 timestamps are real instants', () => {
  it.each(['2025-05-31T12:00:00Z', '2025-05-31T20:00:00+08:00', '2024-02-29T00:00:00Z'])(
    'accepts %s',
    (ts) => {
      expect(parseIsoInstant(ts)).toBe(Date.parse(ts));
    },
  );

  it.each([
    '2025-02-29T12:00:00Z',
    '2025-04-31T12:00:00Z',
    '2025-05-31T24:00:00Z',
    '2025-05-31T12:60:00Z',
    '2025-13-01T00:00:00Z',
    '2025-05-31T12:00:60Z',
  ])('refuses %s instead of rolling it over', (ts) => {
    expect(parseIsoInstant(ts)).toBeNaN();
    const payload = JSON.stringify({ ts, values: { lel: 1 } });
    expect(rejectionOf(payload, NOW).reason).toBe('BAD_TIMESTAMP');
    expect(
      new CompiledTelemetryValidator().validate(Buffer.from(payload), 'combustible-gas', NOW),
    ).toMatchObject({
      ok: false,
      rejection: { reason: 'BAD_TIMESTAMP' },
    });
  });
});

describe('parseTelemetryPayload — rejections say where and why', () => {
  it('gives the index of the failing element of an array, even for a one-element array', () => {
    expect(rejectionOf('[{"ts":"now","values":{"lel":1}}]')).toMatchObject({
      reason: 'BAD_TIMESTAMP',
      index: 0,
    });
  });

  it('gives no index when the payload is a single object', () => {
    expect(rejectionOf('{"ts":"now","values":{"lel":1}}')).not.toHaveProperty('index');
  });

  it('reports the first bad element of a batch, not a later one', () => {
    const batch = JSON.stringify([
      { ts: NOW - 3000, values: { lel: 1 } },
      { ts: NOW - 2000, values: { lel: null } },
      { ts: 'garbage', values: { lel: 1 } },
    ]);
    expect(rejectionOf(batch)).toMatchObject({ reason: 'WRONG_TYPE', index: 1 });
  });

  it('names the unexpected field', () => {
    expect(rejectionOf(fixture(NOT_OK_DIR, 'extra-field.json')).detail).toContain('"deviceId"');
  });

  it('names the metric and the type that was sent', () => {
    expect(rejectionOf(fixture(NOT_OK_DIR, 'value-null.json')).detail).toBe(
      'lel must be a number or boolean, got null',
    );
    expect(rejectionOf('{"ts":1748779140000,"values":{"lel":[1]}}').detail).toContain('got array');
    expect(rejectionOf('{"ts":1748779140000,"values":{"lel":{"v":1}}}').reason).toBe('WRONG_TYPE');
  });

  it('refuses a __proto__ key as an unexpected field instead of letting it through', () => {
    expect(rejectionOf('{"ts":1748779140000,"values":{"lel":1},"__proto__":{"x":1}}').reason).toBe(
      'WRONG_SHAPE',
    );
  });

  it.each(['null', '"lel=3.2"', 'true', '[[{"ts":1748779140000,"values":{"lel":1}}]]'])(
    'refuses %s as a reading shape',
    (payload) => {
      expect(rejectionOf(payload).reason).toBe('WRONG_SHAPE');
    },
  );

  it('refuses an empty payload as malformed JSON', () => {
    expect(rejectionOf('').reason).toBe('MALFORMED_JSON');
  });
});

describe('parseTelemetryPayload — HJ 212 data flags', () => {
  const ts = NOW - 60_000;

  it('keeps the flags other than N, and leaves flags out when every value is normal', () => {
    expect(
      parsedReadings(JSON.stringify({ ts, values: { cod: 0, ph: 7.1 }, flags: { cod: 'D', ph: 'N' } })),
    ).toEqual([{ ts, values: { cod: 0, ph: 7.1 }, flags: { cod: 'D' } }]);
    expect(parsedReadings(JSON.stringify({ ts, values: { cod: 20 }, flags: { cod: 'N' } }))).toEqual([
      { ts, values: { cod: 20 } },
    ]);
    expect(parsedReadings(JSON.stringify({ ts, values: { cod: 20 }, flags: {} }))).toEqual([
      { ts, values: { cod: 20 } },
    ]);
  });

  it('accepts each flag of HJ 212-2017 table 8', () => {
    for (const flag of ['N', 'F', 'M', 'S', 'D', 'C', 'T', 'B'])
      expect(parsedReadings(JSON.stringify({ ts, values: { cod: 1 }, flags: { cod: flag } }))).toHaveLength(
        1,
      );
  });

  it.each([
    ['a lower-case flag', { cod: 'd' }, /flags\.cod must be one of N, F, M, S, D, C, T, B/],
    ['a flag that is not a string', { cod: 1 }, /flags\.cod must be one of/],
    ['a flag for a value the reading lacks', { nh3n: 'D' }, /flags\.nh3n names no value/],
    ['flags as an array', ['D'], /flags must be an object/],
  ])('refuses %s as WRONG_SHAPE', (_label, flags, detail) => {
    const rejection = rejectionOf(JSON.stringify({ ts, values: { cod: 20 }, flags }));
    expect(rejection.reason).toBe('WRONG_SHAPE');
    expect(rejection.detail).toMatch(detail);
  });

  it('gives the index of the array element whose flags are wrong', () => {
    const payload = JSON.stringify([
      { ts, values: { cod: 1 }, flags: { cod: 'C' } },
      { ts, values: { cod: 2 }, flags: { cod: 'Q' } },
    ]);
    expect(rejectionOf(payload)).toMatchObject({ reason: 'WRONG_SHAPE', index: 1 });
  });
});

describe('checkReadingsForKind', () => {
  const at = (values: Record<string, number | boolean>, ts = NOW): DeviceReading => ({ ts, values });

  it('accepts the edges of a physical range', () => {
    expect(checkReadingsForKind('combustible-gas', [at({ lel: 0 }), at({ lel: 100 })])).toBeNull();
    expect(checkReadingsForKind('power-meter', [at({ pf: -1 }), at({ pf: 1 })])).toBeNull();
    expect(checkReadingsForKind('wastewater', [at({ ph: 0 }), at({ ph: 14 })])).toBeNull();
  });

  it('states the range and unit in an OUT_OF_RANGE detail', () => {
    expect(checkReadingsForKind('combustible-gas', [at({ lel: 120 })])).toEqual({
      reason: 'OUT_OF_RANGE',
      detail: 'lel = 120 is outside [0, 100] %LEL',
      index: undefined,
    });
  });

  it('refuses a negative energy counter, which has no upper bound but a lower one', () => {
    expect(checkReadingsForKind('power-meter', [at({ kwh: -0.1 })])?.reason).toBe('OUT_OF_RANGE');
    expect(checkReadingsForKind('power-meter', [at({ kwh: 1e12 })])).toBeNull();
  });

  it('lists the metrics the kind does have when one is unknown', () => {
    const rejection = checkReadingsForKind('toxic-gas', [at({ ch4: 1 })]);
    expect(rejection?.reason).toBe('UNKNOWN_METRIC');
    expect(rejection?.detail).toContain('h2s, co');
  });

  it('does not mistake inherited object properties for metrics', () => {
    expect(checkReadingsForKind('combustible-gas', [at({ constructor: 1 })])?.reason).toBe('UNKNOWN_METRIC');
    expect(checkReadingsForKind('combustible-gas', [at({ toString: 1 })])?.reason).toBe('UNKNOWN_METRIC');
  });

  it('points at the failing reading of a batch, and gives no index for a single reading', () => {
    const batch = [at({ temp: 20 }), at({ temp: 21 }), at({ temp: -100 })];
    expect(checkReadingsForKind('temperature', batch)).toMatchObject({ reason: 'OUT_OF_RANGE', index: 2 });
    expect(checkReadingsForKind('temperature', [at({ temp: -100 })])?.index).toBeUndefined();
  });

  it('checks each metric of a multi-metric reading', () => {
    expect(checkReadingsForKind('stack-gas', [at({ so2: 35, nox: 120, o2: 26 })])).toMatchObject({
      reason: 'OUT_OF_RANGE',
      detail: expect.stringContaining('o2 = 26') as unknown,
    });
  });
});

describe('encodeRawPayload', () => {
  it('keeps UTF-8 text, Chinese included, as text', () => {
    const text = '{"ts":1748779140000,"values":{"温度":36.5}}';
    expect(encodeRawPayload(Buffer.from(text))).toEqual({ payload: text, payloadEncoding: 'utf8' });
  });

  it.each([
    ['GBK text', Buffer.from([0x7b, 0xce, 0xc2, 0xb6, 0xc8, 0x7d])],
    ['an overlong encoding of "/"', Buffer.from([0xc0, 0xaf])],
    ['a lone continuation byte', Buffer.from([0x80])],
    ['a truncated 3-byte sequence', Buffer.from([0x7b, 0xe6, 0xb8])],
    ['an encoded UTF-16 surrogate', Buffer.from([0xed, 0xa0, 0x80])],
  ])('turns %s into base64 that decodes to the same bytes', (_label, bytes) => {
    const encoded = encodeRawPayload(bytes);
    expect(encoded.payloadEncoding).toBe('base64');
    expect(Buffer.from(encoded.payload, 'base64').equals(bytes)).toBe(true);
  });

  it('round-trips every single byte value', () => {
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const encoded = encodeRawPayload(all);
    expect(encoded.payloadEncoding).toBe('base64');
    expect(Buffer.from(encoded.payload, 'base64').equals(all)).toBe(true);
  });

  it('encodes only the bytes of a view, not the whole underlying buffer', () => {
    const pool = Buffer.from('xxxx{"lel":1}yyyy');
    const view = new Uint8Array(pool.buffer, pool.byteOffset + 4, 9);
    expect(encodeRawPayload(view)).toEqual({ payload: '{"lel":1}', payloadEncoding: 'utf8' });
  });

  it('encodes an empty payload as empty text', () => {
    expect(encodeRawPayload(new Uint8Array(0))).toEqual({ payload: '', payloadEncoding: 'utf8' });
  });
});

describe('decodeTelemetryRecord', () => {
  const record: TelemetryRecord = {
    v: 1,
    deviceId: 'pm-01',
    enterpriseId: 'ent-1',
    kind: 'power-meter',
    role: 'pollution-control',
    line: 'line-2',
    ts: NOW - 60_000,
    values: { kw: 412.5, kwh: 1203345.7 },
    receivedAt: NOW,
  };
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value));

  it('returns exactly what the producer sent', () => {
    expect(decodeTelemetryRecord(encode(record))).toEqual(record);
  });

  it('accepts null role and line, and boolean values', () => {
    const smoke = { ...record, kind: 'smoke', role: null, line: null, values: { smoke: true, fire: false } };
    expect(decodeTelemetryRecord(encode(smoke))).toEqual(smoke);
  });

  it('drops fields that are not part of the contract', () => {
    expect(decodeTelemetryRecord(encode({ ...record, debug: 'x' }))).not.toHaveProperty('debug');
  });

  it('carries the flagged values’ qualities, and has no flags field when none is flagged', () => {
    const flagged = { ...record, flags: { kw: 'D' } };
    expect(decodeTelemetryRecord(encode(flagged))).toEqual(flagged);
    expect(decodeTelemetryRecord(encode({ ...record, flags: { kw: 'N' } }))).not.toHaveProperty('flags');
  });

  it.each<[string, Buffer | null, RegExp]>([
    ['a tombstone (null value)', null, /no value/],
    ['not JSON', Buffer.from('{"v":1,'), /not JSON/],
    ['another contract version', encode({ ...record, v: 2 }), /not contract v1/],
    ['an array', encode([record]), /not contract v1/],
    ['no deviceId', encode({ ...record, deviceId: undefined }), /deviceId/],
    ['a numeric enterpriseId', encode({ ...record, enterpriseId: 7 }), /enterpriseId/],
    ['an unknown kind', encode({ ...record, kind: 'water-meter' }), /unknown kind water-meter/],
    ['an unknown role', encode({ ...record, role: 'lighting' }), /unknown role/],
    ['a missing role', encode({ ...record, role: undefined }), /unknown role/],
    ['a numeric line', encode({ ...record, line: 2 }), /line is not a string/],
    ['an ISO ts', encode({ ...record, ts: '2025-06-01T12:00:00Z' }), /timestamps/],
    ['no receivedAt', encode({ ...record, receivedAt: undefined }), /timestamps/],
    ['values as an array', encode({ ...record, values: [1] }), /values is not an object/],
    ['a string value', encode({ ...record, values: { kw: '1' } }), /non-finite/],
    ['an infinite value', Buffer.from(JSON.stringify(record).replace('412.5', '1e999')), /non-finite/],
    ['an unknown data flag', encode({ ...record, flags: { kw: 'Z' } }), /flags\.kw must be one of/],
    ['a flag without its value', encode({ ...record, flags: { pf: 'D' } }), /flags\.pf names no value/],
  ])('refuses %s with a ContractViolation', (_label, value, message) => {
    expect(() => decodeTelemetryRecord(value)).toThrow(ContractViolation);
    expect(() => decodeTelemetryRecord(value)).toThrow(message);
  });
});

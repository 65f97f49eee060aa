import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CompiledTelemetryValidator } from './compiled-validation';
import {
  DEFAULT_TELEMETRY_LIMITS,
  checkReadingsForKind,
  parseTelemetryPayload,
  type ParseResult,
} from './telemetry';
import { DEVICE_KIND_NAMES, isDeviceKind, type DeviceKind } from './device-kinds';

const NOW = Date.parse('2025-06-01T12:00:00Z'); // the golden fixtures' clock
const FIXTURES = resolve(__dirname, '../../../test/fixtures');

/** The reference: the hand-written checks, in the order ingestion applies them. */
function reference(
  payload: Buffer,
  kind: DeviceKind,
  now: number,
  limits = DEFAULT_TELEMETRY_LIMITS,
): ParseResult {
  const parsed = parseTelemetryPayload(payload, now, limits);
  if (!parsed.ok) return parsed;
  const problem = checkReadingsForKind(kind, parsed.readings);
  return problem ? { ok: false, rejection: problem } : parsed;
}

describe('CompiledTelemetryValidator', () => {
  const validator = new CompiledTelemetryValidator();

  it('accepts every golden ok fixture with the same readings as the hand-written checks', () => {
    for (const file of readdirSync(join(FIXTURES, 'ok'))) {
      const kind = file.split('.')[0];
      if (!isDeviceKind(kind)) throw new Error(`fixture ${file} is not named after a device kind`);
      const payload = readFileSync(join(FIXTURES, 'ok', file));
      const result = validator.validate(payload, kind, NOW);
      expect({ file, result }).toEqual({ file, result: reference(payload, kind, NOW) });
      expect(result.ok).toBe(true);
    }
  });

  it('refuses every golden not-ok fixture with the reason code the hand-written checks give', () => {
    const expected = JSON.parse(readFileSync(join(FIXTURES, 'not-ok/expected.json'), 'utf8')) as Record<
      string,
      { reason: string; kind: DeviceKind; limits?: object }
    >;
    for (const [file, e] of Object.entries(expected)) {
      if (e.limits) continue; // fixtures exercising non-default limits are covered by telemetry.spec.ts
      const payload = readFileSync(join(FIXTURES, 'not-ok', file));
      const result = validator.validate(payload, e.kind, NOW);
      expect({ file, result }).toEqual({ file, result: reference(payload, e.kind, NOW) });
      expect({ file, reason: result.ok ? 'ok' : result.rejection.reason }).toEqual({
        file,
        reason: e.reason,
      });
    }
  });

  it('agrees with the hand-written checks on thousands of randomly mutated payloads', () => {
    // fast-check: a disagreement is shrunk to a small payload and reported with its seed and path; replay it with
    // fc.assert(…, { seed, path }).
    const values: unknown[] = [0, 1.5, -3, 25, 51, 101, 1e6, 1e12, true, false, null, 'x', [], {}];
    const names = ['kw', 'kwh', 'lel', 'so2', 'o2', 'ph', 'smoke', 'temp', 'bogus'];
    const stamps: unknown[] = [
      NOW,
      NOW - 1000,
      NOW + 10 * 60_000,
      NOW - 100 * 86_400_000,
      1748779200,
      '2025-06-01T20:00:00+08:00',
      '2025-06-01T12:00:00',
      'soon',
      -5,
      1.5e12 + 0.5,
    ];
    /** `arb` about `percent` % of the time, else undefined. */
    const sometimes = <T>(percent: number, arb: fc.Arbitrary<T>) =>
      fc.oneof(
        { weight: 100 - percent, arbitrary: fc.constant(undefined) },
        { weight: percent, arbitrary: arb },
      );
    const chance = (percent: number) => sometimes(percent, fc.constant(true)).map((x) => x === true);
    const reading = fc
      .record({
        ts: fc.constantFrom(...stamps),
        values: fc.array(fc.tuple(fc.constantFrom(...names), fc.constantFrom(...values)), { maxLength: 2 }),
        extra: chance(5),
        noTs: chance(5),
        // HJ 212 data flags: valid, N, unknown letters, non-strings, for metrics present or not.
        flags: sometimes(
          20,
          fc.record({
            own: fc.array(fc.constantFrom<unknown>('N', 'D', 'T', 'M', 'x', 1), {
              minLength: 2,
              maxLength: 2,
            }),
            stray: sometimes(30, fc.tuple(fc.constantFrom(...names), fc.constantFrom('C', 'B'))),
            asArray: chance(5),
          }),
        ),
      })
      .map(({ ts, values: pairs, extra, noTs, flags }) => {
        const r: Record<string, unknown> = { ts, values: Object.fromEntries(pairs) };
        if (extra) r.extra = 1;
        if (noTs) delete r.ts;
        if (flags) {
          const byName: Record<string, unknown> = {};
          Object.keys(r.values as object).forEach((name, i) => (byName[name] = flags.own[i]));
          if (flags.stray) byName[flags.stray[0]] = flags.stray[1];
          r.flags = flags.asArray ? ['D'] : byName;
        }
        return r;
      });
    const body = fc.oneof(
      { weight: 7, arbitrary: reading },
      { weight: 3, arbitrary: fc.array(reading, { maxLength: 2 }) },
    );
    fc.assert(
      fc.property(body, fc.constantFrom(...DEVICE_KIND_NAMES), (b, kind) => {
        const payload = Buffer.from(JSON.stringify(b));
        expect(validator.validate(payload, kind, NOW)).toEqual(reference(payload, kind, NOW));
      }),
      { numRuns: 5000 },
    );
  });
});

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
    let seed = 42;
    const rand = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
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
    for (let i = 0; i < 5000; i++) {
      const reading = () => {
        const r: Record<string, unknown> = { ts: pick(stamps), values: {} };
        const n = Math.floor(rand() * 3);
        for (let k = 0; k < n; k++) (r.values as Record<string, unknown>)[pick(names)] = pick(values);
        if (rand() < 0.05) r.extra = 1;
        if (rand() < 0.05) delete r.ts;
        if (rand() < 0.2) {
          // HJ 212 data flags: valid, N, unknown letters, non-strings, for metrics present or not.
          const flags: Record<string, unknown> = {};
          for (const name of Object.keys(r.values as object))
            flags[name] = pick(['N', 'D', 'T', 'M', 'x', 1]);
          if (rand() < 0.3) flags[pick(names)] = pick(['C', 'B']);
          r.flags = rand() < 0.05 ? ['D'] : flags;
        }
        return r;
      };
      const body = rand() < 0.3 ? Array.from({ length: Math.floor(rand() * 3) }, reading) : reading();
      const kind = pick(DEVICE_KIND_NAMES);
      const payload = Buffer.from(JSON.stringify(body));
      expect({ body, kind, result: validator.validate(payload, kind, NOW) }).toEqual({
        body,
        kind,
        result: reference(payload, kind, NOW),
      });
    }
  });
});

import {
  checkReadingsForKind,
  DEFAULT_TELEMETRY_LIMITS,
  DEVICE_KIND_NAMES,
  parseTelemetryPayload,
  type DeviceKind,
  type RejectReason,
} from '@park/contracts';
import { BAD_PAYLOAD_VARIANTS, badPayload } from './bad-payloads';
import { createDeviceModel } from './device-model';
import { Rng } from './prng';
import { DeviceScenarios } from './scenarios';

const NOW = Date.parse('2025-03-03T10:00:00+08:00');

/** What ingestion would say: the parse verdict, then the kind check. */
function verdict(kind: DeviceKind, payload: Buffer, now: number): RejectReason | 'OK' {
  const parsed = parseTelemetryPayload(payload, now);
  if (!parsed.ok) return parsed.rejection.reason;
  return checkReadingsForKind(kind, parsed.readings)?.reason ?? 'OK';
}

describe('bad payloads', () => {
  const kinds = DEVICE_KIND_NAMES;

  it.each(kinds)('every variant for a %s is rejected with the reason it is meant to trigger', (kind) => {
    const model = createDeviceModel(
      { kind, role: kind === 'power-meter' ? 'production' : null, schedule: null, params: {} },
      new Rng(kind),
    );
    const values = model.read(NOW, new DeviceScenarios());
    expect(verdict(kind, Buffer.from(JSON.stringify({ ts: NOW, values })), NOW)).toBe('OK');
    for (const variant of BAD_PAYLOAD_VARIANTS) {
      const bad = badPayload(kind, NOW, NOW, values, new Rng(variant), variant);
      expect({ variant, reason: verdict(kind, bad.payload, NOW) }).toEqual({ variant, reason: bad.expected });
    }
  });

  it('sends future timestamps ahead of the real clock even when sim time runs hours behind it', () => {
    const simTs = NOW - 6 * 3_600_000;
    const bad = badPayload('combustible-gas', simTs, NOW, { lel: 1 }, new Rng(1), 'ts-in-future');
    expect(verdict('combustible-gas', bad.payload, NOW)).toBe('TS_IN_FUTURE');
  });

  it('makes oversize payloads bigger than the platform limit, out of otherwise valid readings', () => {
    const bad = badPayload('combustible-gas', NOW, NOW, { lel: 1.2 }, new Rng(1), 'oversize');
    expect(bad.payload.byteLength).toBeGreaterThan(DEFAULT_TELEMETRY_LIMITS.maxPayloadBytes);
    const generous = {
      ...DEFAULT_TELEMETRY_LIMITS,
      maxPayloadBytes: 10 * 1024 * 1024,
      maxReadingsPerMessage: 1e6,
    };
    expect(parseTelemetryPayload(bad.payload, NOW, generous).ok).toBe(true);
  });

  it('picks among all variants when none is asked for', () => {
    const rng = new Rng(5);
    const seen = new Set(
      Array.from({ length: 200 }, () => badPayload('temperature', NOW, NOW, { temp: 20 }, rng).variant),
    );
    expect([...seen].sort()).toEqual([...BAD_PAYLOAD_VARIANTS].sort());
  });
});

import type { TelemetryRecord } from '@park/contracts';
import { foldTelemetryUpdates, telemetryUpdateOf } from './telemetry-update';

const record = (
  ts: number,
  values: TelemetryRecord['values'],
  kind: TelemetryRecord['kind'] = 'power-meter',
  flags?: TelemetryRecord['flags'],
) =>
  ({
    ...(flags ? { flags } : {}),
    v: 1,
    deviceId: 'meter-1',
    enterpriseId: 'ent-a',
    kind,
    role: 'production',
    line: 'line-1',
    ts,
    values,
    receivedAt: ts + 5,
  }) satisfies TelemetryRecord;

describe('telemetryUpdateOf', () => {
  it('carries the values with the unit of each numeric metric, and nothing of the enrichment the web does not need', () => {
    expect(telemetryUpdateOf(record(1000, { kw: 12.5, kwh: 100, pf: 0.92 }))).toEqual({
      v: 1,
      deviceId: 'meter-1',
      enterpriseId: 'ent-a',
      kind: 'power-meter',
      ts: 1000,
      values: { kw: 12.5, kwh: 100, pf: 0.92 },
      units: { kw: 'kW', kwh: 'kWh', pf: '' },
    });
  });

  it('gives boolean metrics no unit', () => {
    expect(telemetryUpdateOf(record(1000, { smoke: false, fire: true }, 'smoke')).units).toEqual({});
  });
});

describe('foldTelemetryUpdates', () => {
  it("keeps each metric's newest value and the newest reading's time", () => {
    const held = telemetryUpdateOf(record(1000, { kw: 10, kwh: 100 }));
    const incoming = telemetryUpdateOf(record(2000, { kw: 11 }));
    expect(foldTelemetryUpdates(held, incoming)).toMatchObject({
      ts: 2000,
      values: { kw: 11, kwh: 100 },
      units: { kw: 'kW', kwh: 'kWh' },
    });
  });

  it('does not let an older reading that arrives late overwrite newer values', () => {
    const held = telemetryUpdateOf(record(2000, { kw: 11 }));
    const late = telemetryUpdateOf(record(1000, { kw: 10, kwh: 100 }));
    expect(foldTelemetryUpdates(held, late)).toMatchObject({ ts: 2000, values: { kw: 11, kwh: 100 } });
  });

  it('takes the later arrival when two readings have the same time', () => {
    const held = telemetryUpdateOf(record(1000, { kw: 10 }));
    const again = telemetryUpdateOf(record(1000, { kw: 12 }));
    expect(foldTelemetryUpdates(held, again).values).toEqual({ kw: 12 });
  });

  it('carries each value’s data flag, and a value taken from the newer reading keeps only the newer flag', () => {
    const calibrating = telemetryUpdateOf(record(1000, { so2: 40, nox: 90 }, 'stack-gas', { so2: 'C' }));
    expect(calibrating.flags).toEqual({ so2: 'C' });
    expect(telemetryUpdateOf(record(1000, { kw: 10 })).flags).toBeUndefined();

    const normalAgain = telemetryUpdateOf(record(2000, { so2: 35 }, 'stack-gas'));
    expect(foldTelemetryUpdates(calibrating, normalAgain).flags).toBeUndefined();

    const noxFault = telemetryUpdateOf(record(2000, { nox: 0 }, 'stack-gas', { nox: 'D' }));
    expect(foldTelemetryUpdates(calibrating, noxFault)).toMatchObject({
      values: { so2: 40, nox: 0 },
      flags: { so2: 'C', nox: 'D' },
    });
    // A late, older reading does not put its flag on a newer value.
    expect(foldTelemetryUpdates(normalAgain, calibrating)).toMatchObject({ values: { so2: 35, nox: 90 } });
    expect(foldTelemetryUpdates(normalAgain, calibrating).flags).toBeUndefined();
  });
});

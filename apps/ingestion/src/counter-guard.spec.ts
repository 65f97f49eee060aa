import type { DeviceReading, MetricValue } from '@park/contracts';
import { CounterGuard } from './counter-guard';

const T0 = Date.parse('2025-06-01T12:00:00Z');
const MIN = 60_000;

const at = (minutes: number, values: Record<string, MetricValue>): DeviceReading => ({
  ts: T0 + minutes * MIN,
  values,
});

describe('CounterGuard', () => {
  let guard: CounterGuard;

  beforeEach(() => {
    guard = new CounterGuard();
  });

  it('accepts an energy total that only goes up (or stays put)', () => {
    expect(guard.check('pm-01', 'power-meter', [at(0, { kwh: 1000 })])).toBeNull();
    expect(guard.check('pm-01', 'power-meter', [at(1, { kwh: 1000 })])).toBeNull();
    expect(guard.check('pm-01', 'power-meter', [at(2, { kwh: 1000.4 })])).toBeNull();
  });

  it('rejects kWh going backwards, saying from what to what', () => {
    guard.check('pm-01', 'power-meter', [at(0, { kwh: 1203345.7 })]);
    expect(guard.check('pm-01', 'power-meter', [at(1, { kwh: 12.3 })])).toEqual({
      reason: 'COUNTER_BACKWARDS',
      detail: 'kwh went from 1203345.7 to 12.3 (meter replaced or rolled over?)',
      index: undefined,
    });
  });

  it('takes the backwards value as the new baseline, so a replaced meter’s next reading passes', () => {
    guard.check('pm-01', 'power-meter', [at(0, { kwh: 1203345.7 })]);
    expect(guard.check('pm-01', 'power-meter', [at(1, { kwh: 12.3 })])?.reason).toBe('COUNTER_BACKWARDS');
    expect(guard.check('pm-01', 'power-meter', [at(2, { kwh: 12.9 })])).toBeNull();
    expect(guard.check('pm-01', 'power-meter', [at(3, { kwh: 12.8 })])?.reason).toBe('COUNTER_BACKWARDS');
  });

  it('lets a late, older reading through without moving the baseline', () => {
    guard.check('pm-01', 'power-meter', [at(10, { kwh: 500 })]);
    // Buffered on the device, delivered late: older and smaller, which is consistent.
    expect(guard.check('pm-01', 'power-meter', [at(5, { kwh: 480 })])).toBeNull();
    // The baseline is still 500 @ +10 min: 490 later on is backwards, 501 is not.
    expect(guard.check('pm-01', 'power-meter', [at(11, { kwh: 490 })])?.reason).toBe('COUNTER_BACKWARDS');
    guard = new CounterGuard();
    guard.check('pm-01', 'power-meter', [at(10, { kwh: 500 })]);
    guard.check('pm-01', 'power-meter', [at(5, { kwh: 480 })]);
    expect(guard.check('pm-01', 'power-meter', [at(11, { kwh: 501 })])).toBeNull();
  });

  it('ignores metrics that are not counters, however they move', () => {
    guard.check('pm-01', 'power-meter', [at(0, { kw: 400, voltage: 380, current: 600, pf: 0.95 })]);
    expect(
      guard.check('pm-01', 'power-meter', [at(1, { kw: -20, voltage: 0, current: 0, pf: -0.3 })]),
    ).toBeNull();
    guard.check('ww-01', 'wastewater', [at(0, { flow: 120 })]);
    expect(guard.check('ww-01', 'wastewater', [at(1, { flow: 0 })])).toBeNull();
    guard.check('gas-01', 'combustible-gas', [at(0, { lel: 30 })]);
    expect(guard.check('gas-01', 'combustible-gas', [at(1, { lel: 2 })])).toBeNull();
  });

  it('keeps each meter’s baseline to itself', () => {
    guard.check('pm-01', 'power-meter', [at(0, { kwh: 90_000 })]);
    expect(guard.check('pm-02', 'power-meter', [at(1, { kwh: 15 })])).toBeNull();
    expect(guard.check('pm-01', 'power-meter', [at(2, { kwh: 90_001 })])).toBeNull();
  });

  it('checks readings within one batch against each other, and points at the one that went back', () => {
    const batch = [at(0, { kwh: 100 }), at(1, { kwh: 101 }), at(2, { kwh: 50 }), at(3, { kwh: 51 })];
    expect(guard.check('pm-01', 'power-meter', batch)).toMatchObject({
      reason: 'COUNTER_BACKWARDS',
      index: 2,
    });
    // The batch moved the baseline to its newest reading, 51 @ +3 min.
    expect(guard.check('pm-01', 'power-meter', [at(4, { kwh: 51.5 })])).toBeNull();
  });

  it('reports the first backwards step of a batch, not a later one', () => {
    guard.check('pm-01', 'power-meter', [at(0, { kwh: 100 })]);
    const batch = [at(1, { kwh: 90 }), at(2, { kwh: 80 })];
    expect(guard.check('pm-01', 'power-meter', batch)).toMatchObject({
      index: 0,
      detail: expect.stringContaining('100 to 90') as unknown,
    });
  });

  it('starts from whatever the first reading says', () => {
    expect(guard.check('pm-01', 'power-meter', [at(0, { kwh: 0 })])).toBeNull();
  });
});

import { Rng } from './prng';
import {
  CombustibleGasModel,
  LevelModel,
  PressureModel,
  SafetyIoModel,
  SmokeModel,
  TemperatureModel,
  ToxicGasModel,
} from './safety-sensors';
import { DeviceScenarios } from './scenarios';

const MONDAY = Date.parse('2025-03-03T00:00:00+08:00');
const SEC = 1000;
const MIN = 60 * SEC;

/** Readings every 10 s (a gas detector's interval) from `from` for `minutes`. */
function lel(model: CombustibleGasModel, scenarios: DeviceScenarios, from: number, minutes: number) {
  const out: { t: number; lel: number }[] = [];
  for (let t = from; t < from + minutes * MIN; t += 10 * SEC)
    out.push({ t, lel: model.read(t, scenarios).lel });
  return out;
}

describe('combustible gas detector', () => {
  it('reads 0–2 %LEL of zero drift and noise in normal operation', () => {
    const readings = lel(new CombustibleGasModel(new Rng(1)), new DeviceScenarios(), MONDAY, 24 * 60);
    expect(Math.min(...readings.map((r) => r.lel))).toBeGreaterThanOrEqual(0);
    expect(Math.max(...readings.map((r) => r.lel))).toBeLessThanOrEqual(2);
    expect(new Set(readings.map((r) => r.lel)).size).toBeGreaterThan(5);
  });

  it.each([1, 2, 3, 4, 5])(
    'under gas-leak rises over minutes past 25 %%LEL and then past 50 (seed %d)',
    (seed) => {
      const scenarios = new DeviceScenarios();
      const start = MONDAY + 10 * 3_600_000;
      scenarios.start('gas-leak', start, { peakLel: 80 });
      const readings = lel(new CombustibleGasModel(new Rng(seed)), scenarios, start - 2 * MIN, 30);
      const first = (level: number) => readings.find((r) => r.lel >= level)!.t - start;
      expect(readings.filter((r) => r.t < start).every((r) => r.lel <= 2)).toBe(true);
      expect(first(25)).toBeGreaterThan(1 * MIN);
      expect(first(25)).toBeLessThan(3 * MIN);
      expect(first(50)).toBeGreaterThan(first(25) + MIN);
      expect(first(50)).toBeLessThan(7 * MIN);
      expect(Math.max(...readings.map((r) => r.lel))).toBeLessThanOrEqual(100);
      // It stays up while the leak lasts.
      expect(readings.filter((r) => r.t > start + 15 * MIN).every((r) => r.lel > 50)).toBe(true);
    },
  );

  it('levels off at the chosen peak: a small leak passes 25 but never 50', () => {
    const scenarios = new DeviceScenarios();
    scenarios.start('gas-leak', MONDAY, { peakLel: 35 });
    const readings = lel(new CombustibleGasModel(new Rng(2)), scenarios, MONDAY, 60);
    expect(readings.some((r) => r.lel >= 25)).toBe(true);
    expect(readings.every((r) => r.lel < 50)).toBe(true);
  });

  it('clears within minutes once the leak is stopped', () => {
    const scenarios = new DeviceScenarios();
    scenarios.start('gas-leak', MONDAY, { peakLel: 80 });
    scenarios.stop('gas-leak', MONDAY + 20 * MIN);
    const readings = lel(new CombustibleGasModel(new Rng(3)), scenarios, MONDAY + 20 * MIN, 20);
    expect(readings[0].lel).toBeGreaterThan(50);
    expect(readings.find((r) => r.t >= MONDAY + 35 * MIN)!.lel).toBeLessThan(5);
  });
});

describe('other safety sensors', () => {
  it('reads low single-digit ppm of H₂S and CO', () => {
    const model = new ToxicGasModel(new Rng(1));
    for (let t = MONDAY; t < MONDAY + 86_400_000; t += 10 * MIN) {
      const { h2s, co } = model.read(t);
      expect(h2s).toBeGreaterThanOrEqual(0);
      expect(h2s).toBeLessThanOrEqual(1.5);
      expect(co).toBeGreaterThanOrEqual(0);
      expect(co).toBeLessThanOrEqual(6);
    }
  });

  it('swings ambient temperature through the day, warmest in the afternoon', () => {
    const model = new TemperatureModel({ baseline: 22, diurnal: 4 }, new Rng(1));
    const afternoon = Date.parse('2025-03-03T14:00:00+08:00');
    const beforeDawn = Date.parse('2025-03-03T02:00:00+08:00');
    expect(model.read(beforeDawn).temp).toBeLessThan(21);
    expect(model.read(afternoon).temp).toBeGreaterThan(23);
  });

  it('holds a process pressure near its set-point', () => {
    const model = new PressureModel({ baseline: 250 }, new Rng(1));
    for (let t = MONDAY; t < MONDAY + 86_400_000; t += 10 * MIN) {
      expect(Math.abs(model.read(t).pressure - 250)).toBeLessThan(15);
    }
  });

  it('drives a vessel past 1.4× its set-point during an overpressure, and vents it back after', () => {
    const scenarios = new DeviceScenarios();
    scenarios.start('overpressure', MONDAY, { factor: 1.5 });
    const model = new PressureModel({ baseline: 250 }, new Rng(1));
    expect(model.read(MONDAY + MIN, scenarios).pressure).toBeLessThan(300);
    expect(model.read(MONDAY + 10 * MIN, scenarios).pressure).toBeGreaterThan(350);
    scenarios.stop('overpressure', MONDAY + 20 * MIN);
    expect(model.read(MONDAY + 40 * MIN, scenarios).pressure).toBeLessThan(265);
  });

  it('keeps a tank level between its low and high set points in normal operation', () => {
    const model = new LevelModel({ baseline: 60 }, new Rng(1));
    for (let t = MONDAY; t < MONDAY + 7 * 86_400_000; t += 10 * MIN) {
      const { level } = model.read(t);
      expect(level).toBeGreaterThan(15);
      expect(level).toBeLessThan(85);
    }
  });

  it("raises a gas detector's fault output for a detector-fault episode only", () => {
    const scenarios = new DeviceScenarios();
    scenarios.start('detector-fault', MONDAY + MIN, { durationMs: 5 * MIN }, 5 * MIN);
    const gas = new CombustibleGasModel(new Rng(1));
    expect(gas.read(MONDAY, scenarios).fault).toBe(false);
    expect(gas.read(MONDAY + 2 * MIN, scenarios).fault).toBe(true);
    expect(gas.read(MONDAY + 6 * MIN, scenarios).fault).toBe(false);
    expect(new ToxicGasModel(new Rng(1)).read(MONDAY + 2 * MIN, scenarios).fault).toBe(true);
  });

  it('reports no smoke, fire or flame in normal operation', () => {
    expect(new SmokeModel().read(MONDAY, new DeviceScenarios())).toEqual({
      smoke: false,
      fire: false,
      flame: false,
    });
  });

  it('reports smoke and fire for as long as a fire-alarm episode lasts, and normal again after it', () => {
    const scenarios = new DeviceScenarios();
    scenarios.start('fire-alarm', MONDAY + MIN, { durationMs: 10 * MIN }, 10 * MIN);
    const model = new SmokeModel();
    expect(model.read(MONDAY, scenarios).smoke).toBe(false);
    expect(model.read(MONDAY + MIN, scenarios)).toEqual({ smoke: true, fire: true, flame: false });
    expect(model.read(MONDAY + 10 * MIN, scenarios).fire).toBe(true);
    expect(model.read(MONDAY + 11 * MIN, scenarios)).toEqual({ smoke: false, fire: false, flame: false });
  });

  it('reports the safety interlocks at rest: no emergency stop, door closed, valve open', () => {
    expect(new SafetyIoModel().read()).toEqual({ estop: false, door: false, valve: 1 });
  });
});

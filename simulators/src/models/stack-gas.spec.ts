import { SCHEDULE_PRESETS } from './load-profile';
import { Rng } from './prng';
import { DeviceScenarios } from './scenarios';
import {
  correctedToReferenceO2,
  GAS_BOILER_SPECIAL_LIMITS,
  StackGasModel,
  type StackGasReading,
} from './stack-gas';
import { WASTEWATER_GRADE_1_LIMITS, WastewaterModel } from './wastewater';

const MONDAY = Date.parse('2025-03-03T00:00:00+08:00');
const MIN = 60_000;
const HOUR = 60 * MIN;
const permit = GAS_BOILER_SPECIAL_LIMITS;

function cems(seed = 1) {
  return new StackGasModel({ ratedFlow: 20_000, permit }, SCHEDULE_PRESETS['three-shift'], new Rng(seed));
}

function run(model: StackGasModel, from: number, to: number, scenarios = new DeviceScenarios()) {
  const out: { t: number; r: StackGasReading }[] = [];
  for (let t = from; t < to; t += MIN) out.push({ t, r: model.read(t, scenarios) });
  return out;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** The platform's hourly verdict: the hourly mean corrected with the hourly mean O₂ (GB 13271-2014 §5.2). */
const hourlyCorrected = (hour: { r: StackGasReading }[], k: 'so2' | 'nox' | 'pm') =>
  correctedToReferenceO2(mean(hour.map((x) => x.r[k])), mean(hour.map((x) => x.r.o2)));

describe('stack-gas CEMS on a gas boiler', () => {
  const week = run(cems(), MONDAY, MONDAY + 7 * 24 * HOUR);

  it('keeps every O₂-corrected hourly mean below the permit limits in normal operation', () => {
    for (let h = 0; h < 7 * 24; h++) {
      const hour = week.slice(h * 60, (h + 1) * 60);
      expect(hourlyCorrected(hour, 'so2')).toBeLessThan(permit.so2);
      expect(hourlyCorrected(hour, 'nox')).toBeLessThan(permit.nox);
      expect(hourlyCorrected(hour, 'pm')).toBeLessThan(permit.pm);
    }
  });

  it('emits what a gas boiler at full load does: corrected SO₂ ~20–35, NOx ~40–80, PM ~3–8 mg/m³ at O₂ 9–11 %', () => {
    const dayShift = week.filter(
      (x) => x.t >= MONDAY + 24 * HOUR + 9 * HOUR && x.t < MONDAY + 24 * HOUR + 15 * HOUR,
    );
    const m = (k: keyof StackGasReading) => mean(dayShift.map((x) => x.r[k]));
    expect(hourlyCorrected(dayShift, 'so2')).toBeGreaterThan(25);
    expect(hourlyCorrected(dayShift, 'so2')).toBeLessThan(40);
    expect(hourlyCorrected(dayShift, 'nox')).toBeGreaterThan(55);
    expect(hourlyCorrected(dayShift, 'nox')).toBeLessThan(90);
    expect(hourlyCorrected(dayShift, 'pm')).toBeGreaterThan(5);
    expect(hourlyCorrected(dayShift, 'pm')).toBeLessThan(9);
    // What goes on the wire is the measured value, diluted by the excess air.
    expect(m('so2')).toBeLessThan(hourlyCorrected(dayShift, 'so2') * 0.75);
    expect(m('o2')).toBeGreaterThan(8.5);
    expect(m('o2')).toBeLessThan(9.7);
    expect(m('flow')).toBeGreaterThan(18_000);
    expect(m('temp')).toBeGreaterThan(120);
  });

  it('reports ambient air and no pollutants while the boiler is off', () => {
    const offLine = new StackGasModel(
      { ratedFlow: 20_000, permit },
      SCHEDULE_PRESETS['two-shift'],
      new Rng(3),
    );
    const sunday = run(offLine, MONDAY + 6 * 24 * HOUR + 10 * HOUR, MONDAY + 6 * 24 * HOUR + 11 * HOUR);
    for (const { r } of sunday) {
      expect([r.so2, r.nox, r.pm]).toEqual([0, 0, 0]);
      expect(r.o2).toBeGreaterThan(20.3);
    }
  });

  it('emits less, with more excess air and less flow, when the line runs at its reduced night rate', () => {
    const window = (h0: number, h1: number) =>
      week.filter((x) => x.t >= MONDAY + 24 * HOUR + h0 * HOUR && x.t < MONDAY + 24 * HOUR + h1 * HOUR);
    const day = window(9, 15);
    const night = window(1, 7);
    const m = (xs: typeof day, k: keyof StackGasReading) => mean(xs.map((x) => x.r[k]));
    expect(hourlyCorrected(night, 'nox')).toBeLessThan(hourlyCorrected(day, 'nox') - 10);
    expect(m(night, 'flow')).toBeLessThan(m(day, 'flow') * 0.75);
    expect(m(night, 'o2')).toBeGreaterThan(m(day, 'o2'));
  });

  it('under emission-exceedance puts corrected SO₂ and NOx hourly means above the permit for over an hour, then recovers', () => {
    const scenarios = new DeviceScenarios();
    const start = MONDAY + 24 * HOUR + 10 * HOUR;
    scenarios.start('emission-exceedance', start, { durationMs: 90 * MIN }, 90 * MIN);
    const readings = run(cems(2), start - HOUR, start + 3 * HOUR, scenarios);
    const hourMean = (from: number, k: 'so2' | 'nox') =>
      hourlyCorrected(
        readings.filter((x) => x.t >= from && x.t < from + HOUR),
        k,
      );
    expect(hourMean(start - HOUR, 'so2')).toBeLessThan(permit.so2);
    // Every full hour inside the episode (after the 5-minute ramp) is over the limit.
    for (const from of [start + 5 * MIN, start + 20 * MIN, start + 30 * MIN]) {
      expect(hourMean(from, 'so2')).toBeGreaterThan(permit.so2);
      expect(hourMean(from, 'nox')).toBeGreaterThan(permit.nox);
    }
    expect(hourMean(start + 100 * MIN, 'so2')).toBeLessThan(permit.so2);
    expect(hourMean(start + 100 * MIN, 'nox')).toBeLessThan(permit.nox);
  });
});

describe('wastewater outlet', () => {
  it('stays within discharge-like ranges, pH 6.5–8.5, with flow following production', () => {
    const model = new WastewaterModel(
      { ratedFlow: 30, permit: WASTEWATER_GRADE_1_LIMITS },
      SCHEDULE_PRESETS['two-shift'],
      new Rng(1),
    );
    const readings: { t: number; r: ReturnType<WastewaterModel['read']> }[] = [];
    for (let t = MONDAY; t < MONDAY + 7 * 24 * HOUR; t += 5 * MIN)
      readings.push({ t, r: model.read(t, new DeviceScenarios()) });
    for (const { r } of readings) {
      expect(r.ph).toBeGreaterThanOrEqual(6.5);
      expect(r.ph).toBeLessThanOrEqual(8.5);
      expect(r.cod).toBeLessThan(150);
      expect(r.nh3n).toBeLessThan(20);
      expect(r.tp).toBeLessThan(3);
    }
    const flowAt = (h0: number, h1: number) =>
      mean(
        readings.filter((x) => x.t >= MONDAY + h0 * HOUR && x.t < MONDAY + h1 * HOUR).map((x) => x.r.flow),
      );
    expect(flowAt(10, 15)).toBeGreaterThan(3 * flowAt(2, 6));
    expect(new Set(readings.map((x) => x.r.ph)).size).toBeGreaterThan(50);
  });
});

import { createDeviceModel, type DeviceModel } from './device-model';
import { SCHEDULE_PRESETS, type LineSchedule } from './load-profile';
import { Rng } from './prng';
import { DeviceScenarios } from './scenarios';

const MONDAY = Date.parse('2025-03-03T00:00:00+08:00');
const MIN = 60_000;
const at = (day: number, hour: number, minute = 0) => MONDAY + ((day * 24 + hour) * 60 + minute) * MIN;

type Reading = { kw: number; kwh: number; voltage: number; current: number; pf: number };

function meter(
  role: 'production' | 'pollution-control' | 'general',
  schedule: LineSchedule,
  ratedKw: number,
  seed = 1,
) {
  return createDeviceModel(
    {
      kind: 'power-meter',
      role,
      schedule,
      params: { ratedKw, voltage: role === 'production' ? 10_000 : 380 },
    },
    new Rng(seed),
  );
}

/** Readings every `stepMin` minutes from `from` to `to`. */
function run(model: DeviceModel, from: number, to: number, stepMin = 1, scenarios = new DeviceScenarios()) {
  const out: { t: number; r: Reading }[] = [];
  for (let t = from; t < to; t += stepMin * MIN) out.push({ t, r: model.read(t, scenarios) as Reading });
  return out;
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const meanKw = (rs: { r: Reading }[]) => mean(rs.map((x) => x.r.kw));

describe('production meter: load follows shifts and weekdays', () => {
  const week = run(meter('production', SCHEDULE_PRESETS['three-shift'], 900), at(0, 0), at(7, 0));
  const window = (day: number, fromHour: number, toHour: number) =>
    week.filter((x) => x.t >= at(day, fromHour) && x.t < at(day, toHour));

  it('draws most on the day shift, less in the evening, least at night', () => {
    const day = meanKw(window(1, 9, 15));
    const evening = meanKw(window(1, 17, 23));
    const night = meanKw(window(2, 1, 7));
    expect(day).toBeGreaterThan(800);
    expect(day).toBeLessThan(1000);
    expect(evening).toBeGreaterThan(night);
    expect(day).toBeGreaterThan(evening);
    expect(night / day).toBeCloseTo(0.55, 1);
  });

  it('draws less on Saturday and less again on Sunday than on a weekday', () => {
    const weekday = meanKw(window(2, 9, 15));
    const saturday = meanKw(window(5, 9, 15));
    const sunday = meanKw(window(6, 9, 15));
    expect(saturday / weekday).toBeCloseTo(0.7, 1);
    expect(sunday / weekday).toBeCloseTo(0.4, 1);
  });

  it('is noisy like a real meter, not a flat line', () => {
    const kws = window(1, 9, 15).map((x) => x.r.kw);
    expect(new Set(kws).size).toBeGreaterThan(kws.length * 0.9);
    expect(Math.max(...kws) - Math.min(...kws)).toBeGreaterThan(20);
  });

  it('keeps volts, amps and power factor physically consistent: P = √3·U·I·cosφ', () => {
    for (const { r } of week.filter((_, i) => i % 97 === 0)) {
      expect(r.voltage).toBeGreaterThan(9300);
      expect(r.voltage).toBeLessThan(10700);
      expect(r.pf).toBeGreaterThanOrEqual(0.85);
      expect(r.pf).toBeLessThanOrEqual(0.95);
      const expected = (r.kw * 1000) / (Math.sqrt(3) * r.voltage * r.pf);
      expect(Math.abs(r.current - expected)).toBeLessThan(0.05 + 0.001 * expected);
    }
  });
});

describe('kWh counter', () => {
  it('never goes backwards and matches the power it reported', () => {
    const readings = run(meter('production', SCHEDULE_PRESETS['two-shift'], 420), at(0, 0), at(7, 0));
    let backwards = 0;
    readings.slice(1).forEach((x, i) => {
      if (x.r.kwh < readings[i].r.kwh) backwards++;
    });
    expect(backwards).toBe(0);
    // Energy from the kW curve (trapezoids, 1-minute steps) against the counter's advance.
    let integrated = 0;
    readings.slice(1).forEach((x, i) => (integrated += ((x.r.kw + readings[i].r.kw) / 2) * (1 / 60)));
    const counted = readings[readings.length - 1].r.kwh - readings[0].r.kwh;
    expect(Math.abs(counted - integrated) / integrated).toBeLessThan(0.001);
  });

  it('restarts from a small value when the meter is replaced, then counts up again', () => {
    const model = meter('production', SCHEDULE_PRESETS['three-shift'], 900);
    const scenarios = new DeviceScenarios();
    const before = run(model, at(0, 9), at(0, 10), 1, scenarios);
    model.replaceMeter?.(2.5);
    const after = run(model, at(0, 10), at(0, 12), 1, scenarios);
    expect(before[before.length - 1].r.kwh).toBeGreaterThan(100_000);
    expect(after[0].r.kwh).toBeLessThan(2.5 + 20);
    expect(after[0].r.kwh).toBeGreaterThanOrEqual(2.5);
    expect(after.every((x, i) => i === 0 || x.r.kwh >= after[i - 1].r.kwh)).toBe(true);
    expect(after[after.length - 1].r.kwh).toBeGreaterThan(1500);
  });
});

describe('pollution-control meter (分表计电)', () => {
  const two = SCHEDULE_PRESETS['two-shift'];
  const rated = 45;
  const pc = () => meter('pollution-control', two, rated);

  it('starts minutes after production starts, and stops minutes after it stops', () => {
    const monday = run(pc(), at(0, 7, 50), at(1, 0, 40));
    const kwAt = (t: number) => monday.find((x) => x.t === t)!.r.kw;
    expect(kwAt(at(0, 7, 55))).toBeLessThan(0.02 * rated);
    // Production starts at 08:00; the treatment equipment three minutes later, before production reaches 30 %.
    expect(kwAt(at(0, 8, 1))).toBeLessThan(0.02 * rated);
    expect(kwAt(at(0, 8, 5))).toBeGreaterThan(0.6 * rated);
    expect(kwAt(at(0, 20))).toBeGreaterThan(0.6 * rated);
    // Production stops at 24:00 and has ramped down by 00:20; treatment runs on for ten minutes more.
    expect(kwAt(at(1, 0, 5))).toBeGreaterThan(0.6 * rated);
    expect(kwAt(at(1, 0, 25))).toBeGreaterThan(0.6 * rated);
    expect(kwAt(at(1, 0, 35))).toBeLessThan(0.02 * rated);
  });

  it.each(['two-shift', 'three-shift'] as const)(
    'never looks off while production runs, over a week of a %s line (the 分表计电 rule counts 30 %% as running)',
    (preset) => {
      const schedule = SCHEDULE_PRESETS[preset];
      const production = run(meter('production', schedule, 420), at(0, 0), at(7, 0));
      const treatment = run(meter('pollution-control', schedule, rated), at(0, 0), at(7, 0));
      const offWhileProducing = production.filter(
        (p, i) => p.r.kw >= 0.3 * 420 && treatment[i].r.kw < 0.3 * rated,
      );
      expect(offWhileProducing.map((p) => new Date(p.t).toISOString())).toEqual([]);
    },
  );

  it('drops to ~0 under treatment-off while production keeps running', () => {
    const scenarios = new DeviceScenarios();
    scenarios.start('treatment-off', at(0, 10), { durationMs: null }, null);
    const treatment = run(pc(), at(0, 10), at(0, 12), 1, scenarios);
    const production = run(meter('production', two, 420), at(0, 10), at(0, 12));
    expect(Math.max(...treatment.map((x) => x.r.kw))).toBeLessThan(0.02 * rated);
    expect(Math.min(...production.map((x) => x.r.kw))).toBeGreaterThan(0.5 * 420);
  });

  it('comes back when treatment-off ends', () => {
    const scenarios = new DeviceScenarios();
    scenarios.start('treatment-off', at(0, 10), { durationMs: 3_600_000 }, 3_600_000);
    const readings = run(pc(), at(0, 10), at(0, 12), 1, scenarios);
    expect(readings.find((x) => x.t === at(0, 10, 30))!.r.kw).toBeLessThan(0.02 * rated);
    expect(readings.find((x) => x.t === at(0, 11, 30))!.r.kw).toBeGreaterThan(0.6 * rated);
  });
});

describe('general meter', () => {
  it('follows office hours with a base load at night and at weekends', () => {
    const readings = run(meter('general', SCHEDULE_PRESETS['day-shift'], 60), at(0, 0), at(7, 0), 5);
    const inWindow = (d: number, h0: number, h1: number) =>
      meanKw(readings.filter((x) => x.t >= at(d, h0) && x.t < at(d, h1)));
    expect(inWindow(1, 10, 16)).toBeGreaterThan(50);
    expect(inWindow(1, 0, 6)).toBeLessThan(20);
    expect(inWindow(6, 10, 16)).toBeLessThan(20);
    expect(inWindow(1, 0, 6)).toBeGreaterThan(5);
  });
});

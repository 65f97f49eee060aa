import {
  isProducing,
  isRunningWithLag,
  lineLoad,
  plannedLevel,
  SCHEDULE_PRESETS,
  scheduleProblems,
  type LineSchedule,
} from './load-profile';

/** Monday 3 March 2025, 00:00 China Standard Time. */
const MONDAY = Date.parse('2025-03-03T00:00:00+08:00');
const MIN = 60_000;
const at = (day: number, hour: number, minute = 0) => MONDAY + ((day * 24 + hour) * 60 + minute) * MIN;
const SUN = 6;
const SAT = 5;

const three = SCHEDULE_PRESETS['three-shift'];
const two = SCHEDULE_PRESETS['two-shift'];

describe('planned level: shifts and weekdays (local time, UTC+8)', () => {
  it('runs a three-shift line hardest on the day shift, less in the evening, reduced at night', () => {
    expect(plannedLevel(three, at(0, 10))).toBe(1);
    expect(plannedLevel(three, at(0, 18))).toBe(0.85);
    expect(plannedLevel(three, at(1, 3))).toBe(0.55);
  });

  it('runs lower at weekends: Saturday at 70 %, Sunday at 40 % of a weekday', () => {
    expect(plannedLevel(three, at(SAT, 10))).toBeCloseTo(0.7);
    expect(plannedLevel(three, at(SUN, 10))).toBeCloseTo(0.4);
  });

  it('stops a two-shift line at night and on Sundays, leaving only standby load', () => {
    expect(isProducing(two, at(0, 3))).toBe(false);
    expect(plannedLevel(two, at(0, 3))).toBe(two.idleLevel);
    expect(isProducing(two, at(SUN, 11))).toBe(false);
    expect(isProducing(two, at(0, 8))).toBe(true);
    expect(isProducing(two, at(0, 23, 59))).toBe(true);
    expect(isProducing(two, at(1, 0))).toBe(false);
  });

  it('uses the plant clock, not UTC: 08:00 in Qidong is 00:00 UTC', () => {
    expect(isProducing(two, Date.parse('2025-03-03T00:00:00Z'))).toBe(true);
    expect(isProducing(two, Date.parse('2025-03-02T23:59:00Z'))).toBe(false);
  });
});

describe('line load: ramps instead of steps', () => {
  it('ramps a start-up linearly over rampMinutes', () => {
    expect(lineLoad(two, at(0, 8))).toBeCloseTo(two.idleLevel);
    expect(lineLoad(two, at(0, 8, 10))).toBeCloseTo(two.idleLevel + (1 - two.idleLevel) / 2);
    expect(lineLoad(two, at(0, 8, 20))).toBe(1);
  });

  it('never jumps more than one ramp step per minute over a whole week', () => {
    for (const s of [three, two, SCHEDULE_PRESETS['day-shift']] as LineSchedule[]) {
      let previous = lineLoad(s, at(0, 0));
      let biggestStep = 0;
      let lowest = Infinity;
      let highest = -Infinity;
      for (let t = at(0, 0) + MIN; t < at(7, 0); t += MIN) {
        const load = lineLoad(s, t);
        biggestStep = Math.max(biggestStep, Math.abs(load - previous));
        lowest = Math.min(lowest, load);
        highest = Math.max(highest, load);
        previous = load;
      }
      expect(biggestStep).toBeLessThanOrEqual(1 / s.rampMinutes + 1e-9);
      expect(lowest).toBeGreaterThanOrEqual(0);
      expect(highest).toBeLessThanOrEqual(1);
    }
  });
});

describe('equipment that follows production with a lag', () => {
  const START = 3 * MIN;
  const STOP = 10 * MIN;

  it('starts a few minutes after production starts', () => {
    // The two-shift line starts ramping up at 08:00 and leaves standby within half a minute.
    expect(isRunningWithLag(two, at(0, 8, 3), START, STOP)).toBe(false);
    expect(isRunningWithLag(two, at(0, 8, 4), START, STOP)).toBe(true);
  });

  it('keeps running after production stops until its shut-down ramp is over and the lag has passed', () => {
    // Production stops at 24:00 and ramps down to standby by 00:20; the equipment runs on until 00:30.
    expect(isRunningWithLag(two, at(1, 0, 5), START, STOP)).toBe(true);
    expect(isRunningWithLag(two, at(1, 0, 29), START, STOP)).toBe(true);
    expect(isRunningWithLag(two, at(1, 0, 31), START, STOP)).toBe(false);
  });
});

describe('schedule validation', () => {
  const base: LineSchedule = { ...two };

  it('accepts every preset', () => {
    for (const s of Object.values(SCHEDULE_PRESETS)) expect(scheduleProblems(s)).toEqual([]);
  });

  it('names overlapping shifts, bad hours and a ramp longer than a shift', () => {
    expect(
      scheduleProblems({
        ...base,
        shifts: [
          { startHour: 8, endHour: 16, level: 1 },
          { startHour: 12, endHour: 20, level: 1 },
        ],
      }),
    ).toContain('shift 2 overlaps the one before it');
    expect(scheduleProblems({ ...base, shifts: [{ startHour: 8, endHour: 25, level: 1 }] })).toContain(
      'shift 1: endHour must be an integer after startHour, at most 24',
    );
    expect(scheduleProblems({ ...base, rampMinutes: 9 * 60 })).toContain(
      'rampMinutes must be at least 0 and shorter than the shortest shift or gap',
    );
    expect(scheduleProblems({ ...base, shifts: [] })).toContain('has no shifts');
  });
});

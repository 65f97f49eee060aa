/**
 * A production line's load over the week: shifts (local time), weekday factors, standby load between shifts and
 * linear ramps at every change. Pure: time in, fraction of rated load out. Power meters, stack-gas and wastewater
 * monitors on the same line all read the same profile, so their readings move together as they do in a plant.
 */
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MINUTE_MS = 60_000;

export interface Shift {
  /** Local hour the shift starts, 0–23. */
  readonly startHour: number;
  /** Local hour it ends (exclusive), 1–24. */
  readonly endHour: number;
  /** Load during the shift on a full working day, as a fraction of the line's rated load. */
  readonly level: number;
}

export interface LineSchedule {
  readonly shifts: readonly Shift[];
  /** Multiplier per weekday, Sunday first (as `Date#getDay`); 0 means the line does not run that day. */
  readonly dayFactors: readonly [number, number, number, number, number, number, number];
  /** Load outside shifts: lighting, HVAC, compressors kept warm. */
  readonly idleLevel: number;
  /** Minutes a change of level takes: start-up and shut-down are ramps, not steps. */
  readonly rampMinutes: number;
  /** Offset of the plant's local time from UTC; China Standard Time is +480 all year (no DST). */
  readonly utcOffsetMinutes: number;
}

const CST = 8 * 60;

/** Named schedules the fleet manifest can refer to. */
export const SCHEDULE_PRESETS = {
  /** Continuous process (chemicals): three shifts, the night one reduced; lower at weekends. */
  'three-shift': {
    shifts: [
      { startHour: 0, endHour: 8, level: 0.55 },
      { startHour: 8, endHour: 16, level: 1.0 },
      { startHour: 16, endHour: 24, level: 0.85 },
    ],
    dayFactors: [0.4, 1, 1, 1, 1, 1, 0.7],
    idleLevel: 0.05,
    rampMinutes: 30,
    utcOffsetMinutes: CST,
  },
  /** Discrete manufacturing: 08–16 and 16–24, nights off, half a Saturday's work, Sundays off. */
  'two-shift': {
    shifts: [
      { startHour: 8, endHour: 16, level: 1.0 },
      { startHour: 16, endHour: 24, level: 0.8 },
    ],
    dayFactors: [0, 1, 1, 1, 1, 1, 0.5],
    idleLevel: 0.04,
    rampMinutes: 20,
    utcOffsetMinutes: CST,
  },
  /** Offices, labs, warehouses: working hours on weekdays, a base load always. */
  'day-shift': {
    shifts: [{ startHour: 8, endHour: 17, level: 1.0 }],
    dayFactors: [0, 1, 1, 1, 1, 1, 0],
    idleLevel: 0.25,
    rampMinutes: 30,
    utcOffsetMinutes: CST,
  },
} as const satisfies Record<string, LineSchedule>;

export type SchedulePreset = keyof typeof SCHEDULE_PRESETS;

export function isSchedulePreset(value: unknown): value is SchedulePreset {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(SCHEDULE_PRESETS, value);
}

/** Problems with a schedule, in words; empty when it is usable. */
export function scheduleProblems(s: LineSchedule): string[] {
  const problems: string[] = [];
  if (s.shifts.length === 0) problems.push('has no shifts');
  const sorted = [...s.shifts].sort((a, b) => a.startHour - b.startHour);
  sorted.forEach((shift, i) => {
    const { startHour, endHour, level } = shift;
    if (!Number.isInteger(startHour) || startHour < 0 || startHour > 23)
      problems.push(`shift ${i + 1}: startHour must be an integer 0–23`);
    if (!Number.isInteger(endHour) || endHour <= startHour || endHour > 24)
      problems.push(`shift ${i + 1}: endHour must be an integer after startHour, at most 24`);
    if (!(level >= 0 && level <= 1)) problems.push(`shift ${i + 1}: level must be within 0–1`);
    if (i > 0 && startHour < sorted[i - 1].endHour)
      problems.push(`shift ${i + 1} overlaps the one before it`);
  });
  if (s.dayFactors.length !== 7 || s.dayFactors.some((f) => !(f >= 0 && f <= 1.5)))
    problems.push('dayFactors must be 7 numbers within 0–1.5, Sunday first');
  if (!(s.idleLevel >= 0 && s.idleLevel < 0.5)) problems.push('idleLevel must be within 0–0.5');
  const shortest = Math.min(...boundaryGaps(s));
  if (!(s.rampMinutes >= 0 && s.rampMinutes * MINUTE_MS < shortest))
    problems.push('rampMinutes must be at least 0 and shorter than the shortest shift or gap');
  if (!Number.isInteger(s.utcOffsetMinutes) || Math.abs(s.utcOffsetMinutes) > 14 * 60)
    problems.push('utcOffsetMinutes must be an integer within ±840');
  return problems;
}

function boundaryHours(s: LineSchedule): number[] {
  const hours = new Set<number>([0]);
  for (const shift of s.shifts) {
    hours.add(shift.startHour % 24);
    hours.add(shift.endHour % 24);
  }
  return [...hours].sort((a, b) => a - b);
}

function boundaryGaps(s: LineSchedule): number[] {
  const hours = boundaryHours(s);
  return hours.map((h, i) => ((i + 1 < hours.length ? hours[i + 1] : 24) - h) * HOUR_MS);
}

/** Local weekday (0 = Sunday) and milliseconds since local midnight. */
function localTime(s: LineSchedule, t: number): { weekday: number; msOfDay: number } {
  const local = t + s.utcOffsetMinutes * MINUTE_MS;
  const day = Math.floor(local / DAY_MS);
  // 1970-01-01 was a Thursday (4).
  return { weekday: (((day + 4) % 7) + 7) % 7, msOfDay: local - day * DAY_MS };
}

/** The planned level at `t` as a step function: the shift's level times the day's factor, or the idle level. */
export function plannedLevel(s: LineSchedule, t: number): number {
  const { weekday, msOfDay } = localTime(s, t);
  const hour = msOfDay / HOUR_MS;
  const factor = s.dayFactors[weekday];
  for (const shift of s.shifts) {
    if (hour >= shift.startHour && hour < shift.endHour) return Math.max(s.idleLevel, shift.level * factor);
  }
  return s.idleLevel;
}

/** Whether the line is producing at `t`: inside a shift on a working day (standby load does not count). */
export function isProducing(s: LineSchedule, t: number): boolean {
  return plannedLevel(s, t) > s.idleLevel;
}

/** The line's load at `t` as a fraction of rated, with linear ramps of `rampMinutes` after every change of level. */
export function lineLoad(s: LineSchedule, t: number): number {
  const target = plannedLevel(s, t);
  const rampMs = s.rampMinutes * MINUTE_MS;
  if (rampMs <= 0) return target;
  const { msOfDay } = localTime(s, t);
  let last = 0;
  for (const h of boundaryHours(s)) if (h * HOUR_MS <= msOfDay) last = h * HOUR_MS;
  const sinceChange = msOfDay - last;
  if (sinceChange >= rampMs) return target;
  const before = plannedLevel(s, t - sinceChange - 1);
  return before + (target - before) * (sinceChange / rampMs);
}

/**
 * Whether equipment that follows production with a lag is running at `t`: it starts `startLagMs` after the line
 * starts drawing production load and stops `stopLagMs` after the line's shut-down ramp has finished — i.e. the line
 * drew more than standby at some moment in [t − stopLag, t − startLag]. Loads change on whole hours and ramp over
 * minutes, so sampling the window every 30 s is exact enough.
 */
export function isRunningWithLag(s: LineSchedule, t: number, startLagMs: number, stopLagMs: number): boolean {
  const drawing = (at: number) => lineLoad(s, at) > s.idleLevel + 0.02;
  const step = Math.max(1000, Math.min(30_000, (stopLagMs - startLagMs) / 4));
  for (let at = t - startLagMs; at >= t - stopLagMs; at -= step) if (drawing(at)) return true;
  return drawing(t - stopLagMs);
}

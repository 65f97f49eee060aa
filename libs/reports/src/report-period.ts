/**
 * A report's period on the park's clock (Asia/Shanghai, UTC+8 all year: China keeps no daylight saving time):
 * a day `YYYY-MM-DD` or a month `YYYY-MM`, as the half-open epoch-ms range [from, to) it covers.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** Asia/Shanghai is UTC+8 with no daylight saving time, so a park day starts at 16:00 UTC the day before. */
export const PARK_UTC_OFFSET_MS = 8 * HOUR_MS;

export type PeriodGranularity = 'day' | 'month';

export interface ReportPeriod {
  readonly granularity: PeriodGranularity;
  /** `YYYY-MM-DD` or `YYYY-MM`. */
  readonly label: string;
  readonly from: number;
  readonly to: number;
}

const DAY_LABEL = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_LABEL = /^(\d{4})-(\d{2})$/;

/** The period a label names, or null when the label is neither a real day nor a month. */
export function parsePeriod(label: string): ReportPeriod | null {
  const day = DAY_LABEL.exec(label);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const from = Date.UTC(year, month - 1, date) - PARK_UTC_OFFSET_MS;
    if (parkDate(from) !== label) return null; // 2026-02-30 and the like
    return { granularity: 'day', label, from, to: from + DAY_MS };
  }
  const month = MONTH_LABEL.exec(label);
  if (month) {
    const [year, m] = [Number(month[1]), Number(month[2])];
    if (m < 1 || m > 12 || year < 2000) return null;
    return {
      granularity: 'month',
      label,
      from: Date.UTC(year, m - 1, 1) - PARK_UTC_OFFSET_MS,
      to: Date.UTC(year, m, 1) - PARK_UTC_OFFSET_MS,
    };
  }
  return null;
}

/** The park-clock month before the one holding `now`, e.g. the scheduled run on 1 December reports November. */
export function previousMonth(now: number): ReportPeriod {
  const local = new Date(now + PARK_UTC_OFFSET_MS);
  const first = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1);
  return parsePeriod(new Date(first).toISOString().slice(0, 7)) as ReportPeriod;
}

/** The park-clock day `YYYY-MM-DD` holding an instant. */
export function parkDate(ts: number): string {
  return new Date(ts + PARK_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** The park-clock `YYYY-MM-DD HH:mm` of an instant. */
export function parkDateTime(ts: number): string {
  return new Date(ts + PARK_UTC_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The start of the park-clock day holding an instant. */
export function parkDayStart(ts: number): number {
  return Math.floor((ts + PARK_UTC_OFFSET_MS) / DAY_MS) * DAY_MS - PARK_UTC_OFFSET_MS;
}

/** The period as a reader names it: 2026年11月, 2026年11月30日. */
export function periodTitle(period: ReportPeriod): string {
  const [year, month, day] = period.label.split('-').map(Number);
  return period.granularity === 'month' ? `${year}年${month}月` : `${year}年${month}月${day}日`;
}

/**
 * The generate form's default periods and a period's parts for display, on the park clock (Asia/Shanghai, UTC+8).
 * Pure module (no DOM).
 */
const PARK_OFFSET_MS = 8 * 3_600_000;

/** Last month, `YYYY-MM`: what the monthly reports are usually generated for. */
export function defaultMonth(now: number): string {
  const local = new Date(now + PARK_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

/** Yesterday, `YYYY-MM-DD`: the last complete day for a daily report. */
export function defaultDay(now: number): string {
  return new Date(now + PARK_OFFSET_MS - 86_400_000).toISOString().slice(0, 10);
}

/** `2026-11` → {year: '2026', month: '11'}; `2026-11-03` also has day '3'. Leading zeros dropped, as 2026年11月3日. */
export function periodParts(period: string): { year: string; month: string; day?: string } {
  const [year, month, day] = period.split('-');
  return { year, month: String(Number(month)), ...(day ? { day: String(Number(day)) } : {}) };
}

/** The months a list can be filtered by: the current one and the `count − 1` before it, newest first. */
export function recentMonths(now: number, count = 12): string[] {
  const local = new Date(now + PARK_OFFSET_MS);
  return Array.from({ length: count }, (_, i) =>
    new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - i, 1)).toISOString().slice(0, 7),
  );
}

/** A period given in a link (`?period=2026-11`, as the monthly reports notice links), or null when it is none. */
export function linkedPeriod(search: string): string | null {
  const period = new URLSearchParams(search).get('period');
  return period && /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/.test(period) ? period : null;
}

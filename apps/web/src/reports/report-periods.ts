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

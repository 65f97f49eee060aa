import type { MeterRole } from '@park/contracts';

/**
 * The latest reading of each power meter on a production line, as line rules keep it in their state.
 * Each meter has its own "last applied" timestamp, so a replayed or reordered reading of one meter is ignored
 * without holding back readings of another (Kafka orders readings per device, not across devices).
 */
export interface MeterSnapshot {
  readonly role: MeterRole;
  readonly kw: number;
  readonly ts: number;
}

export type LineMeters = Readonly<Record<string, MeterSnapshot>>;

export interface RoleLoad {
  /** Sum of the fresh meters' kW. */
  readonly kw: number;
  /** How many meters of the role are fresh. */
  readonly meters: number;
  /**
   * The oldest of their latest readings: the time up to which every meter of the role has been heard from, so
   * the sum is known to hold at least until then.
   */
  readonly observedUntil: number;
}

/** Sum of the role's meters heard from within `staleAfterMs` of `clock`; null when none is. */
export function roleLoad(
  meters: LineMeters,
  role: MeterRole,
  clock: number,
  staleAfterMs: number,
): RoleLoad | null {
  let kw = 0;
  let count = 0;
  let observedUntil = Infinity;
  for (const id of Object.keys(meters).sort()) {
    const m = meters[id];
    if (m.role !== role || m.ts < clock - staleAfterMs) continue;
    kw += m.kw;
    count += 1;
    observedUntil = Math.min(observedUntil, m.ts);
  }
  return count === 0 ? null : { kw, meters: count, observedUntil };
}

/** Whether `ts` falls in a later clock hour than `previous`: line rules report "not configured" once an hour. */
export function newHour(previous: number | null, ts: number): boolean {
  return previous === null || Math.floor(ts / 3_600_000) > Math.floor(previous / 3_600_000);
}

import { initialState, type RuleDefinition, type RuleState } from './engine';
import type { DeviceOfflineParams, DeviceOfflineState } from './kinds/device-offline-rule';

/**
 * Whether a (rule, subject)'s new state must be written to storage now, or may stay in the rules service's memory
 * until a change that matters. `stored` is the state as storage holds it (null: none stored).
 *
 * By default every change is written: a crash replays inputs from the last committed offsets onto the stored state,
 * and the engine's "at or before the last input applied changes nothing" is what keeps a replay from raising an
 * alert twice or losing a duration timer.
 *
 * The one exception is the device-offline rule's "last seen", which every reading of every device moves: written on
 * each reading, it made the rules service's PostgreSQL upserts as many as the park's readings (5,000 rows/s under
 * the alerts benchmark). Its stored value is only ever read where it cannot matter much:
 * - after a restart, silence is counted from the later of the last reading and the start of the watch, which is the
 *   restart itself;
 * - a replayed reading only moves "last seen" again; the transitions that raise or clear an alert change
 *   `offline`, which is always written, with the "last seen" of that moment;
 * - after a version conflict (another instance moved a subject on) the state is read back from storage: "last
 *   seen" is then at most `allowed − 2 × interval` behind (allowed = factor × interval), so a device that keeps
 *   reporting is never judged silent for it; one that has missed two reports in a row may be judged offline then
 *   instead of after `factor` intervals.
 * So "last seen" alone is written once it is that far ahead of the stored value (never, when the rule allows two
 * intervals or fewer: then every reading is written, as before).
 */
export function mustPersist(definition: RuleDefinition, stored: RuleState | null, next: RuleState): boolean {
  // Nothing stored reads back as the kind's initial state: a subject still in it needs no row.
  const base = stored ?? initialState(definition);
  if (
    definition.kind === 'device-offline' &&
    base.kind === 'device-offline' &&
    next.kind === 'device-offline'
  ) {
    return deviceOfflineMustPersist(definition.params, base, next);
  }
  return JSON.stringify(base) !== JSON.stringify(next);
}

function deviceOfflineMustPersist(
  params: DeviceOfflineParams,
  stored: DeviceOfflineState,
  next: DeviceOfflineState,
): boolean {
  if (
    stored.offline !== next.offline ||
    stored.lastStatusTs !== next.lastStatusTs ||
    (stored.silentFrom ?? null) !== (next.silentFrom ?? null) ||
    stored.v !== next.v
  ) {
    return true;
  }
  if (stored.lastSeen === next.lastSeen) return false;
  if (stored.lastSeen === null || next.lastSeen === null) return true;
  const slack = params.factor * params.expectedIntervalMs - 2 * params.expectedIntervalMs;
  return next.lastSeen - stored.lastSeen > Math.max(0, slack) || next.lastSeen < stored.lastSeen;
}

/**
 * The alerts console's list, as pure functions: merge REST snapshots and socket.io `alert` events into one list
 * of alerts keyed by id, de-duplicate events by `seq`, sort newest first, filter and count.
 *
 * Two sources describe the same alert: snapshots from `GET /api/alerts` (no sequence number) and lifecycle
 * events from the socket (global, increasing `seq`; delivery is at least once and a reconnecting client is sent
 * what it missed, so duplicates and replays are normal). An event at or below the `seq` already applied to its
 * alert is ignored. Between a snapshot and an event, the one further along wins: an alert only moves forward
 * (suppressed → open → acknowledged → resolved; count, last-seen and the transition times only grow), so
 * `progress()` orders any two views of one alert without a clock or a sequence number.
 */
import type { AlertEvent, AlertSeverity, AlertStatus, AlertView } from '@park/contracts';

export interface AlertEntry {
  readonly alert: AlertView;
  /** The `seq` of the last event applied to this alert; null when only snapshots have been seen. */
  readonly seq: number | null;
}

export interface AlertListState {
  readonly byId: ReadonlyMap<string, AlertEntry>;
  /** The highest `seq` seen; sent as `lastSeq` when the socket reconnects, to get what was missed. */
  readonly lastSeq: number | null;
}

/** Most alerts kept in memory; past it the oldest resolved ones are dropped (never an unresolved one). */
export const MAX_ALERTS = 1000;

export const EMPTY_ALERT_LIST: AlertListState = { byId: new Map(), lastSeq: null };

/** Held back by a maintenance window comes first: it goes live (open) or is resolved, never back. */
const STATUS_RANK: Readonly<Record<AlertStatus, number>> = {
  suppressed: 0,
  open: 1,
  acknowledged: 2,
  resolved: 3,
};

/** How far along an alert is; compared element by element. */
function progress(alert: AlertView): readonly number[] {
  return [
    STATUS_RANK[alert.status],
    alert.count,
    alert.lastSeenAt,
    alert.acknowledgedAt ?? 0,
    alert.resolvedAt ?? 0,
    alert.level,
  ];
}

function compareProgress(a: AlertView, b: AlertView): number {
  const pa = progress(a);
  const pb = progress(b);
  for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
}

/** Merges REST snapshots; a snapshot older than what is already known is ignored. */
export function applySnapshot(state: AlertListState, alerts: readonly AlertView[]): AlertListState {
  if (alerts.length === 0) return state;
  const byId = new Map(state.byId);
  for (const alert of alerts) {
    const known = byId.get(alert.id);
    if (known && compareProgress(known.alert, alert) > 0) continue;
    byId.set(alert.id, { alert, seq: known?.seq ?? null });
  }
  return { byId: prune(byId), lastSeq: state.lastSeq };
}

export interface EventsResult {
  readonly state: AlertListState;
  /** The events that changed something, in the order given; duplicates and stale replays are not here. */
  readonly applied: readonly AlertEvent[];
}

/** Applies socket.io (or action-response) events; duplicates and replays at or below a known `seq` are dropped. */
export function applyEvents(state: AlertListState, events: readonly AlertEvent[]): EventsResult {
  if (events.length === 0) return { state, applied: [] };
  const byId = new Map(state.byId);
  let lastSeq = state.lastSeq;
  const applied: AlertEvent[] = [];
  for (const event of events) {
    lastSeq = lastSeq === null ? event.seq : Math.max(lastSeq, event.seq);
    const known = byId.get(event.alert.id);
    if (known && known.seq !== null && event.seq <= known.seq) continue;
    const keepKnown = known !== undefined && compareProgress(known.alert, event.alert) > 0;
    byId.set(event.alert.id, { alert: keepKnown ? known.alert : event.alert, seq: event.seq });
    if (!keepKnown) applied.push(event);
  }
  return { state: { byId: prune(byId), lastSeq }, applied };
}

function prune(byId: Map<string, AlertEntry>): Map<string, AlertEntry> {
  if (byId.size <= MAX_ALERTS) return byId;
  const resolvedOldestFirst = [...byId.values()]
    .filter((e) => e.alert.status === 'resolved')
    .sort((a, b) => a.alert.openedAt - b.alert.openedAt);
  for (const entry of resolvedOldestFirst) {
    if (byId.size <= MAX_ALERTS) break;
    byId.delete(entry.alert.id);
  }
  return byId;
}

/** Newest first (by when the alert was raised); ties broken by id so the order never jitters. */
export function sortedAlerts(state: AlertListState): AlertView[] {
  return [...state.byId.values()]
    .map((e) => e.alert)
    .sort((a, b) => b.openedAt - a.openedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface AlertFilter {
  readonly status: AlertStatus | 'all';
  readonly severity: AlertSeverity | 'all';
  /** Free text matched, case-insensitively, against enterprise, device name, device id and location. */
  readonly text: string;
}

export const NO_FILTER: AlertFilter = { status: 'all', severity: 'all', text: '' };

function matchesText(alert: AlertView, text: string): boolean {
  const needle = text.trim().toLocaleLowerCase();
  if (!needle) return true;
  return [alert.enterpriseName, alert.deviceName, alert.deviceId, alert.location ?? ''].some((field) =>
    field.toLocaleLowerCase().includes(needle),
  );
}

/** Severity and text only: what the per-status counts are computed over. */
export function filterBySeverityAndText(alerts: readonly AlertView[], filter: AlertFilter): AlertView[] {
  return alerts.filter(
    (a) => (filter.severity === 'all' || a.severity === filter.severity) && matchesText(a, filter.text),
  );
}

export function filterAlerts(alerts: readonly AlertView[], filter: AlertFilter): AlertView[] {
  return filterBySeverityAndText(alerts, filter).filter(
    (a) => filter.status === 'all' || a.status === filter.status,
  );
}

export type StatusCounts = Readonly<Record<AlertStatus | 'all', number>>;

export function countByStatus(alerts: readonly AlertView[]): StatusCounts {
  const counts = { all: alerts.length, open: 0, acknowledged: 0, resolved: 0, suppressed: 0 };
  for (const a of alerts) counts[a.status] += 1;
  return counts;
}

/** A critical alert that nobody has acknowledged yet: the console sounds the alarm while there is one. */
export function needsAlarm(alert: AlertView): boolean {
  return alert.severity === 'critical' && alert.status === 'open';
}

/**
 * The alerts the alarm rings for: critical, open, and not silenced. Muting silences the alerts ringing at that
 * moment only, so a new critical alert (or one escalated to critical) rings again.
 */
export function ringingAlerts(alerts: readonly AlertView[], silenced: ReadonlySet<string>): AlertView[] {
  return alerts.filter((a) => needsAlarm(a) && !silenced.has(silenceKey(a)));
}

/** What a mute silences: this alert at this level (an escalation is a new reason to ring). */
export function silenceKey(alert: AlertView): string {
  return `${alert.id}@${alert.level}`;
}

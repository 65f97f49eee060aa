/**
 * The live alert list behind the console: the initial REST load, socket.io events merged into it
 * (alert-list.ts), the connection state and how fresh the data is. A small external store: React reads it with
 * useSyncExternalStore; nothing here renders.
 */
import type { AlertEvent, AlertView } from '@park/contracts';
import type { AlertsApi } from '../api/alerts-api';
import { openAlertStream, type AlertStream, type AlertStreamOptions } from '../realtime/alert-stream';
import { applyEvents, applySnapshot, EMPTY_ALERT_LIST, needsAlarm, type AlertListState } from './alert-list';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

export type LoadState =
  | { readonly state: 'loading' }
  | { readonly state: 'ready' }
  | { readonly state: 'error'; readonly error: unknown };

export interface AlertFeedSnapshot {
  readonly list: AlertListState;
  readonly load: LoadState;
  readonly connection: ConnectionState;
  /** The last moment the list was known to be complete (live, or the moment the connection dropped). */
  readonly syncedAt: number | null;
}

export interface AlertFeedDeps {
  readonly api: AlertsApi;
  readonly token: string;
  /** A critical alert just arrived or escalated, live, and still needs acknowledging. */
  readonly onCritical: (alert: AlertView) => void;
  readonly onUnauthorized: () => void;
  readonly openStream?: (options: AlertStreamOptions) => AlertStream;
  readonly now?: () => number;
}

/** What the first load asks for: every unresolved alert, plus the most recent ones of any status. */
const INITIAL_QUERIES = [
  { status: 'open', limit: 500 },
  { status: 'acknowledged', limit: 500 },
  { status: 'suppressed', limit: 500 },
  { limit: 200 },
] as const;

export class AlertFeed {
  private snapshot: AlertFeedSnapshot = {
    list: EMPTY_ALERT_LIST,
    load: { state: 'loading' },
    connection: 'connecting',
    syncedAt: null,
  };
  private readonly listeners = new Set<() => void>();
  private stream: AlertStream | null = null;
  private everReady = false;
  private loadGeneration = 0;
  private readonly now: () => number;
  private readonly goneOffline = () => {
    if (this.snapshot.connection !== 'live') this.update({ connection: 'offline' });
  };
  private readonly backOnline = () => {
    if (this.snapshot.connection === 'offline') this.update({ connection: 'reconnecting' });
  };

  constructor(private readonly deps: AlertFeedDeps) {
    this.now = deps.now ?? Date.now;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): AlertFeedSnapshot => this.snapshot;

  start(): void {
    if (this.stream) return;
    window.addEventListener('offline', this.goneOffline);
    window.addEventListener('online', this.backOnline);
    const open = this.deps.openStream ?? openAlertStream;
    this.stream = open({
      token: this.deps.token,
      lastSeq: () => this.snapshot.list.lastSeq,
      handlers: {
        onReady: () => {
          const reconnected = this.everReady;
          this.everReady = true;
          this.update({ connection: 'live', syncedAt: this.now() });
          // Missed events were replayed before `ready`; a fresh snapshot also catches silent changes
          // (repeat counts) and anything past the gateway's catch-up limit.
          if (reconnected) void this.reload();
        },
        onAlert: (event) => this.applyLive([event]),
        onDisconnected: () =>
          this.update({
            connection: navigator.onLine ? 'reconnecting' : 'offline',
            syncedAt: this.snapshot.connection === 'live' ? this.now() : this.snapshot.syncedAt,
          }),
        onConnectError: (unauthorized) => {
          if (unauthorized) {
            this.deps.onUnauthorized();
            return;
          }
          this.update({ connection: navigator.onLine ? 'reconnecting' : 'offline' });
        },
      },
    });
    void this.reload();
  }

  stop(): void {
    window.removeEventListener('offline', this.goneOffline);
    window.removeEventListener('online', this.backOnline);
    this.stream?.close();
    this.stream = null;
    this.loadGeneration += 1;
  }

  /** Loads (or refreshes) the list over REST; the list on screen stays while a refresh runs. */
  async reload(): Promise<void> {
    const generation = ++this.loadGeneration;
    if (this.snapshot.load.state === 'error') this.update({ load: { state: 'loading' } });
    try {
      const pages = await Promise.all(INITIAL_QUERIES.map((q) => this.deps.api.list(q)));
      if (generation !== this.loadGeneration) return;
      this.update({
        list: applySnapshot(this.snapshot.list, pages.flat()),
        load: { state: 'ready' },
        syncedAt: this.snapshot.connection === 'live' ? this.now() : this.snapshot.syncedAt,
      });
    } catch (error) {
      if (generation !== this.loadGeneration) return;
      // A failed refresh keeps what is on screen; only a failed first load is an error state.
      if (this.snapshot.load.state !== 'ready') this.update({ load: { state: 'error', error } });
    }
  }

  /** The answer to an action this user took (acknowledge, resolve): shown at once, before the socket echoes it. */
  applyLocal(event: AlertEvent): void {
    const { state } = applyEvents(this.snapshot.list, [event]);
    this.update({ list: state });
  }

  /** Adds an alert fetched on its own (a deep link to an alert that is not in the list). */
  applyFetched(alert: AlertView): void {
    this.update({ list: applySnapshot(this.snapshot.list, [alert]) });
  }

  private applyLive(events: readonly AlertEvent[]): void {
    const { state, applied } = applyEvents(this.snapshot.list, events);
    this.update({
      list: state,
      syncedAt: this.snapshot.connection === 'live' ? this.now() : this.snapshot.syncedAt,
    });
    for (const event of applied) {
      const current = state.byId.get(event.alert.id)?.alert;
      if ((event.type === 'opened' || event.type === 'escalated') && current && needsAlarm(current)) {
        this.deps.onCritical(current);
      }
    }
  }

  private update(patch: Partial<AlertFeedSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}

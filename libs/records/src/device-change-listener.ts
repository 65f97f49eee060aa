import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { dialectOf, isSqliteUrl } from './dialect';
import { sqliteDeviceChanges } from './sqlite-records';

/** PostgreSQL channel on which the records announce a changed device (payload: the device id). */
export const DEVICE_CHANGED_CHANNEL = 'park_device_changed';

/**
 * Announces device changes so caches refresh on an event, not a restart: on PostgreSQL it LISTENs on a connection
 * of its own (below); on SQLite it hears the triggers of the records' connection (`SqliteDeviceChangeListener`) —
 * so it is given the app's records, whose writes it then hears; a PostgreSQL URL will do for a process without them.
 */
export class DeviceChangeListener {
  private readonly source: PgDeviceChangeListener | SqliteDeviceChangeListener;

  constructor(records: DataSource | string, onChange: (deviceId: string | null) => void) {
    if (typeof records === 'string') {
      if (isSqliteUrl(records))
        throw new Error('SQLite records announce changes on their own connection: pass the open DataSource');
      this.source = new PgDeviceChangeListener(records, onChange);
    } else if (dialectOf(records) === 'sqlite') {
      this.source = new SqliteDeviceChangeListener(records, onChange);
    } else {
      this.source = new PgDeviceChangeListener(postgresUrlOf(records), onChange);
    }
  }

  start(): Promise<void> {
    return this.source.start();
  }

  close(): Promise<void> {
    return this.source.close();
  }
}

/** The URL a PostgreSQL records DataSource was opened with (postgresOptions). */
function postgresUrlOf(records: DataSource): string {
  const url = (records.options as { url?: string }).url;
  if (!url) throw new Error('PostgreSQL records opened without a URL: cannot LISTEN for device changes');
  return url;
}

/** Hears the triggers of the SQLite records' connection, each committed change once; the records stay its owner's. */
class SqliteDeviceChangeListener {
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly records: DataSource,
    private readonly onChange: (deviceId: string | null) => void,
  ) {}

  start(): Promise<void> {
    this.unsubscribe = sqliteDeviceChanges(this.records).subscribe((id) => this.onChange(id));
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    return Promise.resolve();
  }
}

/**
 * LISTENs for device changes. Reconnects with backoff; after a reconnect it reports `null` (anything may have
 * changed while it was away), and the cache drops everything.
 */
class PgDeviceChangeListener {
  private readonly logger = new Logger(DeviceChangeListener.name);
  private client: Client | null = null;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly onChange: (deviceId: string | null) => void,
  ) {}

  async start(): Promise<void> {
    await this.connect(false);
  }

  private async connect(reconnecting: boolean): Promise<void> {
    const client = new Client({ connectionString: this.url });
    client.on('notification', (msg) => {
      if (msg.channel === DEVICE_CHANGED_CHANNEL) this.onChange(msg.payload || null);
    });
    client.on('error', (error) => {
      this.logger.warn(`listener connection failed: ${error.message}`);
      this.scheduleReconnect();
    });
    client.on('end', () => this.scheduleReconnect());
    await client.connect();
    await client.query(`LISTEN ${DEVICE_CHANGED_CHANNEL}`);
    this.client = client;
    if (reconnecting) this.onChange(null);
  }

  private scheduleReconnect(delay = 1000): void {
    if (this.closed || this.retryTimer) return;
    this.client = null;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect(true).catch(() => this.scheduleReconnect(Math.min(delay * 2, 30_000)));
    }, delay);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}

import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { openRecords } from './data-source';
import { isSqliteUrl } from './dialect';
import { sqliteDeviceChanges } from './sqlite-records';

/** PostgreSQL channel on which the records announce a changed device (payload: the device id). */
export const DEVICE_CHANGED_CHANNEL = 'park_device_changed';

/**
 * Announces device changes so caches refresh on an event, not a restart: on PostgreSQL it LISTENs (below); on
 * SQLite it hears the triggers of the process's shared records (`SqliteDeviceChangeListener`).
 */
export class DeviceChangeListener {
  private readonly source: PgDeviceChangeListener | SqliteDeviceChangeListener;

  constructor(url: string, onChange: (deviceId: string | null) => void) {
    this.source = isSqliteUrl(url)
      ? new SqliteDeviceChangeListener(url, onChange)
      : new PgDeviceChangeListener(url, onChange);
  }

  start(): Promise<void> {
    return this.source.start();
  }

  close(): Promise<void> {
    return this.source.close();
  }
}

/** Holds the shared SQLite records open while it listens; their triggers announce each committed change. */
class SqliteDeviceChangeListener {
  private records: DataSource | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly url: string,
    private readonly onChange: (deviceId: string | null) => void,
  ) {}

  async start(): Promise<void> {
    const records = await openRecords(this.url);
    this.records = records;
    this.unsubscribe = sqliteDeviceChanges(records).subscribe((id) => this.onChange(id));
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    const records = this.records;
    this.records = null;
    await records?.destroy();
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

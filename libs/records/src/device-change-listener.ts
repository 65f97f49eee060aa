import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/** PostgreSQL channel on which the records announce a changed device (payload: the device id). */
export const DEVICE_CHANGED_CHANNEL = 'park_device_changed';

/**
 * LISTENs for device changes so caches refresh on an event, not a restart. Reconnects with backoff; after a
 * reconnect it reports `null` (anything may have changed while it was away), and the cache drops everything.
 */
export class DeviceChangeListener {
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

import { io, type Socket } from 'socket.io-client';
import type { AlertEvent } from '@park/contracts';

/**
 * A socket.io client that knows every api instance's address, as a web client behind a load balancer would: when
 * its connection ends it connects to the next address with `auth.lastSeq` (the newest alert event it holds), so the
 * gateway replays what it missed (apps/api/src/realtime/alerts.gateway.ts; the web does the same in
 * apps/web/src/realtime/alert-stream.ts). Every `alert` event is kept, duplicates included, to be counted.
 */
export class FailoverSocket {
  readonly events: AlertEvent[] = [];
  /** When each connection became ready, and to which address. */
  readonly connections: { url: string; readyAt: number }[] = [];
  private socket: Socket | null = null;
  private closed = false;
  private index = 0;

  constructor(
    private readonly urls: readonly string[],
    private readonly token: string,
  ) {}

  get lastSeq(): number | null {
    return this.events.length === 0 ? null : Math.max(...this.events.map((e) => e.seq));
  }

  /** Connects to the first address; resolves on `ready`. */
  start(): Promise<void> {
    return this.open();
  }

  private open(): Promise<void> {
    const url = this.urls[this.index % this.urls.length];
    const lastSeq = this.lastSeq;
    const socket = io(url, {
      auth: lastSeq === null ? { token: this.token } : { token: this.token, lastSeq },
      transports: ['websocket'],
      reconnection: false,
      timeout: 5_000,
    });
    this.socket = socket;
    socket.on('alert', (event: AlertEvent) => this.events.push(event));
    socket.on('disconnect', () => this.failover());
    return new Promise((resolve, reject) => {
      socket.once('ready', () => {
        this.connections.push({ url, readyAt: Date.now() });
        resolve();
      });
      socket.once('connect_error', (error) => {
        reject(error);
        this.failover();
      });
    });
  }

  private failover(): void {
    if (this.closed) return;
    this.socket?.removeAllListeners();
    this.socket?.close();
    this.index++;
    setTimeout(() => {
      if (!this.closed) this.open().catch(() => undefined);
    }, 200);
  }

  close(): void {
    this.closed = true;
    this.socket?.removeAllListeners();
    this.socket?.close();
  }
}

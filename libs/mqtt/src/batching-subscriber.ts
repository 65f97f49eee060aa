import { connect as tcpConnect, type Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import mqttPacket, { type IPublishPacket, type Packet } from 'mqtt-packet';

export interface InboundMessage {
  readonly topic: string;
  readonly payload: Buffer;
}

/** Resolves once the whole batch is safely handed on; only then are its PUBACKs sent. */
export type BatchHandler = (messages: readonly InboundMessage[]) => Promise<void>;

export interface BatchingSubscriberOptions {
  readonly url: string;
  /** Fixed per connection: the broker keeps this client's session (and its QoS 1 backlog) across reconnects. */
  readonly clientId: string;
  readonly username?: string;
  readonly password?: string;
  readonly subscriptions: readonly string[];
  /** Most messages handed to the handler at once. */
  readonly maxBatch?: number;
  /** Longest a message waits for its batch to fill while no batch is being handed on. */
  readonly maxDelayMs?: number;
  /** Seconds the broker keeps the session after a disconnect (MQTT 5 §3.1.2.11.2). */
  readonly sessionExpirySeconds?: number;
  readonly keepaliveSeconds?: number;
}

const PROTOCOL_VERSION = 5;
const RECEIVE_MAXIMUM = 65_535;

/**
 * A subscribe-only MQTT 5 client that acknowledges in batches.
 *
 * MQTT.js hands a connection's messages over one at a time and sends each PUBACK after its handler, so making the
 * PUBACK wait for Kafka caps a connection at one Kafka round trip per message. Here the socket keeps reading while a
 * batch is being handed on; the next batch fills meanwhile, and each batch's PUBACKs go out together once its
 * handler resolved. QoS 1 semantics are unchanged: an unacknowledged message is redelivered by the broker on the
 * next connection of this persistent session (clean start off, session expiry set), so a crash loses nothing.
 * MQTT 5 §4.6: PUBACKs for a subscription are sent in the order the PUBLISH packets arrived, which batches keep.
 *
 * The broker bounds how many unacknowledged messages it sends (Receive Maximum, and Mosquitto's
 * `max_inflight_messages`); set the latter high in the broker config for throughput (deploy/local/mosquitto).
 */
export class BatchingMqttSubscriber {
  private readonly logger: Logger;
  private socket: Socket | null = null;
  private pending: { message: InboundMessage; messageId: number | undefined }[] = [];
  private flushing: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private connectedOnce: ((error?: Error) => void) | null = null;
  private readonly maxBatch: number;
  private readonly maxDelayMs: number;
  private nextMessageId = 1;
  private reconnectDelay = 200;
  private _connected = false;

  constructor(
    private readonly options: BatchingSubscriberOptions,
    private readonly handler: BatchHandler,
  ) {
    this.logger = new Logger(`MqttBatch:${options.clientId}`);
    this.maxBatch = options.maxBatch ?? 2_000;
    this.maxDelayMs = options.maxDelayMs ?? 2;
  }

  get connected(): boolean {
    return this._connected;
  }

  /** Connects and subscribes; resolves once the first SUBACK arrived. Reconnects by itself afterwards. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.connectedOnce = (error) => (error ? reject(error) : resolve());
      this.open();
    });
  }

  private open(): void {
    const url = new URL(this.options.url);
    if (url.protocol !== 'mqtt:' && url.protocol !== 'tcp:') {
      this.fail(new Error(`BatchingMqttSubscriber supports mqtt:// and tcp:// URLs, got ${url.protocol}`));
      return;
    }
    const socket = tcpConnect(Number(url.port || 1883), url.hostname);
    socket.setNoDelay(true);
    this.socket = socket;
    const parser = mqttPacket.parser({ protocolVersion: PROTOCOL_VERSION });
    parser.on('packet', (packet: Packet) => this.onPacket(packet));
    parser.on('error', (error: Error) => {
      this.logger.warn(`protocol error: ${error.message}`);
      socket.destroy();
    });
    socket.on('data', (chunk: Buffer) => parser.parse(chunk));
    socket.on('connect', () => {
      this.send({
        cmd: 'connect',
        protocolId: 'MQTT',
        protocolVersion: PROTOCOL_VERSION,
        clean: false,
        clientId: this.options.clientId,
        keepalive: this.options.keepaliveSeconds ?? 30,
        username: this.options.username || undefined,
        password: this.options.password ? Buffer.from(this.options.password) : undefined,
        properties: {
          sessionExpiryInterval: this.options.sessionExpirySeconds ?? 7 * 24 * 3600,
          receiveMaximum: RECEIVE_MAXIMUM,
        },
      });
    });
    socket.on('error', (error) => this.logger.warn(`socket: ${error.message}`));
    socket.on('close', () => this.onClose());
  }

  private onPacket(packet: Packet): void {
    switch (packet.cmd) {
      case 'connack': {
        if (packet.reasonCode && packet.reasonCode !== 0) {
          this.fail(new Error(`broker refused the connection (reason code ${packet.reasonCode})`));
          this.socket?.destroy();
          return;
        }
        this.send({
          cmd: 'subscribe',
          messageId: this.allocateId(),
          subscriptions: this.options.subscriptions.map((topic) => ({
            topic,
            qos: 1,
            nl: false,
            rap: false,
            rh: 0,
          })),
        });
        return;
      }
      case 'suback': {
        const refused = packet.granted.find(
          (g) => (typeof g === 'number' ? g : ((g as { qos?: number }).qos ?? 0)) >= 0x80,
        );
        if (refused !== undefined) {
          this.fail(new Error(`broker refused the subscription (reason code ${JSON.stringify(refused)})`));
          return;
        }
        this._connected = true;
        this.reconnectDelay = 200;
        this.startPings();
        this.logger.log(`subscribed to ${this.options.subscriptions.join(', ')}`);
        this.connectedOnce?.();
        this.connectedOnce = null;
        return;
      }
      case 'publish':
        this.onPublish(packet);
        return;
      case 'disconnect':
        this.logger.warn(`broker disconnected us (reason code ${packet.reasonCode ?? 0})`);
        return;
      default:
        return; // pingresp and others need no action
    }
  }

  private onPublish(packet: IPublishPacket): void {
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    this.pending.push({
      message: { topic: packet.topic, payload },
      messageId: packet.qos > 0 ? packet.messageId : undefined,
    });
    if (this.pending.length >= this.maxBatch) this.kick();
    else if (!this.timer) this.timer = setTimeout(() => this.kick(), this.maxDelayMs);
  }

  /** Starts a flush unless one is running; when it ends, the next batch (filled meanwhile) goes at once. */
  private kick(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.flushing || this.pending.length === 0) return;
    const batch = this.pending.splice(0, this.maxBatch);
    const socket = this.socket;
    this.flushing = this.deliver(batch, socket).finally(() => {
      this.flushing = null;
      if (this.pending.length > 0) this.kick();
    });
  }

  private async deliver(
    batch: { message: InboundMessage; messageId: number | undefined }[],
    socket: Socket | null,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.handler(batch.map((b) => b.message));
        break;
      } catch (error) {
        // Nothing is acknowledged: retry in place while the connection lives; if it drops, the broker redelivers.
        if (this.closed || socket !== this.socket || socket?.destroyed) return;
        const delay = Math.min(100 * 2 ** attempt, 5_000);
        this.logger.error(
          `batch of ${batch.length} not handed on (attempt ${attempt}), retrying in ${delay} ms: ${String(error)}`,
        );
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
    // PUBACKs only on the connection the messages came from: packet ids belong to that network connection.
    if (!socket || socket.destroyed || socket !== this.socket) return;
    for (const { messageId } of batch) {
      if (messageId !== undefined) this.send({ cmd: 'puback', messageId, reasonCode: 0 });
    }
  }

  private send(packet: Packet): void {
    const socket = this.socket;
    if (!socket || socket.destroyed) return;
    socket.write(mqttPacket.generate(packet, { protocolVersion: PROTOCOL_VERSION }));
  }

  private allocateId(): number {
    const id = this.nextMessageId;
    this.nextMessageId = (this.nextMessageId % 65_535) + 1;
    return id;
  }

  private startPings(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    const every = ((this.options.keepaliveSeconds ?? 30) * 1000) / 2;
    this.pingTimer = setInterval(() => this.send({ cmd: 'pingreq' }), every);
  }

  private onClose(): void {
    this._connected = false;
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
    // Messages not yet handed on are dropped here unacknowledged; the broker redelivers them to the new session.
    this.pending = [];
    if (this.closed) return;
    this.logger.warn(`connection lost; reconnecting in ${this.reconnectDelay} ms`);
    this.reconnectTimer = setTimeout(() => this.open(), this.reconnectDelay);
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, 5_000);
  }

  private fail(error: Error): void {
    if (this.connectedOnce) {
      this.connectedOnce(error);
      this.connectedOnce = null;
      this.closed = true;
      this.socket?.destroy();
    } else {
      this.logger.error(error.message);
    }
  }

  /** Hands on what was received, acknowledges it, then disconnects (the session stays for the next start). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.kick();
    while (this.flushing) await this.flushing;
    if (this.timer) clearTimeout(this.timer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    const socket = this.socket;
    if (socket && !socket.destroyed) {
      this.send({ cmd: 'disconnect', reasonCode: 0 });
      await new Promise<void>((resolve) => socket.end(resolve));
    }
    this.socket = null;
  }
}

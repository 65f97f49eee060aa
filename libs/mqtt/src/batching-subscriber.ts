import { connect as tcpConnect, type Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import mqttPacket, { type IPublishPacket, type Packet } from 'mqtt-packet';
import { OrderedBatchQueue, type BatchHandler } from './ordered-batch-queue';

export interface BatchingSubscriberOptions {
  readonly url: string;
  /** Fixed per connection: the broker keeps this client's session (and its QoS 1 backlog) across reconnects. */
  readonly clientId: string;
  readonly username?: string;
  readonly password?: string;
  readonly subscriptions: readonly string[];
  /** Most messages handed to the handler at once (when the subscriber has a queue of its own). */
  readonly maxBatch?: number;
  /** Longest a message waits for its batch to fill (when the subscriber has a queue of its own). */
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
 * handler resolved. Several connections of one shared-subscription group share one `OrderedBatchQueue`, so the
 * messages of all of them are handed on in the order they arrived (a device's readings stay in order). QoS 1 semantics are unchanged: an unacknowledged message is redelivered by the broker on the
 * next connection of this persistent session (clean start off, session expiry set), so a crash loses nothing.
 * MQTT 5 §4.6: PUBACKs for a subscription are sent in the order the PUBLISH packets arrived, which batches keep.
 *
 * The broker bounds how many unacknowledged messages it sends (Receive Maximum, and Mosquitto's
 * `max_inflight_messages`); set the latter high in the broker config for throughput (deploy/local/mosquitto).
 */
export class BatchingMqttSubscriber {
  private readonly logger: Logger;
  private socket: Socket | null = null;
  private readonly queue: OrderedBatchQueue;
  private readonly ownsQueue: boolean;
  private pingTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private connectedOnce: ((error?: Error) => void) | null = null;
  private nextMessageId = 1;
  private reconnectDelay = 200;
  private _connected = false;

  /** `sink`: a handler (the subscriber batches on its own) or a queue shared with the group's other connections. */
  constructor(
    private readonly options: BatchingSubscriberOptions,
    sink: BatchHandler | OrderedBatchQueue,
  ) {
    this.logger = new Logger(`MqttBatch:${options.clientId}`);
    this.ownsQueue = !(sink instanceof OrderedBatchQueue);
    this.queue =
      sink instanceof OrderedBatchQueue
        ? sink
        : new OrderedBatchQueue(sink, { maxBatch: options.maxBatch, maxDelayMs: options.maxDelayMs });
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
    const message = { topic: packet.topic, payload };
    // Packet ids belong to one network connection: the PUBACK goes on the socket the message came from, or not at all.
    const socket = this.socket;
    const deliverable = () => socket !== null && socket === this.socket && !socket.destroyed;
    const messageId = packet.qos > 0 ? packet.messageId : undefined;
    this.queue.push({
      message,
      deliverable,
      acknowledge: () => {
        if (messageId !== undefined && deliverable()) this.send({ cmd: 'puback', messageId, reasonCode: 0 });
      },
    });
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
    // Messages of this connection not yet handed on are skipped by the queue, unacknowledged; the broker redelivers
    // them to the new session.
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

  /**
   * Disconnects (the session stays for the next start). A subscriber with a queue of its own hands on and
   * acknowledges what it received first; with a shared queue, its owner drains it before closing the connections.
   */
  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.ownsQueue) await this.queue.close();
    if (this.pingTimer) clearInterval(this.pingTimer);
    const socket = this.socket;
    if (socket && !socket.destroyed) {
      this.send({ cmd: 'disconnect', reasonCode: 0 });
      await new Promise<void>((resolve) => socket.end(resolve));
    }
    this.socket = null;
  }
}

import mqtt, { type IClientOptions, type MqttClient, type IPublishPacket } from 'mqtt';
import { Logger } from '@nestjs/common';

export interface InboundMessage {
  readonly topic: string;
  readonly payload: Buffer;
}

/** Resolves when the message is safely handed on; only then is the PUBACK sent (MQTT 5 §4.3.2). */
export type InboundHandler = (message: InboundMessage) => Promise<void>;

export interface MqttSubscriberOptions {
  readonly url: string;
  /** Fixed per instance: the broker keeps this client's session (and QoS 1 backlog) across reconnects. */
  readonly clientId: string;
  readonly username?: string;
  readonly password?: string;
  /** Seconds the broker keeps the session after a disconnect. */
  readonly sessionExpirySeconds?: number;
}

/**
 * MQTT adapter for services that consume device messages: a persistent session (clean start off, session expiry
 * set — MQTT 5 expires a session at disconnect unless told otherwise) and QoS 1 subscriptions whose PUBACK waits
 * for the handler.
 */
export class MqttSubscriber {
  private client: MqttClient | null = null;
  private readonly logger = new Logger('MqttSubscriber');

  constructor(private readonly options: MqttSubscriberOptions) {}

  async start(subscriptions: readonly string[], handler: InboundHandler): Promise<void> {
    const opts: IClientOptions = {
      clientId: this.options.clientId,
      username: this.options.username || undefined,
      password: this.options.password || undefined,
      protocolVersion: 5,
      clean: false,
      properties: { sessionExpiryInterval: this.options.sessionExpirySeconds ?? 7 * 24 * 3600 },
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      resubscribe: true,
    };
    const client = mqtt.connect(this.options.url, opts);
    this.client = client;
    // mqtt.js sends the PUBACK for a QoS 1 message only after this callback: defer it until the handler is done.
    client.handleMessage = (packet: IPublishPacket, done: (error?: Error) => void) => {
      const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
      handler({ topic: packet.topic, payload }).then(
        () => done(),
        (error: unknown) => {
          this.logger.error(`handler failed, message left unacknowledged for redelivery: ${String(error)}`);
          done(error as Error);
        },
      );
    };
    client.on('error', (error) => this.logger.warn(`MQTT: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      client.once('error', onError);
      client.once('connect', () => {
        client.off('error', onError);
        resolve();
      });
    });
    await client.subscribeAsync(
      subscriptions.map((topic) => topic),
      { qos: 1 },
    );
    this.logger.log(`subscribed to ${subscriptions.join(', ')} as ${this.options.clientId}`);
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await client.endAsync();
  }
}

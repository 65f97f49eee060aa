import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { Logger } from '@nestjs/common';

export interface MqttPublisherOptions {
  readonly url: string;
  readonly clientId: string;
  /** The identity the broker authorises publishes by (for a device: its device id). */
  readonly username?: string;
  readonly password?: string;
  readonly connectTimeoutMs?: number;
}

/**
 * MQTT adapter for a service that publishes under one identity (the HJ 212 bridge holds one per device it
 * relays). QoS 1 publishes resolve on PUBACK, so "resolved" means the broker has the message. After the first
 * connection it reconnects by itself; QoS 1 messages published while offline wait in MQTT.js's outgoing store and
 * are sent on reconnect.
 */
export class MqttPublisher {
  private client: MqttClient | null = null;
  private readonly logger = new Logger('MqttPublisher');

  constructor(private readonly options: MqttPublisherOptions) {}

  /** Resolves once connected; rejects (and gives up) when the first connection fails. */
  async connect(): Promise<void> {
    const opts: IClientOptions = {
      clientId: this.options.clientId,
      username: this.options.username || undefined,
      password: this.options.password || undefined,
      protocolVersion: 5,
      clean: true,
      reconnectPeriod: 1000,
      connectTimeout: this.options.connectTimeoutMs ?? 10_000,
    };
    const client = mqtt.connect(this.options.url, opts);
    this.client = client;
    try {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        const onClose = () =>
          reject(new Error(`MQTT connection to ${this.options.url} closed before CONNACK`));
        client.once('error', onError);
        client.once('close', onClose);
        client.once('connect', () => {
          client.off('error', onError);
          client.off('close', onClose);
          resolve();
        });
      });
    } catch (error) {
      this.client = null;
      await client.endAsync(true);
      throw error;
    }
    client.on('error', (error) => this.logger.warn(`MQTT ${this.options.clientId}: ${error.message}`));
  }

  async publish(topic: string, payload: string | Buffer, qos: 0 | 1 = 1): Promise<void> {
    if (!this.client) throw new Error(`MQTT publisher ${this.options.clientId} is not connected`);
    await this.client.publishAsync(topic, payload, { qos });
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  async close(force = false): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await client.endAsync(force);
  }
}

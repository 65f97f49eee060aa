import { Logger } from '@nestjs/common';
import { telemetryTopic, type DeviceReading } from '@park/contracts';
import { MqttPublisher, type MqttPublisherOptions } from '@park/mqtt';

/** Publishes a device's readings as that device. Resolves once the broker has them (QoS 1 PUBACK). */
export interface TelemetryPublisher {
  publish(deviceId: string, reading: DeviceReading): Promise<void>;
  close(): Promise<void>;
}

export const TELEMETRY_PUBLISHER = Symbol('TelemetryPublisher');

/** The telemetry contract's payload: `flags` (the values' HJ 212 data flags other than N) only when there are some. */
export function telemetryPayload(reading: DeviceReading): string {
  return JSON.stringify(
    reading.flags
      ? { ts: reading.ts, values: reading.values, flags: reading.flags }
      : { ts: reading.ts, values: reading.values },
  );
}

/** The slice of MqttPublisher the pool uses (a fake in unit tests). */
export interface DeviceConnection {
  connect(): Promise<void>;
  publish(topic: string, payload: string, qos: 1): Promise<void>;
  close(force?: boolean): Promise<void>;
}

export type DeviceConnectionFactory = (options: MqttPublisherOptions) => DeviceConnection;

export interface DevicePublisherPoolOptions {
  readonly url: string;
  readonly clientIdPrefix: string;
  readonly publishTimeoutMs: number;
}

export class PublishTimeoutError extends Error {
  constructor(deviceId: string, ms: number) {
    super(`broker did not acknowledge ${deviceId}'s reading within ${ms} ms`);
    this.name = 'PublishTimeoutError';
  }
}

/**
 * One MQTT connection per device, username = device id: the broker's ACL lets a device publish only under its own
 * id, and the bridge speaks for each logger as that logger, never as a super-user. Connections are opened on the
 * device's first packet and kept for the life of the process (a park has tens of loggers, not thousands).
 * A connection that fails to open is forgotten, so the next packet tries again.
 */
export class DevicePublisherPool implements TelemetryPublisher {
  private readonly logger = new Logger(DevicePublisherPool.name);
  private readonly connections = new Map<string, Promise<DeviceConnection>>();
  private closed = false;

  constructor(
    private readonly options: DevicePublisherPoolOptions,
    private readonly factory: DeviceConnectionFactory = (o) => new MqttPublisher(o),
  ) {}

  async publish(deviceId: string, reading: DeviceReading): Promise<void> {
    const payload = telemetryPayload(reading);
    await this.withTimeout(deviceId, async () => {
      const connection = await this.connection(deviceId);
      await connection.publish(telemetryTopic(deviceId), payload, 1);
    });
  }

  get size(): number {
    return this.connections.size;
  }

  async close(): Promise<void> {
    this.closed = true;
    const pending = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(
      pending.map((p) =>
        p.then(
          (c) => c.close(),
          () => undefined,
        ),
      ),
    );
  }

  private connection(deviceId: string): Promise<DeviceConnection> {
    if (this.closed) return Promise.reject(new Error('publisher pool is closed'));
    const existing = this.connections.get(deviceId);
    if (existing) return existing;
    const connection = this.factory({
      url: this.options.url,
      clientId: `${this.options.clientIdPrefix}-${deviceId}`,
      username: deviceId,
      connectTimeoutMs: this.options.publishTimeoutMs,
    });
    const opening = connection.connect().then(
      () => {
        this.logger.log(`MQTT connected as ${deviceId}`);
        return connection;
      },
      (error: unknown) => {
        this.connections.delete(deviceId);
        throw error;
      },
    );
    this.connections.set(deviceId, opening);
    return opening;
  }

  private async withTimeout(deviceId: string, work: () => Promise<void>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new PublishTimeoutError(deviceId, this.options.publishTimeoutMs)),
        this.options.publishTimeoutMs,
      );
    });
    const attempt = work();
    // A late failure after the timeout must not become an unhandled rejection.
    attempt.catch(() => undefined);
    try {
      await Promise.race([attempt, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

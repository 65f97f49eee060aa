import { createServer, type AddressInfo, type Server } from 'node:net';
import { Logger } from '@nestjs/common';
import type Aedes from 'aedes';
import { createBroker, type AuthenticateError, type Client } from 'aedes';
import { parseDeviceTopic } from '@park/contracts';
import type { BatchHandler, InboundMessage } from './batching-subscriber';

/** What the broker needs to know of a device to let it connect: the same fields Mosquitto's files are made of. */
export interface EmbeddedBrokerAccount {
  readonly credentialHash: string | null;
  readonly enabled: boolean;
}

export interface EmbeddedBrokerOptions {
  readonly host: string;
  /** The port wanted; when another broker holds it, the next free one of `portAttempts` is taken. */
  readonly port: number;
  readonly portAttempts?: number;
  /** The device's record, or null when there is none (username = device id). */
  readonly findAccount: (username: string) => Promise<EmbeddedBrokerAccount | null>;
  /** Checks a password against the stored credential (PBKDF2 `$7$…`, as Mosquitto does). */
  readonly verifySecret: (secret: string, credentialHash: string) => Promise<boolean>;
  /** Receives device messages in batches; the devices' PUBACKs are sent only once it resolves. */
  readonly handler: BatchHandler;
  readonly maxBatch: number;
  readonly maxDelayMs: number;
}

interface Pending {
  readonly message: InboundMessage;
  readonly done: (error?: Error | null) => void;
}

/** MQTT 3.1.1 CONNACK return codes (aedes speaks 3.1 and 3.1.1, not MQTT 5). */
const NOT_AUTHORIZED = 5;
const BAD_USERNAME_OR_PASSWORD = 4;

/**
 * The standalone mode's MQTT broker (aedes, in-process), with the same rules as the Mosquitto deployment:
 * a device connects with its id as username and its secret as password (checked against the hashed credential in
 * the records; disabled devices and devices without a credential cannot connect), publishes only on its own
 * telemetry and status topics, and subscribes to nothing.
 *
 * Instead of a subscriber connection, ingestion sits inside the broker: every message a device publishes (and its
 * last will) is handed to `handler` in batches from `authorizePublish`, and aedes sends the PUBACK only after the
 * handler resolved — the same "acknowledged means on the bus" guarantee as the microservices path. A failing
 * handler fails the publish, so aedes drops the connection and the device sends the message again.
 */
export class EmbeddedBroker {
  private readonly logger = new Logger('EmbeddedBroker');
  private broker: Aedes | null = null;
  private server: Server | null = null;
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private boundPort = 0;
  /** The username each connected client authenticated as. */
  private readonly users = new WeakMap<Client, string>();

  constructor(private readonly options: EmbeddedBrokerOptions) {}

  /** The port the broker listens on (after start). */
  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `mqtt://${this.options.host}:${this.boundPort}`;
  }

  get connectedClients(): number {
    return this.broker?.connectedClients ?? 0;
  }

  async start(): Promise<void> {
    const broker = createBroker({
      authenticate: (client, username, password, done) => {
        this.authenticate(username, password).then(
          (ok) => {
            if (ok && username) this.users.set(client, username);
            done(ok ? null : authError(BAD_USERNAME_OR_PASSWORD), ok);
          },
          (error: Error) => {
            this.logger.warn(`authentication of ${username ?? '(none)'} failed: ${error.message}`);
            done(authError(NOT_AUTHORIZED), false);
          },
        );
      },
      authorizePublish: (client, packet, done) =>
        this.authorizePublish(client, packet.topic, packet.payload, done),
      authorizeSubscribe: (client, subscription, done) => {
        this.logger.warn(
          `${client.id}: subscription to ${subscription.topic} refused (devices only publish)`,
        );
        done(null, null);
      },
    });
    this.broker = broker;
    const attempts = Math.max(1, this.options.portAttempts ?? 1);
    for (let i = 0; i < attempts; i++) {
      const port = this.options.port === 0 ? 0 : this.options.port + i;
      try {
        this.server = await listen(broker, this.options.host, port);
        this.boundPort = (this.server.address() as AddressInfo).port;
        if (i > 0)
          this.logger.warn(`port ${this.options.port} is taken (another broker?); listening on ${port}`);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || i === attempts - 1) {
          await new Promise<void>((resolve) => broker.close(() => resolve()));
          throw error;
        }
      }
    }
  }

  async close(): Promise<void> {
    const server = this.server;
    const broker = this.broker;
    this.server = null;
    this.broker = null;
    // Stop taking connections; close the clients (their unacknowledged messages come again on reconnect).
    if (broker) await new Promise<void>((resolve) => broker.close(() => resolve()));
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flushing;
    // Whatever is still pending was never acknowledged: fail it so nothing waits forever.
    const left = this.pending;
    this.pending = [];
    for (const p of left) p.done(new Error('broker closed'));
  }

  private async authenticate(username: string | undefined, password: Buffer | undefined): Promise<boolean> {
    if (!username || !password) return false;
    const account = await this.options.findAccount(username);
    if (!account || !account.enabled || !account.credentialHash) return false;
    return this.options.verifySecret(password.toString('utf8'), account.credentialHash);
  }

  private authorizePublish(
    client: Client | null,
    topic: string,
    payload: Buffer | string,
    done: (error?: Error | null) => void,
  ): void {
    const target = parseDeviceTopic(topic);
    // Publish only as yourself: the topic's device id must be the username the credential was checked for
    // (the client id is not trusted).
    const username = client ? this.users.get(client) : undefined;
    if (!client || !target || target.deviceId !== username) {
      this.logger.warn(`${client?.id ?? 'broker'}: publish to ${topic} refused (not its own device topic)`);
      done(new Error('not authorized'));
      return;
    }
    const buffer = typeof payload === 'string' ? Buffer.from(payload) : payload;
    this.pending.push({ message: { topic, payload: buffer }, done });
    if (this.pending.length >= this.options.maxBatch) this.flushSoon(0);
    else this.flushSoon(this.options.maxDelayMs);
  }

  private flushSoon(delayMs: number): void {
    if (this.timer && delayMs > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      // One batch at a time, in arrival order, so each device's messages keep their order on the bus.
      this.flushing = this.flushing.then(() => this.flush());
    }, delayMs);
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.options.maxBatch);
      try {
        await this.options.handler(batch.map((p) => p.message));
        for (const p of batch) p.done(null);
      } catch (error) {
        this.logger.error(`batch of ${batch.length} not accepted: ${(error as Error).message}`);
        for (const p of batch) p.done(error as Error);
      }
    }
  }
}

function authError(code: number): AuthenticateError {
  const error = new Error('not authorized') as AuthenticateError;
  error.returnCode = code;
  return error;
}

function listen(broker: Aedes, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(broker.handle);
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import type Aedes from 'aedes';
import { createBroker, type AuthenticateError, type Client } from 'aedes';
import { parseDeviceTopic } from '@park/contracts';
import { AuthThrottle, DEFAULT_AUTH_THROTTLE, throttleKey, type AuthThrottleOptions } from './auth-throttle';
import type { BatchHandler, InboundMessage } from './ordered-batch-queue';
import type { BrokerSecurityMetrics, SessionEndReason } from './broker-metrics';
import { DEFAULT_MQTT_CONNECTION_LIMITS, SocketGuard, type MqttConnectionLimits } from './packet-size-guard';

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
  /** Packet size and pre-authentication limits (DEFAULT_MQTT_CONNECTION_LIMITS for what is not given). */
  readonly limits?: Partial<MqttConnectionLimits>;
  /** The per-address login throttle (DEFAULT_AUTH_THROTTLE for what is not given). */
  readonly throttle?: Partial<AuthThrottleOptions>;
  /** Where refused logins, throttling, refused connections and ended sessions are counted. */
  readonly metrics?: BrokerSecurityMetrics;
  /**
   * Every this many ms, every connected device's record is looked up again and its session closed when it was
   * disabled, removed or given a new credential (a safety net under `recheck`, which the records' change events
   * call). 0 turns the periodic check off.
   */
  readonly accountRecheckMs?: number;
}

/** Who a connected client authenticated as, and with which stored credential. */
interface Session {
  readonly username: string;
  readonly credentialHash: string;
}

interface Pending {
  readonly message: InboundMessage;
  readonly done: (error?: Error | null) => void;
}

/** MQTT 3.1.1 CONNACK return codes (aedes speaks 3.1 and 3.1.1, not MQTT 5). */
const NOT_AUTHORIZED = 5;
const BAD_USERNAME_OR_PASSWORD = 4;
const SERVER_UNAVAILABLE = 3;

const NO_METRICS: BrokerSecurityMetrics = {
  authFailure: () => undefined,
  authThrottled: () => undefined,
  connectionRefused: () => undefined,
  sessionEnded: () => undefined,
};

/**
 * The standalone mode's MQTT broker (aedes, in-process), with the same rules as the Mosquitto deployment:
 * a device connects with its id as username and its secret as password (checked against the hashed credential in
 * the records; disabled devices and devices without a credential cannot connect), publishes only on its own
 * telemetry and status topics, and subscribes to nothing. As Mosquitto's `use_username_as_clientid`, the client id
 * a device sends is replaced by its username once it authenticated: a session belongs to the device, so one
 * device can never take over (and fire the last will of) another's session by sending its client id.
 *
 * Before aedes reads a byte, each connection's bytes pass a SocketGuard (packet-size-guard.ts): a small
 * byte budget and a deadline until the CONNECT is accepted, a packet-size limit after. Logins are throttled per
 * client address (auth-throttle.ts). A device disabled, removed or given a new credential loses its open session
 * on `recheck` (called on the records' change events) or at the latest after `accountRecheckMs`.
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
  private readonly users = new WeakMap<Client, Session>();
  /** The limits' guard of each connection (aedes' `client.conn` is the socket). */
  private readonly guards = new WeakMap<object, SocketGuard>();
  /** Connected devices by username (= client id). */
  private readonly sessions = new Map<string, Client>();
  private readonly limits: MqttConnectionLimits;
  private readonly throttle: AuthThrottle;
  private readonly metrics: BrokerSecurityMetrics;
  private recheckTimer: NodeJS.Timeout | null = null;
  private rechecking: Promise<void> = Promise.resolve();

  constructor(private readonly options: EmbeddedBrokerOptions) {
    this.limits = { ...DEFAULT_MQTT_CONNECTION_LIMITS, ...options.limits };
    this.throttle = new AuthThrottle({ ...DEFAULT_AUTH_THROTTLE, ...options.throttle });
    this.metrics = options.metrics ?? NO_METRICS;
  }

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
      // aedes's own deadline for the CONNECT to arrive; the guard's covers the login as well.
      connectTimeout: this.limits.preAuthTimeoutMs,
      authenticate: (client, username, password, done) => {
        this.authenticate(client, username, password).then(
          (returnCode) => done(returnCode === 0 ? null : authError(returnCode), returnCode === 0),
          (error: Error) => {
            this.logger.warn(`authentication of ${username ?? '(none)'} failed: ${error.message}`);
            this.metrics.authFailure('lookup-failed');
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
    broker.on('clientReady', (client) => {
      if (this.users.has(client)) this.sessions.set(client.id, client);
    });
    broker.on('clientDisconnect', (client) => {
      if (this.sessions.get(client.id) === client) this.sessions.delete(client.id);
    });
    this.broker = broker;
    const accountRecheckMs = this.options.accountRecheckMs ?? 30_000;
    if (accountRecheckMs > 0) {
      this.recheckTimer = setInterval(() => void this.recheck(), accountRecheckMs);
      this.recheckTimer.unref();
    }
    const attempts = Math.max(1, this.options.portAttempts ?? 1);
    for (let i = 0; i < attempts; i++) {
      const port = this.options.port === 0 ? 0 : this.options.port + i;
      try {
        this.server = await listen(
          (socket) => {
            this.guards.set(
              socket,
              new SocketGuard(socket, this.limits, (violation) => this.metrics.connectionRefused(violation)),
            );
            broker.handle(socket);
          },
          this.options.host,
          port,
        );
        this.boundPort = (this.server.address() as AddressInfo).port;
        if (i > 0)
          this.logger.warn(`port ${this.options.port} is taken (another broker?); listening on ${port}`);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || i === attempts - 1) {
          this.stopRecheck();
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
    this.stopRecheck();
    await this.rechecking;
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

  /**
   * Publishes in-process as a device, for a gateway in the same process that authenticated the device its own way
   * (the HJ 212 bridge checks a data logger's MN and access password). The rules of a device's own session still
   * hold: the device must be in the records and enabled, and may publish only on its own topics. The message joins
   * the devices' batches in arrival order, and the promise resolves when the handler has it — where a device would
   * get its PUBACK — or rejects, as a device's publish fails.
   */
  async publishAs(deviceId: string, topic: string, payload: Buffer): Promise<void> {
    if (!this.broker) throw new Error('broker is not running');
    if (parseDeviceTopic(topic)?.deviceId !== deviceId) {
      throw new Error(`${deviceId}: publish to ${topic} refused (not its own device topic)`);
    }
    const account = await this.options.findAccount(deviceId);
    if (!account || !account.enabled) {
      throw new Error(`${deviceId}: publish refused (${account ? 'disabled' : 'not in the records'})`);
    }
    await new Promise<void>((resolve, reject) => {
      this.pending.push({
        message: { topic, payload },
        done: (error) => (error ? reject(error) : resolve()),
      });
      this.flushSoon(this.pending.length >= this.options.maxBatch ? 0 : this.options.maxDelayMs);
    });
  }

  /**
   * Re-checks connected devices against the records (one device, or all) and closes the session of each that was
   * disabled, removed or given a new credential since it logged in: a rotated secret or a disabled device must
   * not keep a session the old secret opened. Checks run one after another.
   */
  recheck(username?: string): Promise<void> {
    this.rechecking = this.rechecking.then(() => this.recheckNow(username));
    return this.rechecking;
  }

  private async recheckNow(username: string | undefined): Promise<void> {
    const clients =
      username === undefined
        ? [...this.sessions.values()]
        : [this.sessions.get(username)].filter((c): c is Client => c !== undefined);
    for (const client of clients) {
      const session = this.users.get(client);
      if (!session || client.closed) continue;
      let account: EmbeddedBrokerAccount | null;
      try {
        account = await this.options.findAccount(session.username);
      } catch (error) {
        this.logger.warn(`re-check of ${session.username} failed: ${(error as Error).message}`);
        continue;
      }
      const reason: SessionEndReason | null = !account
        ? 'removed'
        : !account.enabled
          ? 'disabled'
          : account.credentialHash !== session.credentialHash
            ? 'credential-changed'
            : null;
      if (!reason) continue;
      this.logger.log(`${session.username}: session closed (${reason})`);
      this.metrics.sessionEnded(reason);
      client.close();
    }
  }

  /** Resolves to the CONNACK return code: 0 accepted, else refused. */
  private async authenticate(
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
  ): Promise<number> {
    const conn = this.guards.get(client.conn) ?? null;
    const turn = await this.throttle.turn(
      throttleKey(conn?.remoteAddress ?? 'unknown'),
      () => !client.closed,
    );
    if (turn.outcome !== 'go') {
      if (turn.outcome === 'gone') return NOT_AUTHORIZED;
      this.metrics.authThrottled('refused');
      return SERVER_UNAVAILABLE;
    }
    if (turn.delayedMs > 0) this.metrics.authThrottled('delayed');
    let credentialHash: string | null;
    try {
      credentialHash = await this.check(username, password);
    } catch (error) {
      // A failed lookup is not the client's failure: it does not count against its address.
      turn.done(true);
      throw error;
    }
    turn.done(credentialHash !== null);
    if (credentialHash === null || !username) {
      this.metrics.authFailure('bad-credentials');
      return BAD_USERNAME_OR_PASSWORD;
    }
    conn?.markAuthenticated();
    this.users.set(client, { username, credentialHash });
    // The session is the device's: its username is its client id (aedes registers and takes over by client.id
    // after this callback), whatever id it sent.
    client.id = username;
    return 0;
  }

  /** The stored credential the password matched, or null when the login is refused. */
  private async check(username: string | undefined, password: Buffer | undefined): Promise<string | null> {
    if (!username || !password) return null;
    const account = await this.options.findAccount(username);
    if (!account || !account.enabled || !account.credentialHash) return null;
    const ok = await this.options.verifySecret(password.toString('utf8'), account.credentialHash);
    return ok ? account.credentialHash : null;
  }

  private stopRecheck(): void {
    if (this.recheckTimer) clearInterval(this.recheckTimer);
    this.recheckTimer = null;
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
    const username = client ? this.users.get(client)?.username : undefined;
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

function listen(onConnection: (socket: Socket) => void, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer(onConnection);
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

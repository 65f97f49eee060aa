/**
 * Both MQTT brokers of the platform, started for a security spec with the same device accounts: the standalone
 * mode's embedded broker (libs/mqtt EmbeddedBroker, in this process) and park-mosquitto's configuration (two
 * listeners, files from renderMosquittoAuth; test/support/mosquitto-instance.ts). Plus raw-socket and client
 * helpers for the probes.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { Registry } from 'prom-client';
import { generateSecret, hashDeviceSecret, verifyDeviceSecret } from '@park/auth';
import {
  brokerSecurityMetrics,
  EmbeddedBroker,
  renderMosquittoAuth,
  type BrokerDeviceAccount,
  type EmbeddedBrokerAccount,
  type EmbeddedBrokerOptions,
  type InboundMessage,
} from '@park/mqtt';
import { startMosquitto, type MosquittoInstance } from '../../support/mosquitto-instance';

export const INGESTION_USER = 'park-ingestion';

/** Device accounts as the records hold them, with the secrets the test knows. */
export class DeviceAccounts {
  readonly secrets = new Map<string, string>();
  readonly accounts = new Map<string, EmbeddedBrokerAccount>();
  readonly ingestionSecret = generateSecret();

  static async create(ids: readonly string[]): Promise<DeviceAccounts> {
    const accounts = new DeviceAccounts();
    for (const id of ids) await accounts.rotate(id);
    return accounts;
  }

  /** Gives the device a new secret (a credential rotation); returns it. */
  async rotate(id: string): Promise<string> {
    const secret = generateSecret();
    this.secrets.set(id, secret);
    const enabled = this.accounts.get(id)?.enabled ?? true;
    this.accounts.set(id, { credentialHash: await hashDeviceSecret(secret), enabled });
    return secret;
  }

  disable(id: string): void {
    const account = this.accounts.get(id);
    if (account) this.accounts.set(id, { ...account, enabled: false });
  }

  secret(id: string): string {
    const secret = this.secrets.get(id);
    if (!secret) throw new Error(`no secret for ${id}`);
    return secret;
  }

  /** The broker files park-mosquitto would be given for these records. */
  async mosquittoFiles() {
    const devices: BrokerDeviceAccount[] = [...this.accounts].map(([id, a]) => ({ id, ...a }));
    return renderMosquittoAuth(devices, [
      {
        username: INGESTION_USER,
        credentialHash: await hashDeviceSecret(this.ingestionSecret),
        read: ['park/v1/devices/+/telemetry', 'park/v1/devices/+/status'],
      },
    ]);
  }
}

export interface RunningEmbedded {
  readonly broker: EmbeddedBroker;
  readonly url: string;
  readonly port: number;
  readonly registry: Registry;
  /** Every message the broker handed to ingestion. */
  readonly received: InboundMessage[];
}

export async function startEmbedded(
  accounts: DeviceAccounts,
  overrides: Partial<EmbeddedBrokerOptions> = {},
): Promise<RunningEmbedded> {
  const registry = new Registry();
  const received: InboundMessage[] = [];
  const broker = new EmbeddedBroker({
    host: '127.0.0.1',
    port: 0,
    findAccount: (username) => Promise.resolve(accounts.accounts.get(username) ?? null),
    verifySecret: verifyDeviceSecret,
    handler: (messages) => {
      received.push(...messages);
      return Promise.resolve();
    },
    maxBatch: 100,
    maxDelayMs: 2,
    metrics: brokerSecurityMetrics(registry),
    ...overrides,
  });
  await broker.start();
  return { broker, url: broker.url, port: broker.port, registry, received };
}

export async function startParkMosquitto(accounts: DeviceAccounts): Promise<MosquittoInstance> {
  return startMosquitto({ auth: await accounts.mosquittoFiles() });
}

/** Opens a client; resolves once connected, rejects on a refused or failed CONNECT. */
export function connectClient(url: string, options: IClientOptions): Promise<MqttClient> {
  const client = mqtt.connect(url, { reconnectPeriod: 0, connectTimeout: 10_000, ...options });
  return new Promise<MqttClient>((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', (error) => {
      client.end(true);
      reject(error);
    });
    client.once('close', () => reject(new Error('closed before CONNACK')));
  });
}

/** Resolves true once the client's connection closes, false if it is still open after `withinMs`. */
export function closesWithin(client: MqttClient, withinMs: number): Promise<boolean> {
  if (!client.connected) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), withinMs);
    client.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export function rawSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Resolves with ms until the socket closed, or null if it is still open after `withinMs`. */
export function socketClosesWithin(socket: Socket, withinMs: number): Promise<number | null> {
  const started = Date.now();
  if (socket.destroyed) return Promise.resolve(0);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), withinMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
  });
}

/** An MQTT fixed header: packet type byte and the remaining length as a variable byte integer. */
export function fixedHeader(typeByte: number, remainingLength: number): Buffer {
  const bytes = [typeByte];
  let x = remainingLength;
  do {
    let byte = x % 128;
    x = Math.floor(x / 128);
    if (x > 0) byte |= 0x80;
    bytes.push(byte);
  } while (x > 0);
  return Buffer.from(bytes);
}

/** The largest remaining length MQTT can announce: 268,435,455 bytes (256 MiB − 1). */
export const MAX_REMAINING_LENGTH = 268_435_455;

/**
 * Announces a CONNECT of `announced` bytes and streams filler after it, as an attacker who never logs in would.
 * Stops at `streamBytes` or when the broker closes the connection; resolves with what was sent and whether the
 * broker closed it (and how fast).
 */
export async function streamOversizedConnect(
  port: number,
  announced: number,
  streamBytes: number,
  withinMs: number,
): Promise<{ closed: boolean; sentBytes: number; ms: number }> {
  const socket = await rawSocket(port);
  socket.on('error', () => undefined);
  const started = Date.now();
  let closed = false;
  socket.once('close', () => (closed = true));
  const chunk = Buffer.alloc(256 * 1024, 0x41);
  let sent = 0;
  const gone = () => closed || socket.destroyed;
  /** Resolves once the kernel took the bytes (true), or false when the connection is gone. */
  const write = (data: Buffer) =>
    new Promise<boolean>((resolve) => {
      if (gone()) return resolve(false);
      socket.write(data, (error) => resolve(!error && !gone()));
    });
  await write(fixedHeader(0x10, announced));
  while (sent < streamBytes && Date.now() - started < withinMs) {
    if (!(await write(chunk))) break;
    sent += chunk.length;
  }
  if (!gone()) await socketClosesWithin(socket, Math.max(0, withinMs - (Date.now() - started)));
  const result = { closed: gone(), sentBytes: sent, ms: Date.now() - started };
  socket.destroy();
  return result;
}

/** The value of one counter series in a Prometheus text (0 when absent). */
export function counterValue(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort();
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_]+)(?:\{([^}]*)\})? ([0-9.e+-]+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',').filter(Boolean).sort();
    if (have.join(',') === wanted.join(',')) return Number(match[3]);
  }
  return 0;
}

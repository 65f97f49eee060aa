import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { hashSecret, type UserRole } from '@park/auth';
import { loadConfig } from '@park/config';
import { openRecords, UserRepository } from '@park/records';
import { io, type Socket } from 'socket.io-client';
import type { DataSource } from 'typeorm';
import { apiConfigSpec } from '../../../apps/api/src/api.config';
import { startApi } from '../../../apps/api/src/main';
import { createTestEnvironment, type TestEnvironment } from '../../support/test-environment';

/**
 * The world of the authentication suites (auth-*.sec-spec.ts): the API on either records backend with a few
 * users of its own (no demo park: the suites need accounts, not data), and clients for REST and socket.io.
 */
export type AuthDialect = 'postgres' | 'sqlite';

export const AUTH_PASSWORD = 'auth-security-password';
export const AUTH_JWT_SECRET = 'auth-security-test-secret-long-enough-0123456789';

/** The accounts every world has: username → role. */
export const AUTH_USERS: Readonly<Record<string, UserRole>> = {
  admin: 'admin',
  officer: 'officer',
  'wang.fang': 'officer',
  'li.na': 'operator',
  'zhao.lei': 'operator',
  'chen.jie': 'officer',
  'sun.li': 'operator',
};

export interface AuthWorld {
  readonly dialect: AuthDialect;
  readonly url: string;
  readonly app: NestExpressApplication;
  readonly databaseUrl: string;
  /** Settings the API was started with; `startAnother` starts a second instance over the same records. */
  startAnother(label: string, settings?: Record<string, string>): Promise<NestExpressApplication>;
  close(): Promise<void>;
}

export async function startAuthWorld(
  dialect: AuthDialect,
  label: string,
  settings: Record<string, string> = {},
): Promise<AuthWorld> {
  let env: TestEnvironment | null = null;
  let dir: string | null = null;
  let records: DataSource;
  let vars: Record<string, string>;
  const base = { JWT_SECRET: AUTH_JWT_SECRET, API_PORT: '0', KAFKA_TOPIC_PARTITIONS: '1' };
  if (dialect === 'postgres') {
    env = await createTestEnvironment(label);
    // The wall's summary reads telemetry: this run's InfluxDB database must exist.
    await env.influx.ensureSchema();
    records = env.records;
    vars = {
      ...base,
      DATABASE_URL: env.databaseUrl,
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      PARK_NAMESPACE: env.namespace,
      INFLUX_URL: env.influxUrl,
      INFLUX_DATABASE: env.influxDatabase,
    };
  } else {
    dir = mkdtempSync(join(tmpdir(), `park-${label}-`));
    records = await openRecords(`sqlite:${join(dir, 'records.db')}`);
    vars = {
      ...base,
      DATABASE_URL: `sqlite:${join(dir, 'records.db')}`,
      BUS: 'in-process',
      TELEMETRY_SQLITE_PATH: join(dir, 'telemetry.db'),
    };
  }
  const users = new UserRepository(records);
  const passwordHash = await hashSecret(AUTH_PASSWORD);
  for (const [username, role] of Object.entries(AUTH_USERS)) {
    await users.create({ username, displayName: username, passwordHash, role, enterpriseId: null });
  }
  const apps: NestExpressApplication[] = [];
  const start = async (instance: string, extra: Record<string, string>) => {
    const app = await startApi(
      loadConfig(apiConfigSpec, { ...vars, API_INSTANCE_ID: `${label}-${instance}`, ...settings, ...extra }),
      { webRoot: null },
    );
    apps.push(app);
    return app;
  };
  const app = await start('a', {});
  return {
    dialect,
    app,
    url: (await app.getUrl()).replace('[::1]', '127.0.0.1'),
    databaseUrl: vars.DATABASE_URL,
    startAnother: (instance, extra = {}) => start(instance, extra),
    async close() {
      for (const a of apps.reverse()) await a.close();
      if (env) await env.teardown();
      else await records.destroy();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** Milliseconds from sending to the whole answer. */
  readonly ms: number;
}

/**
 * One HTTP call, optionally from a given local address (127.0.0.x all reach the API on 127.0.0.1, and the API
 * sees each as a different client: how the throttle suites play an office NAT and an attacker elsewhere).
 */
export function call(
  url: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; from?: string } = {},
): Promise<Answer> {
  const started = Date.now();
  const target = new URL(path, url);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: `${target.pathname}${target.search}`,
        method,
        localAddress: options.from,
        headers: {
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: Record<string, unknown> = {};
          try {
            body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
          } catch {
            body = { text };
          }
          resolve({ status: res.statusCode ?? 0, body, ms: Date.now() - started });
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

export async function signIn(url: string, username: string, password = AUTH_PASSWORD): Promise<string> {
  const res = await call(url, 'POST', '/api/auth/login', { body: { username, password } });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken as string;
}

/** A socket.io client that records what it receives and whether the server closed it. */
export interface SocketProbe {
  readonly socket: Socket;
  readonly received: { event: string; payload: unknown }[];
  /** Resolves with the reason when the connection closes. */
  readonly closed: Promise<string>;
  close(): void;
}

/** Connects with the token and waits for `ready`; rejects with the handshake's refusal. */
export function openSocket(url: string, token: string): Promise<SocketProbe> {
  const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  const received: { event: string; payload: unknown }[] = [];
  socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
  const closed = new Promise<string>((resolve) => socket.on('disconnect', (reason) => resolve(reason)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket: no ready within 10 s')), 10_000);
    socket.on('ready', () => {
      clearTimeout(timer);
      resolve({ socket, received, closed, close: () => socket.close() });
    });
    socket.on('connect_error', (error) => {
      clearTimeout(timer);
      socket.close();
      reject(error);
    });
  });
}

/** Whether a socket with this token is refused at the handshake (`unauthorized: …`). */
export async function socketRefused(url: string, token: string): Promise<boolean> {
  try {
    const probe = await openSocket(url, token);
    probe.close();
    return false;
  } catch (error) {
    return error instanceof Error && /unauthori[sz]ed/.test(error.message);
  }
}

/** The JSON payload of a token (not verified: the suites read their own tokens). */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

/** Resolves with true when `promise` settles within `ms`, false otherwise. */
export function within<T>(promise: Promise<T>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(false);
      },
    );
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

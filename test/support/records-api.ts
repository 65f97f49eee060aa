import type { INestApplication } from '@nestjs/common';
import { loadConfig } from '@park/config';
import { apiConfigSpec } from '../../apps/api/src/api.config';
import { startApi } from '../../apps/api/src/main';
import type { TestEnvironment } from './test-environment';

/** The API on a free port over the test environment's database (no web app); `settings` are extra API variables. */
export async function startRecordsApi(
  env: TestEnvironment,
  settings: Record<string, string> = {},
): Promise<{ app: INestApplication; url: string }> {
  const app = await startApi(
    loadConfig(apiConfigSpec, {
      DATABASE_URL: env.databaseUrl,
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      PARK_NAMESPACE: env.namespace,
      KAFKA_TOPIC_PARTITIONS: '1',
      JWT_SECRET: 'records-test-secret-that-is-long-enough-0123',
      API_PORT: '0',
      API_INSTANCE_ID: `records-${env.runId}`,
      INFLUX_URL: env.influxUrl,
      INFLUX_DATABASE: env.influxDatabase,
      ...settings,
    }),
    { webRoot: null },
  );
  return { app, url: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}

export interface Caller {
  (method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown; text: string }>;
}

export function caller(url: string, token?: string): Caller {
  return async (method, path, body) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON (an export, an empty 204)
    }
    return { status: res.status, body: parsed, text };
  };
}

export async function login(url: string, username: string, password: string): Promise<string> {
  const res = await caller(url)('POST', '/api/auth/login', { username, password });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
  return (res.body as { accessToken: string }).accessToken;
}

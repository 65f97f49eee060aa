import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@park/config';
import { openRecords, seedDemoPark } from '@park/records';
import type { DataSource } from 'typeorm';
import { apiConfigSpec } from '../../../apps/api/src/api.config';
import { startApi } from '../../../apps/api/src/main';
import { createTestEnvironment } from '../../support/test-environment';

/** The API with the demo park's logins, on one of the two records backends the product supports. */
export interface ApiBackend {
  readonly url: string;
  readonly records: DataSource;
  stop(): Promise<void>;
}

export type ApiBackendFactory = (password: string, extraEnv?: Record<string, string>) => Promise<ApiBackend>;

/** The API on an embedded SQLite file, with the in-process bus and embedded telemetry: the standalone wiring. */
export const sqliteApi: ApiBackendFactory = async (password, extraEnv = {}) => {
  const dir = mkdtempSync(join(tmpdir(), 'park-security-'));
  const databaseUrl = `sqlite:${join(dir, 'records.db')}`;
  const records = await openRecords(databaseUrl, { migrate: true });
  await seedDemoPark(records, password);
  const app = await startApi(
    loadConfig(apiConfigSpec, {
      DATABASE_URL: databaseUrl,
      BUS: 'in-process',
      TELEMETRY_SQLITE_PATH: join(dir, 'telemetry.db'),
      JWT_SECRET: 'security-test-secret-that-is-long-enough-0123',
      API_PORT: '0',
      ...extraEnv,
    }),
    { webRoot: null },
  );
  return {
    url: (await app.getUrl()).replace('[::1]', '127.0.0.1'),
    records,
    stop: async () => {
      await app.close();
      await records.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

/** The API on the real PostgreSQL (its own database for the run), as the microservices mode runs it. */
export const postgresApi: ApiBackendFactory = async (password, extraEnv = {}) => {
  const env = await createTestEnvironment('security');
  // The telemetry writer creates it in the microservices mode; here no writer runs, and the wall reads it.
  await env.influx.ensureSchema();
  await seedDemoPark(env.records, password);
  const app = await startApi(
    loadConfig(apiConfigSpec, {
      DATABASE_URL: env.databaseUrl,
      KAFKA_BROKERS: env.kafkaBrokers.join(','),
      PARK_NAMESPACE: env.namespace,
      KAFKA_TOPIC_PARTITIONS: '1',
      JWT_SECRET: 'security-test-secret-that-is-long-enough-0123',
      API_PORT: '0',
      API_INSTANCE_ID: `security-${env.runId}`,
      INFLUX_URL: env.influxUrl,
      INFLUX_DATABASE: env.influxDatabase,
      ...extraEnv,
    }),
    { webRoot: null },
  );
  return {
    url: (await app.getUrl()).replace('[::1]', '127.0.0.1'),
    records: env.records,
    stop: async () => {
      await app.close();
      await env.teardown();
    },
  };
};

export const API_BACKENDS = [
  ['SQLite', sqliteApi],
  ['PostgreSQL', postgresApi],
] as const;

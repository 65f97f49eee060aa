/**
 * /health in both modes, through @nestjs/terminus: the API's (records and telemetry) on SQLite with the embedded
 * store and on PostgreSQL with InfluxDB, and ingestion's operations endpoint wired as the standalone mode wires it
 * (in-process bus, SQLite, no MQTT ingress). A telemetry store that does not answer leaves the API up but
 * `degraded`; records that refuse connections make it answer 503 without saying why (the route is public).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@park/config';
import { openRecords } from '@park/records';
import { ingestionConfigSpec } from '../../apps/ingestion/src/ingestion.config';
import { startIngestion } from '../../apps/ingestion/src/main';
import { API_BACKENDS, postgresApi } from '../security/support/api-backends';
import { whileDatabaseRefusesConnections } from '../support/refused-database';

const PASSWORD = 'health-test-demo-password';
/** Nothing listens here: a telemetry store that does not answer. */
const DEAD_INFLUX = 'http://127.0.0.1:1';
const up = { status: 'up', responseTime: expect.any(Number) as unknown };

async function health(url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/health`);
  return { status: res.status, body: await res.json() };
}

describe.each(API_BACKENDS)('the API on %s', (_mode, start) => {
  it('answers ok with its records and telemetry checks', async () => {
    const api = await start(PASSWORD);
    try {
      expect(await health(api.url)).toEqual({
        status: 200,
        body: {
          status: 'ok',
          info: { records: up, telemetry: up },
          error: {},
          details: { records: up, telemetry: up },
        },
      });
    } finally {
      await api.stop();
    }
  });

  it('answers 200 degraded when only the telemetry store does not answer', async () => {
    const api = await start(PASSWORD, { TELEMETRY_SQLITE_PATH: '', INFLUX_URL: DEAD_INFLUX });
    try {
      const degraded = {
        status: 'degraded',
        message: 'does not answer',
        responseTime: expect.any(Number) as unknown,
      };
      expect(await health(api.url)).toEqual({
        status: 200,
        body: {
          status: 'degraded',
          info: { records: up, telemetry: degraded },
          error: {},
          details: { records: up, telemetry: degraded },
        },
      });
    } finally {
      await api.stop();
    }
  });
});

describe('the API on PostgreSQL when its database refuses connections', () => {
  it('answers 503 with records down and no driver error on the wire', async () => {
    const api = await postgresApi(PASSWORD);
    try {
      await whileDatabaseRefusesConnections(api.records, async () => {
        const res = await health(api.url);
        expect(res.status).toBe(503);
        expect(res.body).toMatchObject({
          status: 'error',
          error: { records: { status: 'down', message: 'does not answer' } },
          details: { telemetry: { status: 'up' } },
        });
        expect(JSON.stringify(res.body)).not.toMatch(/5432|postgres|terminat|connect/i);
      });
    } finally {
      await api.stop();
    }
  });
});

describe("ingestion's operations endpoint as the standalone mode runs it", () => {
  it('checks the in-process bus, the SQLite records and the embedded store, and no MQTT ingress', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'park-health-'));
    const databaseUrl = `sqlite:${join(dir, 'records.db')}`;
    const records = await openRecords(databaseUrl, { migrate: true });
    const ingestion = await startIngestion(
      loadConfig(ingestionConfigSpec, {
        DATABASE_URL: databaseUrl,
        BUS: 'in-process',
        TELEMETRY_SQLITE_PATH: join(dir, 'telemetry.db'),
        RUN_MQTT_INGRESS: 'false',
        INGEST_HTTP_PORT: '0',
        LOG_LEVEL: 'warn',
      }),
      { shutdownHooks: false },
    );
    try {
      const url = (await ingestion.getUrl()).replace('[::1]', '127.0.0.1');
      expect(await health(url)).toEqual({
        status: 200,
        body: {
          status: 'ok',
          info: { bus: up, records: up, telemetry: up },
          error: {},
          details: { bus: up, records: up, telemetry: up },
        },
      });
    } finally {
      await ingestion.close();
      await records.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

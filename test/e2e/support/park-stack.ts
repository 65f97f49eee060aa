/**
 * Ingestion, rules and api started in-process on the real services, exactly as the integration suite does
 * (one isolated test environment, the demo park seeded), with the api also serving the built web app.
 */
import type { INestApplication, INestApplicationContext } from '@nestjs/common';
import { loadConfig } from '@park/config';
import { RuleEntity, RuleRepository, seedDemoPark } from '@park/records';
import { BUILT_IN_RULES } from '@park/rules-engine';
import { apiConfigSpec } from '../../../apps/api/src/api.config';
import { startApi } from '../../../apps/api/src/main';
import { ingestionConfigSpec } from '../../../apps/ingestion/src/ingestion.config';
import { startIngestion } from '../../../apps/ingestion/src/main';
import { rulesConfigSpec } from '../../../apps/rules/src/rules.config';
import { startRules } from '../../../apps/rules/src/main';
import { createTestEnvironment, type TestEnvironment } from '../../support/test-environment';

export const DEMO_PASSWORD = 'e2e-password-1';
/** The api's ALERT_LINK_SECRET: a test signs the links a notification message would carry with it. */
export const E2E_ALERT_LINK_SECRET = 'e2e-alert-link-secret-that-is-long-enough-0123';

export interface ParkStack {
  readonly env: TestEnvironment;
  /** http://127.0.0.1:<port>; the same after stopApi() and startApiAgain(). */
  readonly apiUrl: string;
  /** Stops the api, then starts a new instance on the same port (a deploy, a crash): clients must reconnect. */
  stopApi(): Promise<void>;
  startApiAgain(): Promise<void>;
  close(): Promise<void>;
}

/** `apiSettings`: the api's own settings over the stack's (e.g. WEBHOOK_ALLOWED_TARGETS for a local stand-in). */
export async function startParkStack(
  label: string,
  webRoot: string,
  apiSettings: Readonly<Record<string, string>> = {},
): Promise<ParkStack> {
  const env = await createTestEnvironment(label);
  await seedDemoPark(env.records, DEMO_PASSWORD);
  // No simulator drives the demo park here, so its devices never report, and the device-offline rule would open an
  // alert for each of them 30 s to 3 min after the start (docs/rules.md), crowding the console these browser tests
  // read. The rule is tested on the real services by test/integration/silent-device.int-spec.ts.
  await new RuleRepository(env.records).ensureBuiltIns(BUILT_IN_RULES);
  await env.records.getRepository(RuleEntity).update({ code: 'device.offline' }, { enabled: false });
  const common = {
    DATABASE_URL: env.databaseUrl,
    KAFKA_BROKERS: env.kafkaBrokers.join(','),
    PARK_NAMESPACE: env.namespace,
    KAFKA_TOPIC_PARTITIONS: '3',
  };
  const ingestion: INestApplicationContext = await startIngestion(
    loadConfig(ingestionConfigSpec, {
      ...common,
      INFLUX_URL: env.influxUrl,
      INFLUX_DATABASE: env.influxDatabase,
      MQTT_URL: env.mqttUrl,
      MQTT_CLIENT_ID: `park-ingestion-${env.runId}`,
      MQTT_SHARE_GROUP: `ingestion-${env.runId}`,
      // A free port, not the default 9464: e2e stacks (and a running `npm start`) must not collide.
      INGEST_HTTP_PORT: '0',
    }),
  );
  const rules: INestApplicationContext = await startRules(
    loadConfig(rulesConfigSpec, { ...common, OUTBOX_POLL_MS: '100', RULES_HTTP_PORT: '0' }),
  );
  let instance = 0;
  const apiOn = (port: number) =>
    startApi(
      loadConfig(apiConfigSpec, {
        ...common,
        JWT_SECRET: 'e2e-secret-that-is-long-enough-0123456789',
        ALERT_LINK_SECRET: E2E_ALERT_LINK_SECRET,
        // The api reads this run's InfluxDB (wall summary, telemetry queries), the one ingestion writes.
        INFLUX_URL: env.influxUrl,
        INFLUX_DATABASE: env.influxDatabase,
        API_PORT: String(port),
        API_INSTANCE_ID: `e2e-${env.runId}-${++instance}`,
        ...apiSettings,
      }),
      { webRoot },
    );
  let api: INestApplication | null = await apiOn(0);
  const apiUrl = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  const port = Number(new URL(apiUrl).port);

  return {
    env,
    apiUrl,
    async stopApi() {
      await api?.close();
      api = null;
    },
    async startApiAgain() {
      api = await apiOn(port);
    },
    async close() {
      await api?.close();
      await rules.close();
      await ingestion.close();
      await env.teardown();
    },
  };
}

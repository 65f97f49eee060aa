/**
 * The rules microservice's operations endpoints on the real services (PostgreSQL, Kafka), as a readiness probe and
 * Prometheus ask them: /health answers 200 with the bus and the records up, and 503 naming the records when they
 * refuse connections; /metrics has the process's default metrics and the rules counters — a gas reading above the
 * first level and one back to zero count as batches, an opened and a resolved alert event, relayed events and the
 * partition's consumer lag.
 */
import type { INestApplication } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@park/bus';
import { loadConfig } from '@park/config';
import { topicName, type TelemetryRecord } from '@park/contracts';
import { DeviceEntity, EnterpriseEntity } from '@park/records';
import { startRules } from '../../apps/rules/src/main';
import { rulesConfigSpec } from '../../apps/rules/src/rules.config';
import { whileDatabaseRefusesConnections } from '../support/refused-database';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { waitFor } from '../support/wait-for';

const up = { status: 'up', responseTime: expect.any(Number) as unknown };

async function get(url: string): Promise<{ status: number; type: string | null; text: string }> {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
}

describe("the rules service's operations endpoints (/health, /metrics)", () => {
  let env: TestEnvironment;
  let rules: INestApplication;
  let url: string;
  let enterpriseId: string;
  const deviceId = `ops-gas-${process.pid}`;

  beforeAll(async () => {
    env = await createTestEnvironment('rules-ops');
    const enterprise = await env.records
      .getRepository(EnterpriseEntity)
      .save({ name: '运维端点测试企业', creditCode: '91350100M000100C16', isDemo: false });
    enterpriseId = enterprise.id;
    await env.records.getRepository(DeviceEntity).save({
      id: deviceId,
      enterpriseId,
      name: deviceId,
      kind: 'combustible-gas',
      role: null,
      line: null,
      location: null,
      enabled: true,
      credentialHash: null,
      // Long: no silence alert among the counted events.
      expectedIntervalS: 3600,
      isDemo: false,
    });
    rules = await startRules(
      loadConfig(rulesConfigSpec, {
        DATABASE_URL: env.databaseUrl,
        KAFKA_BROKERS: env.kafkaBrokers.join(','),
        PARK_NAMESPACE: env.namespace,
        KAFKA_TOPIC_PARTITIONS: '1',
        OUTBOX_POLL_MS: '100',
        RULES_HTTP_PORT: '0',
        LOG_LEVEL: 'warn',
      }),
      { shutdownHooks: false },
    );
    url = (await rules.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await rules?.close();
    await env?.teardown();
  });

  it('answers /health 200 with the bus and the records up', async () => {
    const res = await get(`${url}/health`);
    expect({ status: res.status, body: JSON.parse(res.text) as unknown }).toEqual({
      status: 200,
      body: {
        status: 'ok',
        info: { bus: up, records: up },
        error: {},
        details: { bus: up, records: up },
      },
    });
  });

  it('serves the process metrics and the rules counters at /metrics', async () => {
    const bus = rules.get<MessageBus>(MESSAGE_BUS);
    const reading = (lel: number, ts: number): TelemetryRecord => ({
      v: 1,
      deviceId,
      enterpriseId,
      kind: 'combustible-gas',
      role: null,
      line: null,
      ts,
      values: { lel },
      receivedAt: ts,
    });
    const publish = (record: TelemetryRecord) =>
      bus.publish(topicName('telemetry', env.namespace), [{ key: deviceId, value: JSON.stringify(record) }]);
    const scrape = async () => (await get(`${url}/metrics`)).text;
    const now = Date.now();
    // Above the first level (25 %LEL): opened; then clear of it by more than the hysteresis: resolved.
    await publish(reading(30, now - 2_000));
    await waitFor('the opened event relayed', async () =>
      /^park_rules_outbox_published_total [1-9]/m.test(await scrape()),
    );
    await publish(reading(0, now - 1_000));
    await waitFor('the resolved event counted', async () =>
      /^park_rules_alert_events_total\{type="resolved"\} 1$/m.test(await scrape()),
    );
    await waitFor('both events relayed', async () =>
      /^park_rules_outbox_published_total ([2-9]|\d{2,})$/m.test(await scrape()),
    );

    const res = await get(`${url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/plain;.*version=0\.0\.4/);
    const text = res.text;
    // prom-client's default metrics: the process alone, on this registry.
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    expect(text).toMatch(/^park_rules_batches_total ([2-9]|\d{2,})$/m);
    expect(text).toMatch(/^park_rules_batch_ms_count ([2-9]|\d{2,})$/m);
    expect(text).toMatch(/^park_rules_alert_events_total\{type="opened"\} 1$/m);
    expect(text).toMatch(/^park_rules_alert_events_total\{type="resolved"\} 1$/m);
    const telemetry = topicName('telemetry', env.namespace);
    expect(text).toContain(`park_rules_consumer_lag{topic="${telemetry}",partition="0"} 0`);
  });

  it('answers /health 503 naming the records while the database refuses connections', async () => {
    await whileDatabaseRefusesConnections(env.records, async () => {
      const res = await get(`${url}/health`);
      expect(res.status).toBe(503);
      expect(JSON.parse(res.text)).toMatchObject({
        status: 'error',
        error: { records: { status: 'down' } },
        info: { bus: { status: 'up' } },
      });
    });
  });
});

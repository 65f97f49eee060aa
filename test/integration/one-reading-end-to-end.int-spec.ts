/**
 * One reading end to end on the real services (microservices mode): Mosquitto → ingestion → Kafka →
 * telemetry writer → InfluxDB, and → rules → PostgreSQL alert → Kafka → api → socket.io client with a JWT.
 */
import type { MqttClient } from 'mqtt';
import { io } from 'socket.io-client';
import { KafkaBus, type Subscription } from '@park/bus';
import {
  statusTopic,
  telemetryTopic,
  topicName,
  type AlertEvent,
  type DeviceStatusEvent,
  type RejectedTelemetry,
} from '@park/contracts';
import { hashSecret } from '@park/auth';
import {
  AlertEntity,
  AlertEventEntity,
  DEMO_GAS_DEVICE,
  EnterpriseEntity,
  RuleEntity,
  RuleRepository,
  seedDemoPark,
  UserRepository,
} from '@park/records';
import { BUILT_IN_RULES } from '@park/rules-engine';
import { startPlatformStack, type PlatformStack } from '../support/platform-stack';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'e2e-password-1';

describe('one combustible-gas reading, end to end on the real services', () => {
  let env: TestEnvironment;
  let stack: PlatformStack;
  let device: MqttClient;
  let probeBus: KafkaBus;
  let rejectedSub: Subscription;
  let alertsReceived: AlertEvent[] = [];
  const rejected: RejectedTelemetry[] = [];
  const statuses: DeviceStatusEvent[] = [];
  let statusSub: Subscription;

  beforeAll(async () => {
    env = await createTestEnvironment('e2e');
    await seedDemoPark(env.records, PASSWORD);
    // No simulator drives the demo park here, so the built-in offline rule would open an alert for each of its
    // silent devices 30 s to 3 min after the start (docs/rules.md), and this suite counts alerts: off, so the
    // counts cannot race it. silent-device.int-spec.ts tests that rule on the real services.
    await new RuleRepository(env.records).ensureBuiltIns(BUILT_IN_RULES);
    await env.records.getRepository(RuleEntity).update({ code: 'device.offline' }, { enabled: false });
    stack = await startPlatformStack(env, {
      label: 'e2e',
      password: PASSWORD,
      ingestion: { LIVENESS_SILENCE_FACTOR: '2', LIVENESS_SWEEP_MS: '200' },
      rules: { OUTBOX_POLL_MS: '100' },
    });

    probeBus = new KafkaBus({ brokers: env.kafkaBrokers, clientId: 'e2e-probe', partitions: 3 });
    rejectedSub = await probeBus.consume(
      {
        groupId: `probe-rejected.${env.namespace}`,
        topics: [topicName('telemetryRejected', env.namespace)],
        fromBeginning: true,
      },
      (messages) => {
        for (const m of messages) rejected.push(JSON.parse(m.value!.toString('utf8')) as RejectedTelemetry);
        return Promise.resolve();
      },
    );

    statusSub = await probeBus.consume(
      {
        groupId: `probe-status.${env.namespace}`,
        topics: [topicName('deviceStatus', env.namespace)],
        fromBeginning: true,
      },
      (messages) => {
        for (const m of messages) statuses.push(JSON.parse(m.value!.toString('utf8')) as DeviceStatusEvent);
        return Promise.resolve();
      },
    );

    alertsReceived = await stack.collectAlerts(await stack.login('officer'));
    device = await stack.connectDevice(DEMO_GAS_DEVICE);
  });

  afterAll(async () => {
    await rejectedSub?.close();
    await statusSub?.close();
    await probeBus?.close();
    await stack?.stop();
    await env?.teardown();
  });

  function call(method: string, path: string, token?: string, body?: unknown): Promise<Response> {
    return fetch(`${stack.apiUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** The gas detector's alert events: the only device and rule this suite exercises. */
  const gasEvents = () =>
    alertsReceived.filter((e) => e.alert.deviceId === DEMO_GAS_DEVICE && e.alert.metric === 'lel');

  const publish = (payload: unknown) =>
    device.publishAsync(
      telemetryTopic(DEMO_GAS_DEVICE),
      typeof payload === 'string' ? payload : JSON.stringify(payload),
      {
        qos: 1,
      },
    );

  it('stores the reading in InfluxDB, opens a level-1 alert in PostgreSQL and pushes it over socket.io', async () => {
    const ts = Date.now();
    await publish({ ts, values: { lel: 30 } });

    const points = await waitFor('the reading in InfluxDB', async () => {
      const series = await env.influx.queryRaw({
        kind: 'combustible-gas',
        metric: 'lel',
        deviceId: DEMO_GAS_DEVICE,
        from: ts - 1,
        to: ts + 1,
      });
      return series.length > 0 ? series : undefined;
    });
    expect(points).toEqual([{ ts, value: 30 }]);

    const pushed = await waitFor('the alert on the socket', () =>
      gasEvents().find((e) => e.type === 'opened'),
    );
    expect(pushed.alert).toMatchObject({
      deviceId: DEMO_GAS_DEVICE,
      metric: 'lel',
      unit: '%LEL',
      value: 30,
      limit: 25,
      level: 1,
      severity: 'warning',
      status: 'open',
      enterpriseName: '启东示范化工有限公司',
    });
    expect(pushed.alert.explanation.zh).toContain('一级报警');

    const row = await env.records.getRepository(AlertEntity).findOneByOrFail({ id: pushed.alert.id });
    expect(row).toMatchObject({
      status: 'open',
      level: 1,
      value: 30,
      limitValue: 25,
      deviceId: DEMO_GAS_DEVICE,
    });
    const audit = await env.records.getRepository(AlertEventEntity).findBy({ alertId: row.id });
    expect(audit.map((e) => e.type)).toEqual(['opened']);
  });

  it('escalates to level 2 and auto-resolves when the gas clears, as one alert', async () => {
    await publish({ ts: Date.now(), values: { lel: 55 } });
    const escalated = await waitFor('escalation', () => gasEvents().find((e) => e.type === 'escalated'));
    expect(escalated.alert).toMatchObject({ level: 2, severity: 'critical', limit: 50, value: 55, count: 2 });

    await publish({ ts: Date.now() + 1, values: { lel: 3 } });
    const resolved = await waitFor('auto-resolve', () => gasEvents().find((e) => e.type === 'resolved'));
    expect(resolved.alert.id).toBe(escalated.alert.id);
    expect(resolved.alert.status).toBe('resolved');
    expect(await env.records.getRepository(AlertEntity).countBy({ deviceId: DEMO_GAS_DEVICE })).toBe(1);
  });

  it('puts a payload with a wrong value type on the rejected topic with its reason, and keeps going', async () => {
    const bad = JSON.stringify({ ts: Date.now(), values: { lel: 'high' } });
    await publish(bad);
    await publish('{"ts": 1, "values": ');
    const wrongType = await waitFor('the WRONG_TYPE rejection', () =>
      rejected.find((r) => r.reason === 'WRONG_TYPE'),
    );
    expect(wrongType).toMatchObject({
      deviceId: DEMO_GAS_DEVICE,
      topic: telemetryTopic(DEMO_GAS_DEVICE),
      payload: bad,
      payloadEncoding: 'utf8',
    });
    expect(wrongType.detail).toContain('lel');
    await waitFor('the MALFORMED_JSON rejection', () => rejected.find((r) => r.reason === 'MALFORMED_JSON'));

    // Still accepting good readings after bad ones.
    const ts = Date.now();
    await publish({ ts, values: { lel: 1 } });
    await waitFor(
      'a good reading after the bad ones',
      async () =>
        (
          await env.influx.queryRaw({
            kind: 'combustible-gas',
            metric: 'lel',
            deviceId: DEMO_GAS_DEVICE,
            from: ts,
            to: ts,
          })
        ).length > 0,
    );
  });

  it("lets an officer acknowledge over REST, audits it, and keeps other enterprises' managers out", async () => {
    const opened = gasEvents().find((e) => e.type === 'opened')!;
    const officer = await stack.login('officer');
    const manager = await stack.login('manager');
    const otherEnterprise = await env.records.getRepository(EnterpriseEntity).save({
      name: '另一家企业',
      creditCode: '91350100M000100Y43',
      isDemo: true,
    });
    await new UserRepository(env.records).create({
      username: 'other-manager',
      displayName: 'other',
      role: 'energy-manager',
      enterpriseId: otherEnterprise.id,
      passwordHash: await hashSecret(PASSWORD, { N: 1024, r: 8, p: 1 }),
    });
    const other = await stack.login('other-manager');

    expect((await call('GET', '/api/alerts')).status).toBe(401);
    expect((await call('GET', '/api/alerts', officer)).status).toBe(200);
    expect((await call('GET', `/api/alerts/${opened.alert.id}`, manager)).status).toBe(200);
    expect((await call('GET', `/api/alerts/${opened.alert.id}`, other)).status).toBe(404);
    expect(await (await call('GET', '/api/alerts', other)).json()).toEqual([]);
    expect((await call('POST', `/api/alerts/${opened.alert.id}/resolve`, officer, { note: '' })).status).toBe(
      400,
    );

    // The alert auto-resolved in the previous test; open a fresh one and acknowledge it.
    await publish({ ts: Date.now(), values: { lel: 40 } });
    const second = await waitFor('a second alert', () =>
      gasEvents().find((e) => e.type === 'opened' && e.alert.id !== opened.alert.id),
    );
    expect((await call('POST', `/api/alerts/${second.alert.id}/acknowledge`, manager)).status).toBe(403);
    const ack = await call('POST', `/api/alerts/${second.alert.id}/acknowledge`, officer);
    expect(ack.status).toBe(200);
    const pushedAck = await waitFor('the acknowledgement on the socket', () =>
      alertsReceived.find((e) => e.type === 'acknowledged' && e.alert.id === second.alert.id),
    );
    expect(pushedAck).toMatchObject({
      actor: 'officer',
      alert: { status: 'acknowledged', acknowledgedBy: 'officer' },
    });
    const trailRes = await call('GET', `/api/alerts/${second.alert.id}/events`, officer);
    const trail = (await trailRes.json()) as AlertEvent[];
    expect(trail.map((e) => [e.type, e.actor])).toEqual([
      ['opened', null],
      ['acknowledged', 'officer'],
    ]);
  });

  it('reports ingestion ready on /health and counts accepted and rejected readings on /metrics', async () => {
    const base = (await stack.ingestion.getUrl()).replace('[::1]', '127.0.0.1');
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    const up = { status: 'up', responseTime: expect.any(Number) as unknown };
    expect(await health.json()).toEqual({
      status: 'ok',
      info: { mqtt: up, bus: up, telemetry: up, records: up },
      error: {},
      details: { mqtt: up, bus: up, telemetry: up, records: up },
    });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^park_ingest_accepted_total \d+$/m);
    expect(Number(/^park_ingest_accepted_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(5);
    expect(metrics).toContain('park_ingest_rejected_total{reason="WRONG_TYPE"} 1');
    expect(metrics).toContain('park_ingest_rejected_total{reason="MALFORMED_JSON"} 1');
    expect(metrics).toMatch(/^park_writer_points_total \d+$/m);
  });

  it('stops accepting a device as soon as it is disabled in the records (change event, not a cache expiry)', async () => {
    await env.records.query(`UPDATE devices SET enabled = false WHERE id = $1`, [DEMO_GAS_DEVICE]);
    await env.records.query(`SELECT pg_notify('park_device_changed', $1)`, [DEMO_GAS_DEVICE]);
    // The cache refreshes on the event; publish until the rejection shows (the NOTIFY is asynchronous).
    await waitFor(
      'DEVICE_DISABLED on the rejected topic',
      async () => {
        await publish({ ts: Date.now(), values: { lel: 2 } });
        return rejected.some((r) => r.reason === 'DEVICE_DISABLED');
      },
      10_000,
      300,
    );
    await env.records.query(`UPDATE devices SET enabled = true WHERE id = $1`, [DEMO_GAS_DEVICE]);
    await env.records.query(`SELECT pg_notify('park_device_changed', $1)`, [DEMO_GAS_DEVICE]);
  });

  it("publishes device status: the device's own offline message, silence past its interval, and its return", async () => {
    await device.publishAsync(statusTopic(DEMO_GAS_DEVICE), 'offline', { qos: 1 });
    await waitFor('the status message on park.device-status.v1', () =>
      statuses.find((s) => s.cause === 'status-message' && s.status === 'offline'),
    );
    // Expected every second; silent for longer than LIVENESS_SILENCE_FACTOR (2) × 1 s → offline, then back online.
    await env.records.query(`UPDATE devices SET expected_interval_s = 1 WHERE id = $1`, [DEMO_GAS_DEVICE]);
    await env.records.query(`SELECT pg_notify('park_device_changed', $1)`, [DEMO_GAS_DEVICE]);
    await publish({ ts: Date.now(), values: { lel: 1 } });
    const silent = await waitFor(
      'offline after silence',
      () => statuses.find((s) => s.cause === 'silence'),
      15_000,
    );
    expect(silent).toMatchObject({ deviceId: DEMO_GAS_DEVICE, status: 'offline' });
    expect(typeof silent.enterpriseId).toBe('string');
    await publish({ ts: Date.now(), values: { lel: 1 } });
    await waitFor(
      'online when it reports again',
      () => statuses.find((s) => s.cause === 'reading' && s.status === 'online'),
      15_000,
    );
  });

  it('refuses a socket.io handshake without a valid token', async () => {
    const anonymous = io(stack.apiUrl, { auth: {}, transports: ['websocket'], reconnection: false });
    const error = await new Promise<Error>((resolve) => anonymous.once('connect_error', resolve));
    anonymous.close();
    expect(error.message).toMatch(/unauthorized/);
  });
});

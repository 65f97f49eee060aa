/**
 * Malformed MQTT readings through the real ingestion (docs/security-suite.md): a private Mosquitto, ingestion in
 * this process, this run's Kafka topics. Every golden not-ok fixture (test/fixtures/not-ok, with the reason
 * expected.json gives it) and every generated bad reading — NaN and Infinity literals, far-future ts, unknown and
 * disabled device, payloads over the size limit, a counter going backwards, prototype keys, a bad status
 * message — is published by a device of its own, and must land on the rejected topic with its reason and be
 * counted in /metrics by that reason; nothing is accepted that should not be, and afterwards ingestion still
 * answers /health and still accepts a good reading.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import mqtt from 'mqtt';
import { KafkaBus, type Subscription } from '@park/bus';
import { loadConfig } from '@park/config';
import {
  isDeviceKind,
  statusTopic,
  telemetryTopic,
  topicName,
  type DeviceKind,
  type RejectReason,
  type RejectedTelemetry,
} from '@park/contracts';
import { DeviceEntity, EnterpriseEntity } from '@park/records';
import { ingestionConfigSpec } from '../../apps/ingestion/src/ingestion.config';
import { startIngestion } from '../../apps/ingestion/src/main';
import { startMosquitto, type MosquittoInstance } from '../support/mosquitto-instance';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { waitFor } from '../support/wait-for';
import { sweep } from './support/sweep';

const NOT_OK = join(__dirname, '../fixtures/not-ok');
/**
 * The instant the golden fixtures' timestamps are written relative to (libs/contracts telemetry.spec.ts passes
 * it as `now`); ingestion runs on the real clock, so fixture timestamps are moved forward by the difference.
 */
const FIXTURE_NOW = Date.parse('2025-06-01T12:00:00Z');

interface ReadingProbe {
  readonly name: string;
  readonly kind: DeviceKind;
  /** Null: the device does not exist. */
  readonly device: 'enabled' | 'disabled' | null;
  readonly channel: 'telemetry' | 'status';
  /**
   * A good reading the bad one needs before it (a counter's previous value), published and accepted before the
   * flood: ingestion reads with several connections, so two messages sent back to back may be handled in
   * either order.
   */
  readonly baseline?: Buffer;
  readonly payload: Buffer;
  /** Null when any reason will do (the point is that it is refused, not which check refuses it). */
  readonly reason: RejectReason | null;
}

/** Moves every 13-digit epoch-ms `ts` forward by `offset` (text and binary fixtures alike; latin1 keeps bytes). */
function shiftTimestamps(payload: Buffer, offset: number): Buffer {
  const text = payload.toString('latin1');
  const shifted = text.replace(
    /("ts"\s*:\s*)(\d{13})(?![\d.])/g,
    (_m, key: string, ts: string) => `${key}${Number(ts) + offset}`,
  );
  return Buffer.from(shifted, 'latin1');
}

function fixtureProbes(): ReadingProbe[] {
  const expected = JSON.parse(readFileSync(join(NOT_OK, 'expected.json'), 'utf8')) as Record<
    string,
    { reason: RejectReason; kind: string; case: string; limits?: unknown }
  >;
  const offset = Date.now() - FIXTURE_NOW;
  return readdirSync(NOT_OK)
    .filter((f) => f !== 'expected.json')
    .map((file) => {
      const e = expected[file];
      if (!e) throw new Error(`test/fixtures/not-ok/${file} has no entry in expected.json`);
      if (!isDeviceKind(e.kind)) throw new Error(`${file}: unknown kind ${e.kind}`);
      // A fixture that needs non-default ingestion limits cannot run against the defaults used here.
      return e.limits
        ? null
        : {
            name: `fixture ${file} (${e.case})`,
            kind: e.kind,
            device: 'enabled' as const,
            channel: 'telemetry' as const,
            payload: shiftTimestamps(readFileSync(join(NOT_OK, file)), offset),
            reason: e.reason,
          };
    })
    .filter((p): p is NonNullable<typeof p> => p !== null);
}

function generatedProbes(): ReadingProbe[] {
  const now = Date.now();
  const reading = (values: string, ts = now - 1000) => Buffer.from(`{"ts": ${ts}, "values": ${values}}`);
  const gas = (name: string, payload: Buffer, reason: RejectReason | null): ReadingProbe => ({
    name,
    kind: 'combustible-gas',
    device: 'enabled',
    channel: 'telemetry',
    payload,
    reason,
  });
  return [
    gas('NaN literal', reading('{"lel": NaN}'), 'MALFORMED_JSON'),
    gas('Infinity literal', reading('{"lel": Infinity}'), 'MALFORMED_JSON'),
    gas('-1e999 (negative infinity)', reading('{"lel": -1e999}'), 'NON_FINITE'),
    gas('lel as an object', reading('{"lel": {"value": 3}}'), 'WRONG_TYPE'),
    gas('lel as an array', reading('{"lel": [3]}'), 'WRONG_TYPE'),
    gas('ts ten years ahead', reading('{"lel": 3}', now + 10 * 365 * 86_400_000), 'TS_IN_FUTURE'),
    gas('ts as the maximum safe integer', reading('{"lel": 3}', Number.MAX_SAFE_INTEGER), null),
    gas('unknown metric', reading('{"methane_ppm": 3}'), 'UNKNOWN_METRIC'),
    gas('__proto__ as a metric', reading('{"__proto__": 3}'), null),
    gas(
      '__proto__ beside ts and values',
      Buffer.from(`{"ts": ${now - 1000}, "values": {"lel": 3}, "__proto__": {"x": 1}}`),
      null,
    ),
    gas('constructor as a metric', reading('{"constructor": 3}'), null),
    gas('70 000 bytes of text', Buffer.from('x'.repeat(70_000)), 'PAYLOAD_TOO_LARGE'),
    gas('1 MiB reading', reading(`{"lel": 3, "pad": "${'x'.repeat(1024 * 1024)}"}`), 'PAYLOAD_TOO_LARGE'),
    gas('empty payload', Buffer.alloc(0), null),
    gas(
      'UTF-8 byte-order mark before JSON',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), reading('{"lel": 3}')]),
      null,
    ),
    gas(
      'invalid UTF-8 inside a string',
      Buffer.concat([
        Buffer.from(`{"ts": ${now}, "values": {"l`),
        Buffer.from([0xc3, 0x28]),
        Buffer.from('el": 3}}'),
      ]),
      null,
    ),
    gas(
      'nested 5000 deep',
      Buffer.from(`{"ts": ${now}, "values": {"lel": ${'['.repeat(5000)}${']'.repeat(5000)}}}`),
      null,
    ),
    {
      name: 'a device that does not exist',
      kind: 'combustible-gas',
      device: null,
      channel: 'telemetry',
      payload: reading('{"lel": 3}'),
      reason: 'UNKNOWN_DEVICE',
    },
    {
      name: 'a disabled device',
      kind: 'combustible-gas',
      device: 'disabled',
      channel: 'telemetry',
      payload: reading('{"lel": 3}'),
      reason: 'DEVICE_DISABLED',
    },
    {
      name: 'an energy counter going backwards',
      kind: 'power-meter',
      device: 'enabled',
      channel: 'telemetry',
      baseline: reading('{"kwh": 1000}', now - 2000),
      payload: reading('{"kwh": 10}', now - 1000),
      reason: 'COUNTER_BACKWARDS',
    },
    {
      name: 'a status message that is neither online nor offline',
      kind: 'combustible-gas',
      device: 'enabled',
      channel: 'status',
      payload: Buffer.from('{"status": "hacked"}'),
      reason: 'WRONG_SHAPE',
    },
  ];
}

/** `park_ingest_rejected_total` by reason, and the accepted total, from ingestion's /metrics. */
async function counts(url: string): Promise<{ rejected: Map<string, number>; accepted: number }> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const rejected = new Map<string, number>();
  let accepted = 0;
  for (const line of text.split('\n')) {
    const r = /^park_ingest_rejected_total\{[^}]*reason="([A-Z_]+)"[^}]*\}\s+(\d+)/.exec(line);
    if (r) rejected.set(r[1], Number(r[2]));
    const a = /^park_ingest_accepted_total(?:\{[^}]*\})?\s+(\d+)/.exec(line);
    if (a) accepted += Number(a[1]);
  }
  return { rejected, accepted };
}

describe('security sweep: malformed MQTT readings are rejected with their reason and counted', () => {
  let env: TestEnvironment;
  let broker: MosquittoInstance;
  let ingestion: INestApplication;
  let ingestionUrl: string;
  let bus: KafkaBus;
  let sub: Subscription;
  let device: mqtt.MqttClient;
  let enterpriseId: string;
  const rejected: RejectedTelemetry[] = [];

  beforeAll(async () => {
    env = await createTestEnvironment('sec_readings');
    broker = await startMosquitto();
    enterpriseId = (
      await env.records
        .getRepository(EnterpriseEntity)
        .save({ name: '安全扫描读数企业', creditCode: '91350100M000100Y43', isDemo: false })
    ).id;
    ingestion = await startIngestion(
      loadConfig(ingestionConfigSpec, {
        DATABASE_URL: env.databaseUrl,
        KAFKA_BROKERS: env.kafkaBrokers.join(','),
        PARK_NAMESPACE: env.namespace,
        KAFKA_TOPIC_PARTITIONS: '1',
        INFLUX_URL: env.influxUrl,
        INFLUX_DATABASE: env.influxDatabase,
        MQTT_URL: broker.url,
        MQTT_CLIENT_ID: `sec-ingest-${env.runId}`,
        MQTT_SHARE_GROUP: `sec-ingest-${env.runId}`,
        INGEST_HTTP_PORT: '0',
        RUN_LIVENESS: 'false',
      }),
    );
    ingestionUrl = (await ingestion.getUrl()).replace('[::1]', '127.0.0.1');
    bus = new KafkaBus({ brokers: env.kafkaBrokers, clientId: `sec-readings-${env.runId}`, partitions: 1 });
    sub = await bus.consume(
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
    device = await mqtt.connectAsync(broker.url, { clientId: `sec-device-${env.runId}`, protocolVersion: 5 });
  });

  afterAll(async () => {
    await device?.endAsync();
    await sub?.close();
    await bus?.close();
    await ingestion?.close();
    await broker?.stop();
    await env?.teardown();
  });

  async function addDevice(id: string, kind: DeviceKind, enabled: boolean): Promise<void> {
    await env.records.getRepository(DeviceEntity).save({
      id,
      enterpriseId,
      name: id,
      kind,
      role: kind === 'power-meter' ? 'production' : null,
      line: null,
      location: null,
      enabled,
      credentialHash: null,
      expectedIntervalS: 10,
      isDemo: false,
    });
  }

  it('rejects every bad reading with its reason, counts it by reason, and keeps ingesting', async () => {
    const probes = [...fixtureProbes(), ...generatedProbes()];
    expect(probes.length).toBeGreaterThan(50);
    const tag = env.runId.slice(-6);
    const ids = probes.map((_, i) => `sec-${tag}-${i}`);
    for (const [i, p] of probes.entries())
      if (p.device) await addDevice(ids[i], p.kind, p.device === 'enabled');
    const goodId = `sec-${tag}-good`;
    await addDevice(goodId, 'combustible-gas', true);

    // Ingestion is subscribed once a good reading goes through; the counts start from there.
    await waitFor(
      'ingestion to accept a good reading',
      async () => {
        await device.publishAsync(telemetryTopic(goodId), `{"ts": ${Date.now()}, "values": {"lel": 3}}`, {
          qos: 1,
        });
        return (await counts(ingestionUrl)).accepted > 0;
      },
      120_000,
      500,
    );
    const baselines = probes.flatMap((p, i) => (p.baseline ? [{ id: ids[i], payload: p.baseline }] : []));
    const accepted = (await counts(ingestionUrl)).accepted;
    for (const b of baselines) await device.publishAsync(telemetryTopic(b.id), b.payload, { qos: 1 });
    await waitFor(
      'the baselines to be accepted',
      async () => (await counts(ingestionUrl)).accepted >= accepted + baselines.length,
      30_000,
      200,
    );
    // Readings published while the subscription was being made may still be in flight: start when it is quiet.
    const before = await waitFor(
      'the accepted count to settle',
      async () => {
        const first = await counts(ingestionUrl);
        await new Promise((r) => setTimeout(r, 700));
        const second = await counts(ingestionUrl);
        return first.accepted === second.accepted ? second : undefined;
      },
      30_000,
      0,
    );

    for (const [i, p] of probes.entries()) {
      const topic = p.channel === 'status' ? statusTopic(ids[i]) : telemetryTopic(ids[i]);
      await device.publishAsync(topic, p.payload, { qos: 1 });
    }
    await waitFor(
      'a rejection for every bad reading',
      () => {
        const missing = probes.filter((_, i) => !rejected.some((r) => r.deviceId === ids[i]));
        if (missing.length === 0) return true;
        throw new Error(`none yet for ${missing.map((p) => p.name).join('; ')}`);
      },
      120_000,
      200,
    );
    // After the flood: still alive, and a good reading still goes through.
    const health = await fetch(`${ingestionUrl}/health`);
    const afterFlood = await counts(ingestionUrl);
    await device.publishAsync(telemetryTopic(goodId), `{"ts": ${Date.now()}, "values": {"lel": 4}}`, {
      qos: 1,
    });
    await waitFor(
      'the good reading after the flood',
      async () => (await counts(ingestionUrl)).accepted > afterFlood.accepted,
      30_000,
      200,
    );
    const after = await counts(ingestionUrl);

    const expectedByReason = new Map<string, number>();
    for (const r of rejected.filter((x) => ids.includes(x.deviceId ?? '')))
      expectedByReason.set(r.reason, (expectedByReason.get(r.reason) ?? 0) + 1);

    const failures = await sweep(
      'malformed-reading',
      [
        ...probes.map((p, i) => ({
          name: p.name,
          check: () => {
            const mine = rejected.filter((r) => r.deviceId === ids[i]);
            if (mine.length !== 1) throw new Error(`${mine.length} rejections`);
            if (p.reason && mine[0].reason !== p.reason)
              throw new Error(`rejected as ${mine[0].reason} (${mine[0].detail}), expected ${p.reason}`);
            if (mine[0].detail.length === 0) throw new Error('rejected without a reason detail');
            return true;
          },
        })),
        {
          name: '/metrics counts every rejection by its reason',
          check: () => {
            const wrong = [...expectedByReason].filter(
              ([reason, n]) =>
                (afterFlood.rejected.get(reason) ?? 0) - (before.rejected.get(reason) ?? 0) !== n,
            );
            if (wrong.length > 0) throw new Error(`miscounted: ${wrong.map(([r]) => r).join(', ')}`);
            return true;
          },
        },
        {
          name: 'none of the bad readings was accepted',
          check: () => afterFlood.accepted === before.accepted,
        },
        { name: 'ingestion answers /health after the flood', check: () => health.status === 200 },
        {
          name: 'ingestion accepts a good reading after the flood',
          check: () => after.accepted > afterFlood.accepted,
        },
      ],
      1,
    );
    expect(failures).toEqual([]);
    // Room for Kafka's consumer-group joins on a machine busy with other suites (each wait above is bounded).
  }, 300_000);
});

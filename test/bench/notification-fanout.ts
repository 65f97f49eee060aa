/**
 * The notification side of `bench:alerts` (BENCH_CHANNELS, BENCH_BURST): channels that fan every alert out to local
 * stand-ins of 企业微信, 钉钉 and Aliyun SMS (test/support/notification-standins.ts, which check each request's
 * signature as the provider does), a burst of alerts opened at once by many smoke detectors, and the count of the
 * deliveries the rules service recorded. Run with and without channels one after the other (`npm run bench:notify`),
 * the alert path's percentiles say what the fan-out costs it.
 */
import type { MqttClient } from 'mqtt';
import type { DataSource } from 'typeorm';
import { telemetryTopic } from '@park/contracts';
import { CHANNEL_ADAPTERS, type ChannelKind } from '@park/notifications';
import { NotificationRepository } from '@park/records';
import {
  startAliyunSmsStandin,
  startDingtalkStandin,
  startWecomStandin,
  type ProviderStandin,
} from '../support/notification-standins';
import { waitFor } from '../support/wait-for';

export interface Fanout {
  readonly standins: readonly ProviderStandin[];
  readonly channels: number;
  close(): Promise<void>;
}

/** Up to three channels (企业微信, 钉钉, Aliyun SMS to one phone), each for every warning and critical `opened`. */
export async function createChannels(records: DataSource, count: number): Promise<Fanout> {
  const makers: (() => Promise<{
    standin: ProviderStandin;
    kind: ChannelKind;
    config: Record<string, unknown>;
  }>)[] = [
    async () => {
      const standin = await startWecomStandin('bench-key');
      return {
        standin,
        kind: 'wecom',
        config: { webhookUrl: `${standin.origin}/cgi-bin/webhook/send?key=bench-key` },
      };
    },
    async () => {
      const secret = 'SECbench0123456789';
      const standin = await startDingtalkStandin('bench-token', secret);
      return {
        standin,
        kind: 'dingtalk',
        config: { webhookUrl: `${standin.origin}/robot/send?access_token=bench-token`, secret },
      };
    },
    async () => {
      const standin = await startAliyunSmsStandin('LTAIbench', 'bench-secret');
      return {
        standin,
        kind: 'aliyun-sms',
        config: {
          accessKeyId: 'LTAIbench',
          accessKeySecret: 'bench-secret',
          signName: '园区平台',
          templateCode: 'SMS_000000001',
          endpoint: standin.origin,
        },
      };
    },
  ];
  const repository = new NotificationRepository(records);
  const standins: ProviderStandin[] = [];
  for (const make of makers.slice(0, count)) {
    const { standin, kind, config } = await make();
    standins.push(standin);
    await repository.create(
      'bench',
      {
        name: `bench ${kind}`,
        kind,
        config,
        severities: ['warning', 'critical'],
        eventTypes: ['opened'],
        enterpriseId: null,
        recipients: kind === 'aliyun-sms' ? [{ name: '值班员', address: '13800000000' }] : [],
        enabled: true,
      },
      (k, c) => CHANNEL_ADAPTERS[k as ChannelKind].validate(c),
    );
  }
  return {
    standins,
    channels: standins.length,
    close: async () => {
      for (const s of standins) await s.close();
    },
  };
}

/** Smoke detectors for the burst, as device rows (inserted by the bench with its other devices). */
export const burstIdPrefix = (runId: string) => `bench-smoke-${runId}-`;

export function burstDevices(runId: string, count: number) {
  return Array.from({ length: count }, (_, i) => ({
    id: `${burstIdPrefix(runId)}${String(i + 1).padStart(4, '0')}`,
    kind: 'smoke',
    role: null,
    expectedIntervalS: 60,
  }));
}

/** Every burst detector reports smoke at once: one critical alert each. Resolves when the broker acknowledged all. */
export async function publishBurst(client: MqttClient, ids: readonly string[]): Promise<number> {
  const ts = Date.now();
  await Promise.all(
    ids.map((id) =>
      client.publishAsync(
        telemetryTopic(id),
        JSON.stringify({ ts, values: { smoke: true, fire: false, flame: false } }),
        { qos: 1 },
      ),
    ),
  );
  return ts;
}

export interface DeliveryCount {
  readonly expected: number;
  readonly delivered: number;
  readonly failed: number;
  readonly pending: number;
  /** Attempts beyond the first, over all deliveries. */
  readonly retries: number;
  /** The burst's own deliveries: recorded delivered, of the channels × detectors expected. */
  readonly burstDelivered: number;
  readonly burstExpected: number;
  /** From the burst's publish to its last delivery recorded delivered, ms (null: no burst, or not all delivered). */
  readonly burstDrainedMs: number | null;
  readonly acceptedByStandins: number;
}

/**
 * Waits (up to `timeoutMs`) until every delivery the channels should have made is recorded delivered — one per
 * channel (and SMS recipient) for each warning or critical `opened` event since `since` — and counts them.
 */
export async function countDeliveries(
  records: DataSource,
  fanout: Fanout,
  since: Date,
  burst: { readonly at: number | null; readonly detectors: number; readonly idPrefix: string },
  timeoutMs: number,
): Promise<DeliveryCount> {
  const expected = async () => {
    const [row] = await records.query<{ n: string }[]>(
      `SELECT count(*) AS n FROM alert_events e JOIN alerts a ON a.id = e.alert_id
        WHERE e.type = 'opened' AND e.at >= $1 AND a.severity IN ('warning', 'critical')`,
      [since],
    );
    return Number(row.n) * fanout.channels;
  };
  const statuses = async () => {
    const rows = await records.query<{ status: string; n: string; extra: string; last: Date | null }[]>(
      `SELECT status, count(*) AS n, coalesce(sum(greatest(attempts - 1, 0)), 0) AS extra, max(delivered_at) AS last
         FROM notification_deliveries GROUP BY status`,
    );
    return new Map(rows.map((r) => [r.status, r]));
  };
  let want = await expected();
  await waitFor(
    'every delivery recorded delivered',
    async () => {
      want = await expected();
      return Number((await statuses()).get('delivered')?.n ?? 0) >= want;
    },
    timeoutMs,
    500,
  ).catch(() => undefined);
  const byStatus = await statuses();
  const n = (s: string) => Number(byStatus.get(s)?.n ?? 0);
  const [ofBurst] = await records.query<{ n: string; last: Date | null }[]>(
    `SELECT count(*) AS n, max(d.delivered_at) AS last FROM notification_deliveries d
       JOIN alerts a ON a.id = d.alert_id WHERE d.status = 'delivered' AND a.subject_id LIKE $1`,
    [`${burst.idPrefix}%`],
  );
  const burstExpected = burst.detectors * fanout.channels;
  const burstDelivered = Number(ofBurst.n);
  return {
    expected: want,
    delivered: n('delivered'),
    failed: n('failed'),
    pending: n('pending') + n('sending'),
    retries: [...byStatus.values()].reduce((sum, r) => sum + Number(r.extra), 0),
    burstDelivered,
    burstExpected,
    burstDrainedMs:
      burst.at !== null && ofBurst.last && burstDelivered >= burstExpected
        ? ofBurst.last.getTime() - burst.at
        : null,
    acceptedByStandins: fanout.standins.reduce((sum, s) => sum + s.accepted().length, 0),
  };
}

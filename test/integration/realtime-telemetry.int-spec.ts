/**
 * socket.io `telemetry` and `device-status` events on the real Kafka and PostgreSQL: TelemetryRecords and
 * DeviceStatusEvents published straight onto this run's bus topics reach the API's per-instance consumer groups
 * and go out to the rooms an alert would go to. The same suite runs on the in-process bus of the standalone mode,
 * since the fan-out uses only the MessageBus port.
 * - two enterprises' energy managers each receive only their own devices' telemetry, status (and alerts);
 *   an officer and a wall-display session receive every enterprise's;
 * - a device streaming ten readings a second gets at most one event per throttle window, and the newest values
 *   arrive at the end;
 * - a handshake without a valid token is refused.
 */
import type { INestApplication } from '@nestjs/common';
import { hashSecret } from '@park/auth';
import { KafkaBus, type BusKind, type MessageBus } from '@park/bus';
import { loadConfig } from '@park/config';
import {
  SOCKET_EVENTS,
  topicName,
  type AlertEvent,
  type DeviceStatusEvent,
  type TelemetryRecord,
  type TelemetryUpdate,
} from '@park/contracts';
import { EnterpriseEntity, seedDemoPark, UserEntity, UserRepository } from '@park/records';
import { Not } from 'typeorm';
import { io, type Socket } from 'socket.io-client';
import { apiConfigSpec } from '../../apps/api/src/api.config';
import { startApi } from '../../apps/api/src/main';
import { borrowedBus } from '../support/borrowed-bus';
import { caller, login } from '../support/records-api';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { waitFor } from '../support/wait-for';

const PASSWORD = 'realtime-test-password';
const WINDOW_MS = 1000;

interface Received {
  readonly telemetry: Array<TelemetryUpdate & { receivedAt: number }>;
  readonly status: DeviceStatusEvent[];
  readonly alerts: AlertEvent[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each<BusKind>(['kafka', 'in-process'])(
  'socket.io telemetry and device-status events (%s bus)',
  (busKind) => {
    let env: TestEnvironment;
    let api: INestApplication;
    let url: string;
    let bus: MessageBus;
    let entA: string;
    let entB: string;
    const sockets: Socket[] = [];
    const inbox = new Map<string, Received>();
    const run = Date.now().toString(36);
    const meterA = `meter-a-${run}`;
    const meterB = `meter-b-${run}`;

    async function connect(name: string, token: string): Promise<Received> {
      const received: Received = { telemetry: [], status: [], alerts: [] };
      const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false });
      sockets.push(socket);
      socket.on(SOCKET_EVENTS.telemetry, (u: TelemetryUpdate) =>
        received.telemetry.push({ ...u, receivedAt: Date.now() }),
      );
      socket.on(SOCKET_EVENTS.deviceStatus, (e: DeviceStatusEvent) => received.status.push(e));
      socket.on(SOCKET_EVENTS.alert, (e: AlertEvent) => received.alerts.push(e));
      await new Promise<void>((ok, fail) => {
        socket.once(SOCKET_EVENTS.ready, () => ok());
        socket.once('connect_error', fail);
      });
      inbox.set(name, received);
      return received;
    }

    const of = (name: string) => inbox.get(name)!;
    const clearInboxes = () => {
      for (const r of inbox.values()) {
        r.telemetry.length = 0;
        r.status.length = 0;
        r.alerts.length = 0;
      }
    };

    const reading = (deviceId: string, enterpriseId: string, ts: number, values: TelemetryRecord['values']) =>
      ({
        v: 1,
        deviceId,
        enterpriseId,
        kind: 'power-meter',
        role: 'production',
        line: null,
        ts,
        values,
        receivedAt: ts + 3,
      }) satisfies TelemetryRecord;

    const publishTelemetry = (...records: TelemetryRecord[]) =>
      bus.publish(
        topicName('telemetry', env.namespace),
        records.map((r) => ({ key: r.deviceId, value: JSON.stringify(r) })),
      );

    const status = (
      deviceId: string,
      enterpriseId: string | null,
      s: 'online' | 'offline',
    ): DeviceStatusEvent => ({
      v: 1,
      deviceId,
      enterpriseId,
      status: s,
      at: Date.now(),
      cause: s === 'online' ? 'reading' : 'silence',
    });

    const publishStatus = (...events: DeviceStatusEvent[]) =>
      bus.publish(
        topicName('deviceStatus', env.namespace),
        events.map((e) => ({ key: e.deviceId, value: JSON.stringify(e) })),
      );

    beforeAll(async () => {
      env = await createTestEnvironment('realtime');
      await seedDemoPark(env.records, PASSWORD);
      const manager = await env.records.getRepository(UserEntity).findOneByOrFail({ username: 'manager' });
      entA = manager.enterpriseId!;
      entB = (await env.records.getRepository(EnterpriseEntity).findOneByOrFail({ id: Not(entA) })).id;
      await new UserRepository(env.records).upsert({
        username: 'manager-b',
        displayName: '另一企业能源管理员',
        role: 'energy-manager',
        enterpriseId: entB,
        passwordHash: await hashSecret(PASSWORD),
      });

      api = await startApi(
        loadConfig(apiConfigSpec, {
          BUS: busKind,
          DATABASE_URL: env.databaseUrl,
          KAFKA_BROKERS: env.kafkaBrokers.join(','),
          PARK_NAMESPACE: env.namespace,
          KAFKA_TOPIC_PARTITIONS: '2',
          JWT_SECRET: 'realtime-test-secret-that-is-long-enough-0123',
          API_PORT: '0',
          API_INSTANCE_ID: `realtime-${env.runId}`,
          INFLUX_URL: env.influxUrl,
          INFLUX_DATABASE: env.influxDatabase,
          TELEMETRY_THROTTLE_MS: String(WINDOW_MS),
        }),
        { webRoot: null },
      );
      url = (await api.getUrl()).replace('[::1]', '127.0.0.1');
      // The in-process bus is the API's own: publish onto it.
      bus =
        busKind === 'kafka'
          ? new KafkaBus({ brokers: env.kafkaBrokers, clientId: `realtime-test-${env.runId}`, partitions: 2 })
          : borrowedBus(api);

      await connect('officer', await login(url, 'officer', PASSWORD));
      await connect('manager-a', await login(url, 'manager', PASSWORD));
      await connect('manager-b', await login(url, 'manager-b', PASSWORD));
      const admin = caller(url, await login(url, 'admin', PASSWORD));
      const created = await admin('POST', '/api/display-tokens', { name: `大屏 ${run}` });
      const exchanged = await caller(url)('POST', '/api/display-tokens/exchange', {
        token: (created.body as { token: string }).token,
      });
      await connect('wall', (exchanged.body as { accessToken: string }).accessToken);

      // The consumer groups start at the end of the topics once they have joined: probe until both deliver.
      const probe = `probe-${run}`;
      await waitFor(
        'the telemetry and device-status fan-outs to deliver',
        async () => {
          const o = of('officer');
          if (!o.telemetry.some((u) => u.deviceId === probe))
            await publishTelemetry(reading(probe, entA, Date.now(), { kw: 1 }));
          if (!o.status.some((e) => e.deviceId === probe)) await publishStatus(status(probe, entA, 'online'));
          return o.telemetry.some((u) => u.deviceId === probe) && o.status.some((e) => e.deviceId === probe);
        },
        60_000,
        500,
      );
      await sleep(WINDOW_MS + 200); // the probe's throttle window ends
      clearInboxes();
    });

    afterAll(async () => {
      for (const socket of sockets) socket.close();
      await bus?.close();
      await api?.close();
      await env?.teardown();
    });

    it("gives each energy manager only their own enterprise's device status; the officer and the wall get all", async () => {
      const orphan = `orphan-${run}`;
      await publishStatus(
        status(meterA, entA, 'offline'),
        status(meterB, entB, 'offline'),
        status(orphan, null, 'offline'),
      );
      const devicesOf = (name: string) => of(name).status.map((e) => e.deviceId);
      await waitFor('every status at the officer and the wall', () =>
        ['officer', 'wall'].every((n) => devicesOf(n).length === 3),
      );
      await sleep(300); // anything misrouted would have arrived by now
      expect(devicesOf('officer').sort()).toEqual([meterA, meterB, orphan].sort());
      expect(devicesOf('wall').sort()).toEqual([meterA, meterB, orphan].sort());
      expect(devicesOf('manager-a')).toEqual([meterA]);
      expect(devicesOf('manager-b')).toEqual([meterB]);
      expect(of('manager-a').status[0]).toMatchObject({
        v: 1,
        deviceId: meterA,
        enterpriseId: entA,
        status: 'offline',
        cause: 'silence',
      });
    });

    it("gives each energy manager only their own enterprise's telemetry, with units", async () => {
      const ts = Date.now();
      await publishTelemetry(
        reading(meterA, entA, ts, { kw: 120.5, kwh: 1000 }),
        reading(meterB, entB, ts, { kw: 80 }),
      );
      const devicesOf = (name: string) => of(name).telemetry.map((u) => u.deviceId);
      await waitFor('both devices at the officer', () => devicesOf('officer').length === 2);
      await sleep(300);
      // A wall display shows alerts and device status, not the telemetry stream (its `display` role).
      expect(devicesOf('wall')).toEqual([]);
      expect(devicesOf('manager-a')).toEqual([meterA]);
      expect(devicesOf('manager-b')).toEqual([meterB]);
      expect(devicesOf('officer').sort()).toEqual([meterA, meterB].sort());
      const { receivedAt: _r, ...update } = of('manager-a').telemetry[0];
      expect(update).toEqual({
        v: 1,
        deviceId: meterA,
        enterpriseId: entA,
        kind: 'power-meter',
        ts,
        values: { kw: 120.5, kwh: 1000 },
        units: { kw: 'kW', kwh: 'kWh' },
      });
    });

    it('sends a busy device at most one event per window, and the newest values at the end', async () => {
      const busy = `meter-busy-${run}`;
      const start = Date.now();
      const count = 30;
      for (let i = 1; i <= count; i++) {
        await publishTelemetry(reading(busy, entA, start + i * 100, { kw: i }));
        await sleep(100);
      }
      const streamedMs = Date.now() - start;
      const last = await waitFor('the newest values at the officer', () =>
        of('officer').telemetry.find((u) => u.deviceId === busy && u.values.kw === count),
      );
      expect(last.ts).toBe(start + count * 100);
      await sleep(WINDOW_MS + 300); // nothing may follow the newest
      expect(of('wall').telemetry).toEqual([]);
      for (const name of ['officer', 'manager-a']) {
        const events = of(name).telemetry.filter((u) => u.deviceId === busy);
        expect({ name, last: events[events.length - 1].values.kw }).toEqual({ name, last: count });
        // The server spaces them a window apart; allow for socket and event-loop jitter on arrival.
        for (let i = 1; i < events.length; i++) {
          expect(events[i].receivedAt - events[i - 1].receivedAt).toBeGreaterThanOrEqual(WINDOW_MS - 150);
        }
        // One leading event, then at most one per window while the stream lasted, plus the trailing one.
        expect(events.length).toBeGreaterThanOrEqual(2);
        expect(events.length).toBeLessThanOrEqual(Math.ceil(streamedMs / WINDOW_MS) + 1);
        // Values only move forward.
        const kws = events.map((u) => u.values.kw as number);
        expect([...kws].sort((a, b) => a - b)).toEqual(kws);
      }
      expect(of('manager-b').telemetry.filter((u) => u.deviceId === busy)).toEqual([]);
    });

    it("routes alert events the same way: a manager gets only their enterprise's", async () => {
      const event = (enterpriseId: string, id: string) => ({
        v: 1,
        seq: 1,
        type: 'opened',
        at: Date.now(),
        actor: null,
        alert: { id, enterpriseId, status: 'open' },
      });
      const alertB = `alert-b-${run}`;
      await bus.publish(topicName('alerts', env.namespace), [
        { key: alertB, value: JSON.stringify(event(entB, alertB)) },
      ]);
      await waitFor('the alert at the officer', () =>
        of('officer').alerts.some((e) => e.alert.id === alertB),
      );
      await waitFor('the alert at manager B', () =>
        of('manager-b').alerts.some((e) => e.alert.id === alertB),
      );
      await sleep(300);
      expect(of('manager-a').alerts.filter((e) => e.alert.id === alertB)).toEqual([]);
      expect(of('wall').alerts.map((e) => e.alert.id)).toContain(alertB);
    });

    it('refuses a handshake without a token or with a bad one', async () => {
      const refusal = (auth: Record<string, unknown>) =>
        new Promise<string>((resolve, reject) => {
          const socket = io(url, { auth, transports: ['websocket'], reconnection: false });
          sockets.push(socket);
          socket.once('connect', () => reject(new Error('connected without a valid token')));
          socket.once('connect_error', (error: Error) => resolve(error.message));
        });
      expect(await refusal({})).toMatch(/unauthorized/);
      expect(await refusal({ token: 'not-a-jwt' })).toMatch(/unauthorized/);
    });
  },
);

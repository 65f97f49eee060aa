/**
 * Rotating a device's credential or disabling it must end its open session (docs/security-mqtt.md §4), and a
 * disabled device's status and readings must not be announced. Embedded broker (re-check on a records change and
 * periodically), park-mosquitto (password file regenerated and reloaded: Mosquitto 2.0 drops sessions the new
 * file no longer admits), ingestion (status and telemetry of a disabled device rejected), and the standalone
 * wiring (records change → session closed; auth failures on the operations endpoint's /metrics).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import type { MessageBus, OutgoingMessage } from '@park/bus';
import { SystemClock } from '@park/clock';
import { loadConfig } from '@park/config';
import { statusTopic, telemetryTopic, topicName } from '@park/contracts';
import { DEMO_GAS_DEVICE, DeviceRepository, type DeviceProfile } from '@park/records';
import { DeviceCache } from '../../apps/ingestion/src/device-cache';
import { ingestionConfigSpec } from '../../apps/ingestion/src/ingestion.config';
import { IngestionMetrics } from '../../apps/ingestion/src/ingestion-metrics';
import { IngestionService } from '../../apps/ingestion/src/ingestion.service';
import { startStandalone, type RunningPlatform } from '../../apps/standalone/src/standalone';
import { MosquittoAuthSync } from '../../scripts/mosquitto-auth-sync';
import { standaloneConfigSpec } from '../../apps/standalone/src/standalone.config';
import { generateSecret, hashDeviceSecret } from '@park/auth';
import { DeviceEntity, EnterpriseEntity } from '@park/records';
import { startMosquitto, type MosquittoInstance } from '../support/mosquitto-instance';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';
import { caller, login } from '../support/records-api';
import { waitFor } from '../support/wait-for';
import { expectAllHandled } from './support/tally';
import {
  closesWithin,
  connectClient,
  counterValue,
  DeviceAccounts,
  startEmbedded,
  startParkMosquitto,
  type RunningEmbedded,
} from './support/mqtt-brokers';

const ROTATED = 'sec-meter-rot';
const DISABLED = 'sec-meter-off';
const KEPT = 'sec-meter-kept';

describe('MQTT sessions end when the device is disabled or its credential rotated', () => {
  const clients: MqttClient[] = [];

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
  });

  async function connectAll(url: string, accounts: DeviceAccounts): Promise<Map<string, MqttClient>> {
    const connected = new Map<string, MqttClient>();
    for (const id of [ROTATED, DISABLED, KEPT]) {
      const client = await connectClient(url, {
        username: id,
        password: accounts.secret(id),
        protocolVersion: 4,
      });
      client.on('error', () => undefined);
      clients.push(client);
      connected.set(id, client);
    }
    return connected;
  }

  describe('embedded broker', () => {
    let accounts: DeviceAccounts;
    let embedded: RunningEmbedded;

    beforeAll(async () => {
      accounts = await DeviceAccounts.create([ROTATED, DISABLED, KEPT]);
      embedded = await startEmbedded(accounts, { accountRecheckMs: 400 });
    });

    afterAll(() => embedded?.broker.close());

    it('closes the session of a rotated and of a disabled device, keeps the others', async () => {
      const c = await connectAll(embedded.url, accounts);
      await expectAllHandled('mqtt-session', [
        {
          name: 'embedded: credential rotated, records change announced → session closed at once',
          check: async () => {
            await accounts.rotate(ROTATED);
            await embedded.broker.recheck(ROTATED);
            return closesWithin(c.get(ROTATED)!, 1_000);
          },
        },
        {
          name: 'embedded: device disabled, no change event → session closed by the periodic re-check',
          check: async () => {
            accounts.disable(DISABLED);
            return closesWithin(c.get(DISABLED)!, 3_000);
          },
        },
        {
          name: 'embedded: an unchanged device keeps its session',
          check: async () => {
            await embedded.broker.recheck();
            await c.get(KEPT)!.publishAsync(telemetryTopic(KEPT), '{"ts":1,"values":{"kw":1}}', { qos: 1 });
            return c.get(KEPT)!.connected;
          },
        },
        {
          name: 'embedded: the rotated device gets back in with its new secret only',
          check: async () => {
            const client = await connectClient(embedded.url, {
              username: ROTATED,
              password: accounts.secret(ROTATED),
              protocolVersion: 4,
            });
            clients.push(client);
            return client.connected;
          },
        },
      ]);
      const text = await embedded.registry.metrics();
      expect(counterValue(text, 'park_mqtt_sessions_ended_total', { reason: 'credential-changed' })).toBe(1);
      expect(counterValue(text, 'park_mqtt_sessions_ended_total', { reason: 'disabled' })).toBe(1);
    });
  });

  describe('park-mosquitto', () => {
    let accounts: DeviceAccounts;
    let mosquitto: MosquittoInstance;

    beforeAll(async () => {
      accounts = await DeviceAccounts.create([ROTATED, DISABLED, KEPT]);
      mosquitto = await startParkMosquitto(accounts);
    });

    afterAll(() => mosquitto?.stop());

    it('closes the sessions the regenerated password file no longer admits when reloaded', async () => {
      const c = await connectAll(mosquitto.url, accounts);
      await accounts.rotate(ROTATED);
      accounts.disable(DISABLED);
      await mosquitto.reload(await accounts.mosquittoFiles());
      await expectAllHandled('mqtt-session', [
        {
          name: 'park-mosquitto: credential rotated, files regenerated + SIGHUP → session closed',
          check: () => closesWithin(c.get(ROTATED)!, 3_000),
        },
        {
          name: 'park-mosquitto: device disabled, files regenerated + SIGHUP → session closed',
          check: () => closesWithin(c.get(DISABLED)!, 3_000),
        },
        {
          name: 'park-mosquitto: an unchanged device keeps its session across the reload',
          check: async () => {
            await c.get(KEPT)!.publishAsync(telemetryTopic(KEPT), '{"ts":1,"values":{"kw":1}}', { qos: 1 });
            return c.get(KEPT)!.connected;
          },
        },
      ]);
    });
  });

  describe('park-mosquitto following the records (cli mosquitto-auth-watch)', () => {
    let env: TestEnvironment;
    let mosquitto: MosquittoInstance;
    let sync: MosquittoAuthSync;
    const secrets = new Map<string, string>();
    const ingestionSecret = generateSecret();
    let ids: { rotated: string; disabled: string; kept: string };

    beforeAll(async () => {
      env = await createTestEnvironment('mqtt-sync');
      const suffix = env.runId.slice(-6);
      ids = { rotated: `sync-rot-${suffix}`, disabled: `sync-off-${suffix}`, kept: `sync-kept-${suffix}` };
      const enterprise = await env.records
        .getRepository(EnterpriseEntity)
        .save({ name: '同步测试企业', creditCode: '91350100M000100Y43', isDemo: false });
      const repo = new DeviceRepository(env.records);
      for (const id of Object.values(ids)) {
        await env.records.getRepository(DeviceEntity).save({
          id,
          enterpriseId: enterprise.id,
          name: id,
          kind: 'power-meter',
          role: 'production',
          line: 'L1',
          location: null,
          enabled: true,
          credentialHash: null,
          expectedIntervalS: 60,
          isDemo: false,
        });
        const secret = generateSecret();
        secrets.set(id, secret);
        await repo.setCredentialHash(id, await hashDeviceSecret(secret));
      }
      // Started with no device file at all: the watcher writes the files from the records and reloads.
      mosquitto = await startMosquitto({
        auth: { passwordFile: '', aclFile: '', servicePasswordFile: '', serviceAclFile: '' },
      });
      sync = new MosquittoAuthSync(env.records, env.databaseUrl, mosquitto.dir, ingestionSecret, () =>
        process.kill(mosquitto.pid, 'SIGHUP'),
      );
      await sync.start();
    });

    afterAll(async () => {
      await sync?.close();
      await mosquitto?.stop();
      await env?.teardown();
    });

    it('ends the session of a device disabled or rotated in the records, keeps the others', async () => {
      const connected = new Map<string, MqttClient>();
      for (const id of Object.values(ids)) {
        const client = await waitFor(`${id} admitted once the watcher wrote the files`, () =>
          connectClient(mosquitto.url, { username: id, password: secrets.get(id), protocolVersion: 4 }).catch(
            () => undefined,
          ),
        );
        client.on('error', () => undefined);
        clients.push(client);
        connected.set(id, client);
      }
      const repo = new DeviceRepository(env.records);
      await repo.setEnabled(ids.disabled, false);
      await repo.setCredentialHash(ids.rotated, await hashDeviceSecret(generateSecret()));
      await expectAllHandled('mqtt-session', [
        {
          name: 'park-mosquitto + watcher: device disabled in the records → session closed',
          check: () => closesWithin(connected.get(ids.disabled)!, 5_000),
        },
        {
          name: 'park-mosquitto + watcher: credential rotated in the records → session closed',
          check: () => closesWithin(connected.get(ids.rotated)!, 5_000),
        },
        {
          name: 'park-mosquitto + watcher: an unchanged device keeps its session',
          check: async () => {
            const kept = connected.get(ids.kept)!;
            await kept.publishAsync(telemetryTopic(ids.kept), '{"ts":1,"values":{"kw":1}}', { qos: 1 });
            return kept.connected;
          },
        },
      ]);
    });
  });

  describe('ingestion', () => {
    it("rejects a disabled device's status and readings instead of announcing them", async () => {
      const published: { topic: string; messages: readonly OutgoingMessage[] }[] = [];
      const bus: MessageBus = {
        ensureTopics: () => Promise.resolve(),
        publish: (topic, messages) => {
          if (messages.length > 0) published.push({ topic, messages });
          return Promise.resolve();
        },
        consume: () => Promise.reject(new Error('not used')),
        ping: () => Promise.resolve(true),
        close: () => Promise.resolve(),
      };
      const profile = (id: string, enabled: boolean): DeviceProfile => ({
        id,
        name: id,
        kind: 'power-meter',
        role: 'production',
        line: 'L1',
        location: null,
        enabled,
        expectedIntervalS: 60,
        enterpriseId: 'e1',
        enterpriseName: 'e1',
        contactName: null,
        contactPhone: null,
      });
      const clock = new SystemClock();
      const cache = new DeviceCache(
        { findProfile: (id) => Promise.resolve(profile(id, id !== DISABLED)) },
        clock,
        0,
      );
      const config = loadConfig(ingestionConfigSpec, {});
      const ingestion = new IngestionService(config, bus, clock, cache, new IngestionMetrics());
      const statusBusTopic = topicName('deviceStatus', config.PARK_NAMESPACE);
      const rejectedBusTopic = topicName('telemetryRejected', config.PARK_NAMESPACE);
      const telemetryBusTopic = topicName('telemetry', config.PARK_NAMESPACE);
      const reading = Buffer.from(JSON.stringify({ ts: Date.now(), values: { kw: 1 } }));
      await ingestion.handleBatch([
        { topic: statusTopic(DISABLED), payload: Buffer.from('online') },
        { topic: statusTopic(DISABLED), payload: Buffer.from('offline') },
        { topic: telemetryTopic(DISABLED), payload: reading },
        { topic: statusTopic(KEPT), payload: Buffer.from('online') },
      ]);
      const on = (topic: string) => published.filter((p) => p.topic === topic).flatMap((p) => p.messages);
      await expectAllHandled('mqtt-session', [
        {
          name: "ingestion: a disabled device's online/offline is not announced",
          check: () => on(statusBusTopic).every((m) => m.key !== DISABLED),
        },
        {
          name: "ingestion: a disabled device's reading is not accepted",
          check: () => on(telemetryBusTopic).every((m) => m.key !== DISABLED),
        },
        {
          name: 'ingestion: all three are recorded as DEVICE_DISABLED',
          check: () =>
            on(rejectedBusTopic).filter(
              (m) =>
                m.key === DISABLED &&
                (JSON.parse(m.value.toString()) as { reason: string }).reason === 'DEVICE_DISABLED',
            ).length === 3,
        },
        {
          name: "ingestion: an enabled device's status is still announced",
          check: () => on(statusBusTopic).some((m) => m.key === KEPT),
        },
      ]);
    });
  });

  describe('standalone mode wiring', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'park-sec-mqtt-'));
    const DEVICE_SECRET = 'sec-device-secret';
    let platform: RunningPlatform;

    beforeAll(async () => {
      platform = await startStandalone(
        loadConfig(standaloneConfigSpec, {
          PARK_DATA_DIR: dataDir,
          API_PORT: '0',
          MQTT_PORT: '0',
          OPS_PORT: '0',
          SIMULATE: 'false',
          DEMO_DEVICE_SECRET: DEVICE_SECRET,
          MQTT_ACCOUNT_RECHECK_MS: '0',
        }),
        { webRoot: null },
      );
    });

    afterAll(async () => {
      await platform?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('counts failed logins on /metrics and closes a device session when the device is disabled', async () => {
      // As an administrator disables a device: through the API, whose records are the broker's.
      const admin = caller(platform.webUrl, await login(platform.webUrl, 'admin', platform.logins.password));
      await expectAllHandled('mqtt-auth-throttle', [
        {
          name: 'standalone: a failed MQTT login appears on the operations /metrics',
          check: async () => {
            await connectClient(platform.mqttUrl, {
              username: DEMO_GAS_DEVICE,
              password: 'wrong',
              protocolVersion: 4,
            }).catch(() => undefined);
            const text = await fetch(`${platform.opsUrl}/metrics`).then((r) => r.text());
            return counterValue(text, 'park_mqtt_auth_failures_total', { reason: 'bad-credentials' }) >= 1;
          },
        },
      ]);
      await expectAllHandled('mqtt-session', [
        {
          name: 'standalone: disabling a device in the records closes its session (no periodic re-check)',
          check: async () => {
            const device = await connectClient(platform.mqttUrl, {
              username: DEMO_GAS_DEVICE,
              password: DEVICE_SECRET,
              protocolVersion: 4,
            });
            clients.push(device);
            const disabled = await admin('POST', `/api/devices/${DEMO_GAS_DEVICE}/disable`);
            if (disabled.status !== 200 && disabled.status !== 201)
              throw new Error(`disable: ${disabled.status} ${disabled.text}`);
            const closed = await closesWithin(device, 5_000);
            await waitFor(
              'the ended session on /metrics',
              async () => {
                const text = await fetch(`${platform.opsUrl}/metrics`).then((r) => r.text());
                return counterValue(text, 'park_mqtt_sessions_ended_total', { reason: 'disabled' }) === 1;
              },
              5_000,
            );
            return closed;
          },
        },
      ]);
    });
  });
});

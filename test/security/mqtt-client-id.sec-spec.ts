/**
 * One device knocking another off the broker (docs/security-mqtt.md §2): device B connects with device A's client
 * id. On both brokers the session is bound to the authenticated device (client id := username), so A stays
 * connected and its last will (which the platform would announce as "offline") does not fire.
 */
import type { MqttClient } from 'mqtt';
import { statusTopic, telemetryTopic } from '@park/contracts';
import type { MosquittoInstance } from '../support/mosquitto-instance';
import { expectAllHandled } from './support/tally';
import {
  closesWithin,
  connectClient,
  DeviceAccounts,
  INGESTION_USER,
  startEmbedded,
  startParkMosquitto,
  type RunningEmbedded,
} from './support/mqtt-brokers';

const A = 'sec-meter-a';
const B = 'sec-meter-b';

describe('MQTT client id bound to the authenticated device', () => {
  let accounts: DeviceAccounts;
  let embedded: RunningEmbedded;
  let mosquitto: MosquittoInstance;
  let observer: MqttClient;
  const seenByIngestion: string[] = [];
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    accounts = await DeviceAccounts.create([A, B]);
    embedded = await startEmbedded(accounts);
    mosquitto = await startParkMosquitto(accounts);
    // What ingestion would hear from park-mosquitto: every status message (a fired last will included).
    observer = await connectClient(mosquitto.serviceUrl, {
      username: INGESTION_USER,
      password: accounts.ingestionSecret,
      protocolVersion: 5,
    });
    observer.on('message', (topic, payload) => seenByIngestion.push(`${topic} ${payload.toString()}`));
    await observer.subscribeAsync('park/v1/devices/+/status', { qos: 1 });
  });

  afterAll(async () => {
    await Promise.all([...clients, observer].filter(Boolean).map((c) => c.endAsync(true)));
    await embedded?.broker.close();
    await mosquitto?.stop();
  });

  /** A connects with `aClientId` and a last will; B then connects with `bClientId`. Handled when A survives. */
  async function takeoverAttempt(url: string, aClientId: string, bClientId: string): Promise<boolean> {
    const a = await connectClient(url, {
      username: A,
      password: accounts.secret(A),
      clientId: aClientId,
      protocolVersion: 4,
      will: { topic: statusTopic(A), payload: Buffer.from('offline'), qos: 1, retain: false },
    });
    clients.push(a);
    const b = await connectClient(url, {
      username: B,
      password: accounts.secret(B),
      clientId: bClientId,
      protocolVersion: 4,
    });
    clients.push(b);
    // A round trip on A's own connection after B's CONNACK: a takeover would have closed it by then.
    await a.publishAsync(telemetryTopic(A), '{"ts":1,"values":{"kw":1}}', { qos: 1 }).catch(() => undefined);
    const aClosed = await closesWithin(a, 500);
    await Promise.all([a.endAsync(), b.endAsync()]);
    return !aClosed;
  }

  it("never lets device B take device A's session by sending A's client id, on either broker", async () => {
    const targets = [
      { mode: 'embedded', url: () => embedded.url },
      { mode: 'park-mosquitto', url: () => mosquitto.url },
    ];
    await expectAllHandled(
      'mqtt-client-id',
      targets.flatMap(({ mode, url }) => [
        {
          name: `${mode}: B sends A's chosen client id`,
          check: () => takeoverAttempt(url(), `${A}-sim-1`, `${A}-sim-1`),
        },
        {
          name: `${mode}: B sends A's device id as client id`,
          check: () => takeoverAttempt(url(), A, A),
        },
        {
          name: `${mode}: B sends A's device id while A uses its own id`,
          check: () => takeoverAttempt(url(), `${A}-x`, A),
        },
      ]),
    );
    // Neither broker fired A's last will (the platform would have announced A offline).
    await observer.publishAsync('park/healthcheck', 'x', { qos: 1 }).catch(() => undefined);
    expect(seenByIngestion.filter((m) => m.startsWith(statusTopic(A)) && m.endsWith('offline'))).toEqual([]);
    expect(
      embedded.received.filter((m) => m.topic === statusTopic(A) && m.payload.toString() === 'offline'),
    ).toEqual([]);
  });
});

/**
 * Memory exhaustion before login (docs/security-mqtt.md §1): a client that never authenticates announces a huge
 * CONNECT and streams it. Both brokers must cut the connection on the announced size, before buffering it; the
 * embedded one also caps what a connection may send before login and how long it may take, and both refuse a
 * packet over the limit after login.
 */
import type { MqttClient } from 'mqtt';
import { telemetryTopic } from '@park/contracts';
import type { MosquittoInstance } from '../support/mosquitto-instance';
import { expectAllHandled } from './support/tally';
import {
  closesWithin,
  connectClient,
  counterValue,
  DeviceAccounts,
  fixedHeader,
  MAX_REMAINING_LENGTH,
  rawSocket,
  socketClosesWithin,
  startEmbedded,
  startParkMosquitto,
  streamOversizedConnect,
  type RunningEmbedded,
} from './support/mqtt-brokers';

const DEVICE = 'sec-meter-1';
/** An attack is handled when the broker closed the connection before 8 MiB of it were sent. */
const CUT_OFF_BYTES = 8 * 1024 * 1024;

describe('MQTT before login: packet size, byte budget and deadline', () => {
  let accounts: DeviceAccounts;
  let embedded: RunningEmbedded;
  let mosquitto: MosquittoInstance;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    accounts = await DeviceAccounts.create([DEVICE]);
    embedded = await startEmbedded(accounts, {
      limits: { preAuthTimeoutMs: 1_000, preAuthBytes: 8 * 1024, maxPacketBytes: 129 * 1024 },
    });
    mosquitto = await startParkMosquitto(accounts);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await embedded?.broker.close();
    await mosquitto?.stop();
  });

  const brokers = () => [
    { mode: 'embedded', port: embedded.port, url: embedded.url },
    { mode: 'park-mosquitto', port: mosquitto.port, url: mosquitto.url },
  ];

  it('cuts a connection announcing a 256 MiB CONNECT before buffering it, on both brokers', async () => {
    await expectAllHandled(
      'mqtt-preauth',
      brokers().flatMap(({ mode, port }) =>
        [MAX_REMAINING_LENGTH, 16 * 1024 * 1024, 1024 * 1024].map((announced) => ({
          name: `${mode}: CONNECT announcing ${announced} bytes, streamed`,
          check: async () => {
            const r = await streamOversizedConnect(port, announced, CUT_OFF_BYTES * 2, 5_000);
            return r.closed && r.sentBytes < CUT_OFF_BYTES;
          },
        })),
      ),
    );
    expect(
      counterValue(await embedded.registry.metrics(), 'park_mqtt_connections_refused_total', {
        reason: 'oversized-packet',
      }),
    ).toBeGreaterThanOrEqual(3);
  });

  it('embedded: caps the bytes before login and closes a connection that does not log in in time', async () => {
    await expectAllHandled('mqtt-preauth', [
      {
        name: 'embedded: CONNECT of 100 KiB (under the post-login limit, over the pre-login budget)',
        check: async () => {
          const r = await streamOversizedConnect(embedded.port, 100 * 1024, 100 * 1024, 3_000);
          return r.closed;
        },
      },
      {
        name: 'embedded: connection that never sends CONNECT',
        check: async () => {
          const socket = await rawSocket(embedded.port);
          const ms = await socketClosesWithin(socket, 4_000);
          socket.destroy();
          return ms !== null;
        },
      },
      {
        name: 'embedded: CONNECT trickled one byte every 200 ms (slowloris)',
        check: async () => {
          const socket = await rawSocket(embedded.port);
          socket.on('error', () => undefined);
          const header = fixedHeader(0x10, 200);
          let i = 0;
          const timer = setInterval(() => {
            if (!socket.destroyed)
              socket.write(i < header.length ? header.subarray(i, i + 1) : Buffer.from([0]));
            i++;
          }, 200);
          const ms = await socketClosesWithin(socket, 4_000);
          clearInterval(timer);
          socket.destroy();
          return ms !== null;
        },
      },
    ]);
    const text = await embedded.registry.metrics();
    expect(
      counterValue(text, 'park_mqtt_connections_refused_total', { reason: 'pre-auth-timeout' }),
    ).toBeGreaterThanOrEqual(2);
  });

  it('still lets the device in, and refuses a packet over the limit after login, on both brokers', async () => {
    await expectAllHandled(
      'mqtt-preauth',
      brokers().flatMap(({ mode, url }) => [
        {
          name: `${mode}: a device logs in and publishes a 100 KiB payload (recorded by ingestion, not cut)`,
          check: async () => {
            const client = await connectClient(url, {
              username: DEVICE,
              password: accounts.secret(DEVICE),
              protocolVersion: 4,
            });
            clients.push(client);
            await client.publishAsync(telemetryTopic(DEVICE), Buffer.alloc(100 * 1024, 0x20), { qos: 1 });
            return client.connected;
          },
        },
        {
          name: `${mode}: a logged-in device publishing a 1 MiB packet is disconnected`,
          check: async () => {
            const client = await connectClient(url, {
              username: DEVICE,
              password: accounts.secret(DEVICE),
              protocolVersion: 4,
            });
            clients.push(client);
            client.on('error', () => undefined);
            client.publish(telemetryTopic(DEVICE), Buffer.alloc(1024 * 1024, 0x20), { qos: 1 });
            return closesWithin(client, 5_000);
          },
        },
      ]),
    );
  });
});

/**
 * The standalone mode's embedded broker (aedes) keeps the Mosquitto deployment's rules — a device connects only
 * with its own secret, publishes only as itself, subscribes to nothing — and acknowledges a message only after
 * ingestion accepted it. Real MQTT clients over TCP on loopback.
 */
import { createServer, type Server } from 'node:net';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { generateSecret, hashDeviceSecret, verifyDeviceSecret } from '@park/auth';
import { statusTopic, telemetryTopic } from '@park/contracts';
import { EmbeddedBroker, type EmbeddedBrokerAccount, type InboundMessage } from '@park/mqtt';
import { waitFor } from '../support/wait-for';

describe('embedded MQTT broker', () => {
  const accounts = new Map<string, EmbeddedBrokerAccount>();
  const secrets = new Map<string, string>();
  const received: InboundMessage[] = [];
  let gate: Promise<void> = Promise.resolve();
  let failNext = false;
  let handlerCalls = 0;
  let broker: EmbeddedBroker;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    for (const id of ['meter-a', 'meter-b', 'meter-off']) {
      const secret = generateSecret();
      secrets.set(id, secret);
      accounts.set(id, { credentialHash: await hashDeviceSecret(secret), enabled: id !== 'meter-off' });
    }
    accounts.set('meter-new', { credentialHash: null, enabled: true });
    broker = new EmbeddedBroker({
      host: '127.0.0.1',
      port: 0,
      findAccount: (username) => Promise.resolve(accounts.get(username) ?? null),
      verifySecret: verifyDeviceSecret,
      handler: async (messages) => {
        handlerCalls++;
        await gate;
        if (failNext) {
          failNext = false;
          throw new Error('bus unavailable');
        }
        received.push(...messages);
      },
      maxBatch: 100,
      maxDelayMs: 2,
    });
    await broker.start();
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
    received.length = 0;
  });

  afterAll(async () => {
    await broker.close();
  });

  function connect(username: string, password: string | undefined, extra: IClientOptions = {}) {
    const client = mqtt.connect(broker.url, {
      username,
      password,
      clientId: `${username}-${Math.random().toString(36).slice(2, 8)}`,
      protocolVersion: 4,
      reconnectPeriod: 0,
      connectTimeout: 5_000,
      ...extra,
    });
    clients.push(client);
    return new Promise<MqttClient>((resolve, reject) => {
      client.once('connect', () => resolve(client));
      client.once('error', reject);
      client.once('close', () => reject(new Error('closed before CONNACK')));
    });
  }

  it('lets a device in with its own secret and refuses a wrong secret, a disabled device and no credential', async () => {
    await expect(connect('meter-a', secrets.get('meter-a'))).resolves.toBeDefined();
    await expect(connect('meter-a', secrets.get('meter-b'))).rejects.toThrow(/Bad username or password/i);
    await expect(connect('meter-off', secrets.get('meter-off'))).rejects.toThrow(/Bad username or password/i);
    await expect(connect('meter-new', 'anything')).rejects.toThrow(/Bad username or password/i);
    await expect(connect('nobody', 'anything')).rejects.toThrow(/Bad username or password/i);
    await expect(connect('', undefined)).rejects.toThrow(/Bad username or password|identifier/i);
  });

  it('acknowledges a reading only after ingestion accepted it', async () => {
    const client = await connect('meter-a', secrets.get('meter-a'));
    let release!: () => void;
    gate = new Promise<void>((resolve) => (release = resolve));
    let acked = false;
    const publishing = client
      .publishAsync(telemetryTopic('meter-a'), '{"ts":1,"values":{"kw":1}}', { qos: 1 })
      .then(() => (acked = true));
    const calls = handlerCalls;
    // Held by the handler: no PUBACK yet, nothing accepted.
    await waitFor('the broker to hand the message on', () => handlerCalls > calls);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(acked).toBe(false);
    release();
    await publishing;
    expect(received.map((m) => [m.topic, m.payload.toString()])).toEqual([
      [telemetryTopic('meter-a'), '{"ts":1,"values":{"kw":1}}'],
    ]);
  });

  it('refuses a device publishing as another device, and hands nothing on', async () => {
    const client = await connect('meter-a', secrets.get('meter-a'));
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    client.publish(telemetryTopic('meter-b'), '{"ts":1,"values":{"kw":1}}', { qos: 1 });
    await closed;
    expect(received).toEqual([]);
  });

  it('publishes in-process as a device (a gateway in the process) under the same rules, resolving once accepted', async () => {
    let release!: () => void;
    gate = new Promise<void>((resolve) => (release = resolve));
    let accepted = false;
    const calls = handlerCalls;
    const publishing = broker
      .publishAs('meter-new', telemetryTopic('meter-new'), Buffer.from('{"ts":3,"values":{"kw":3}}'))
      .then(() => (accepted = true));
    await waitFor('the broker to hand the message on', () => handlerCalls > calls);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(accepted).toBe(false);
    release();
    await publishing;
    // Another device's topic, a disabled device, a device not in the records: refused, nothing handed on.
    await expect(
      broker.publishAs('meter-a', telemetryTopic('meter-b'), Buffer.from('{"ts":4,"values":{"kw":4}}')),
    ).rejects.toThrow(/not its own device topic/);
    await expect(
      broker.publishAs('meter-off', telemetryTopic('meter-off'), Buffer.from('{"ts":4,"values":{"kw":4}}')),
    ).rejects.toThrow(/disabled/);
    await expect(
      broker.publishAs('nobody', telemetryTopic('nobody'), Buffer.from('{"ts":4,"values":{"kw":4}}')),
    ).rejects.toThrow(/not in the records/);
    expect(received.map((m) => [m.topic, m.payload.toString()])).toEqual([
      [telemetryTopic('meter-new'), '{"ts":3,"values":{"kw":3}}'],
    ]);
  });

  it('lets devices subscribe to nothing', async () => {
    const client = await connect('meter-a', secrets.get('meter-a'));
    // SUBACK return code 0x80 (failure): mqtt.js rejects the subscription.
    await expect(client.subscribeAsync(telemetryTopic('meter-b'), { qos: 1 })).rejects.toThrow(
      /Subscribe error/,
    );
  });

  it("hands a dropped device's last will to ingestion", async () => {
    const client = await connect('meter-b', secrets.get('meter-b'), {
      will: { topic: statusTopic('meter-b'), payload: Buffer.from('offline'), qos: 1, retain: false },
    });
    // Cut the TCP connection without DISCONNECT, as a device losing power does.
    client.stream.destroy();
    await waitFor('the last will', () =>
      received.some((m) => m.topic === statusTopic('meter-b') && m.payload.toString() === 'offline'),
    );
  });

  it('does not acknowledge what ingestion failed to take: the device sends it again', async () => {
    const client = await connect('meter-a', secrets.get('meter-a'), { reconnectPeriod: 200, clean: false });
    failNext = true;
    await client.publishAsync(telemetryTopic('meter-a'), '{"ts":2,"values":{"kw":2}}', { qos: 1 });
    // The first attempt failed (connection dropped, no PUBACK); the resend after reconnecting was accepted.
    expect(failNext).toBe(false);
    expect(received.map((m) => m.payload.toString())).toEqual(['{"ts":2,"values":{"kw":2}}']);
  });

  it("registers a device's session under its device id, whatever client id it sends", async () => {
    // The client id is replaced by the username (docs/security-mqtt.md §2): two connections of one device are one
    // session, so the second replaces the first even though they sent different client ids.
    const first = await connect('meter-a', secrets.get('meter-a'), { clientId: 'meter-a-first' });
    const firstClosed = new Promise<void>((resolve) => first.once('close', () => resolve()));
    await connect('meter-a', secrets.get('meter-a'), { clientId: 'some-other-id' });
    await firstClosed;
  });

  it('takes the next free port when another broker holds the one asked for', async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', () => resolve()));
    const taken = (holder.address() as { port: number }).port;
    const second = new EmbeddedBroker({
      host: '127.0.0.1',
      port: taken,
      portAttempts: 20,
      findAccount: () => Promise.resolve(null),
      verifySecret: verifyDeviceSecret,
      handler: () => Promise.resolve(),
      maxBatch: 10,
      maxDelayMs: 1,
    });
    try {
      await second.start();
      expect(second.port).toBeGreaterThan(taken);
    } finally {
      await second.close();
      await new Promise<void>((resolve) => holder.close(() => resolve()));
    }
  });
});

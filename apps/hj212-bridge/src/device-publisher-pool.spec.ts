import type { MqttPublisherOptions } from '@park/mqtt';
import { DevicePublisherPool, PublishTimeoutError, type DeviceConnection } from './device-publisher-pool';

interface FakeConnection extends DeviceConnection {
  readonly options: MqttPublisherOptions;
  readonly published: { topic: string; payload: string; qos: number }[];
  closed: boolean;
}

function fakeBroker(behaviour: { failConnects?: number; hangPublish?: boolean } = {}) {
  const connections: FakeConnection[] = [];
  let failures = behaviour.failConnects ?? 0;
  const factory = (options: MqttPublisherOptions): DeviceConnection => {
    const connection: FakeConnection = {
      options,
      published: [],
      closed: false,
      connect: () => (failures-- > 0 ? Promise.reject(new Error('connection refused')) : Promise.resolve()),
      publish(topic, payload, qos) {
        if (behaviour.hangPublish) return new Promise<void>(() => undefined);
        this.published.push({ topic, payload, qos });
        return Promise.resolve();
      },
      close() {
        this.closed = true;
        return Promise.resolve();
      },
    };
    connections.push(connection);
    return connection;
  };
  return { factory, connections };
}

const OPTIONS = { url: 'mqtt://broker:1883', clientIdPrefix: 'hj212-test', publishTimeoutMs: 200 };

describe('DevicePublisherPool', () => {
  it('publishes each reading as its device, QoS 1, on the device’s telemetry topic, in the contract’s shape', async () => {
    const broker = fakeBroker();
    const pool = new DevicePublisherPool(OPTIONS, broker.factory);
    await pool.publish('cems-1', { ts: 1_717_214_400_000, values: { so2: 35.2, o2: 11.2 } });
    await pool.publish('ww-1', { ts: 1_717_214_400_000, values: { cod: 20 } });
    await pool.publish('cems-1', { ts: 1_717_214_430_000, values: { so2: 36, o2: 0 }, flags: { o2: 'D' } });

    expect(broker.connections.map((c) => c.options)).toEqual([
      { url: 'mqtt://broker:1883', clientId: 'hj212-test-cems-1', username: 'cems-1', connectTimeoutMs: 200 },
      { url: 'mqtt://broker:1883', clientId: 'hj212-test-ww-1', username: 'ww-1', connectTimeoutMs: 200 },
    ]);
    expect(broker.connections[0].published).toEqual([
      {
        topic: 'park/v1/devices/cems-1/telemetry',
        payload: '{"ts":1717214400000,"values":{"so2":35.2,"o2":11.2}}',
        qos: 1,
      },
      {
        topic: 'park/v1/devices/cems-1/telemetry',
        payload: '{"ts":1717214430000,"values":{"so2":36,"o2":0},"flags":{"o2":"D"}}',
        qos: 1,
      },
    ]);
    expect(pool.size).toBe(2);
  });

  it('forgets a connection that failed to open, so the next packet tries again', async () => {
    const broker = fakeBroker({ failConnects: 1 });
    const pool = new DevicePublisherPool(OPTIONS, broker.factory);
    await expect(pool.publish('cems-1', { ts: 1, values: { so2: 1 } })).rejects.toThrow('connection refused');
    expect(pool.size).toBe(0);
    await pool.publish('cems-1', { ts: 1, values: { so2: 1 } });
    expect(broker.connections).toHaveLength(2);
    expect(broker.connections[1].published).toHaveLength(1);
  });

  it('gives up waiting for the broker after the publish timeout', async () => {
    const pool = new DevicePublisherPool(OPTIONS, fakeBroker({ hangPublish: true }).factory);
    await expect(pool.publish('cems-1', { ts: 1, values: { so2: 1 } })).rejects.toBeInstanceOf(
      PublishTimeoutError,
    );
  });

  it('closes every connection and publishes nothing after close', async () => {
    const broker = fakeBroker();
    const pool = new DevicePublisherPool(OPTIONS, broker.factory);
    await pool.publish('a', { ts: 1, values: { so2: 1 } });
    await pool.publish('b', { ts: 1, values: { so2: 1 } });
    await pool.close();
    expect(broker.connections.map((c) => c.closed)).toEqual([true, true]);
    await expect(pool.publish('a', { ts: 1, values: { so2: 1 } })).rejects.toThrow('closed');
  });
});

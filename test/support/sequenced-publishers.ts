import mqtt, { type MqttClient } from 'mqtt';
import { telemetryTopic } from '@park/contracts';

/**
 * Power meters that publish numbered readings: reading n of a device has ts = base + n, so "every reading exactly
 * once" can be checked by counting distinct timestamps per device in InfluxDB. Counts what the broker acknowledged.
 */
export interface SequencedFleet {
  readonly acked: Map<string, number>;
  /** Publishes `perDevice` readings per device at about `ratePerSecond` in total; resolves when all are acknowledged. */
  run(perDevice: number, ratePerSecond: number): Promise<void>;
  /** Ends every client at once, also mid-run (a failed test's cleanup): nothing may reconnect after a suite ends. */
  close(): Promise<void>;
}

export async function connectSequencedFleet(
  url: string,
  deviceIds: readonly string[],
  base: number,
): Promise<SequencedFleet> {
  const clients = new Map<string, MqttClient>();
  for (const id of deviceIds) {
    clients.set(
      id,
      await mqtt.connectAsync(url, {
        clientId: `${id}-pub`,
        username: id,
        protocolVersion: 5,
        reconnectPeriod: 200,
      }),
    );
  }
  const acked = new Map(deviceIds.map((id) => [id, 0]));
  return {
    acked,
    async run(perDevice, ratePerSecond) {
      const started = Date.now();
      const intervalMs = (1000 * deviceIds.length) / ratePerSecond;
      await Promise.all(
        deviceIds.map(async (id) => {
          const client = clients.get(id)!;
          const pending: Promise<void>[] = [];
          for (let n = 0; n < perDevice; n++) {
            // Pace each device; the broker acknowledges asynchronously.
            const due = started + n * intervalMs;
            const wait = due - Date.now();
            if (wait > 0) await new Promise((r) => setTimeout(r, wait));
            const payload = JSON.stringify({
              ts: base + n,
              values: { kw: 100 + (n % 50), kwh: n, voltage: 380 },
            });
            pending.push(
              client.publishAsync(telemetryTopic(id), payload, { qos: 1 }).then(() => {
                acked.set(id, (acked.get(id) ?? 0) + 1);
              }),
            );
          }
          await Promise.all(pending);
        }),
      );
    },
    async close() {
      await Promise.all([...clients.values()].map((c) => c.endAsync(true)));
    },
  };
}

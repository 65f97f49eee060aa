/**
 * The MQTT adapter for simulated devices: the only place in simulators/ that opens an MQTT client.
 * One connection per device, MQTT 5 (or 3.1.1 when asked), username = device id, last will `offline` (QoS 1, not retained) on the
 * device's status topic, `online` published after each connect, telemetry at QoS 1.
 */
import mqtt from 'mqtt';
import { statusTopic, telemetryTopic } from '@park/contracts';
import type { DeviceConnection, DeviceConnectionOptions, DeviceConnector } from '../fleet/device-connection';
import { SimulatorErrorCode, SimulatorException } from '../simulator.exception';

export const connectMqttDevice: DeviceConnector = async (
  options: DeviceConnectionOptions,
): Promise<DeviceConnection> => {
  const { deviceId } = options;
  const status = statusTopic(deviceId);
  const telemetry = telemetryTopic(deviceId);
  const client = mqtt.connect(options.brokerUrl, {
    clientId: options.clientId,
    username: deviceId,
    password: options.password ?? undefined,
    protocolVersion: options.protocolVersion ?? 5,
    clean: true,
    keepalive: 30,
    reconnectPeriod: 1000,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    // A device that vanishes without DISCONNECT is announced offline by the broker (MQTT 5 §3.1.2.5, 3.1.1 §3.1.2.5).
    will: { topic: status, payload: Buffer.from('offline'), qos: 1, retain: false },
  });
  let ended = false;
  const problem = (message: string) => options.onProblem?.(`${deviceId}: ${message}`);
  client.on('connect', () => {
    if (!options.announceOnline) return;
    client.publish(status, 'online', { qos: 1, retain: false }, (error) => {
      if (error) problem(`could not announce online: ${error.message}`);
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      // mqtt.js retries refused TCP connections silently; give up on our own deadline.
      const timer = setTimeout(
        () => reject(new Error(`no connection within ${options.connectTimeoutMs ?? 10_000} ms`)),
        options.connectTimeoutMs ?? 10_000,
      );
      client.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      client.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  } catch (error) {
    client.end(true);
    throw new SimulatorException(
      SimulatorErrorCode.CONNECT_FAILED,
      `${deviceId} could not connect to ${options.brokerUrl}: ${(error as Error).message}`,
    );
  }
  client.on('error', (error) => problem(error.message));
  client.on('offline', () => {
    if (!ended) problem('connection lost; reconnecting');
  });

  return {
    get connected() {
      return client.connected;
    },
    async publishTelemetry(payload: Buffer): Promise<void> {
      await client.publishAsync(telemetry, payload, { qos: 1 });
    },
    drop(): void {
      ended = true;
      // force: destroy the socket without a DISCONNECT packet.
      client.end(true);
    },
    async close(): Promise<void> {
      if (ended) return;
      ended = true;
      // A clean close waits for in-flight messages; do not wait forever for a broker that has gone.
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<void>((resolve) => {
        timer = setTimeout(() => {
          client.end(true);
          resolve();
        }, 5000);
      });
      await Promise.race([client.endAsync(), gaveUp]);
      clearTimeout(timer);
    },
  };
};

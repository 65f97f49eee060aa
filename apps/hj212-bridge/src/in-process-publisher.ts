import { telemetryTopic, type DeviceReading } from '@park/contracts';
import { telemetryPayload, type TelemetryPublisher } from './device-publisher-pool';

/** The embedded broker's in-process publishing (`EmbeddedBroker.publishAs` in @park/mqtt). */
export interface InProcessBroker {
  publishAs(deviceId: string, topic: string, payload: Buffer): Promise<void>;
}

/**
 * The standalone mode's publisher: the bridge runs in the broker's process, so each reading goes into the embedded
 * broker as its device without a network connection or an MQTT secret — the logger proved who it is with its MN and
 * PW. The broker still applies a device's rules (in the records and enabled, its own topic only), and `publish`
 * resolves where a device's PUBACK would come: once ingestion has the reading. So the 9014 answer waits for the
 * same thing as in the microservices mode.
 */
export class InProcessPublisher implements TelemetryPublisher {
  private closed = false;

  constructor(private readonly broker: InProcessBroker) {}

  async publish(deviceId: string, reading: DeviceReading): Promise<void> {
    if (this.closed) throw new Error('publisher is closed');
    await this.broker.publishAs(deviceId, telemetryTopic(deviceId), Buffer.from(telemetryPayload(reading)));
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { MESSAGE_BUS, type IncomingMessage, type MessageBus } from '@park/bus';
import { CLOCK, type Clock } from '@park/clock';
import {
  decodeTelemetryRecord,
  topicName,
  type DeviceStatusEvent,
  type TelemetryRecord,
} from '@park/contracts';
import { DeviceCache } from './device-cache';
import { DeviceLiveness, type LivenessChange } from './device-liveness';
import { INGESTION_CONFIG, type IngestionConfig } from './ingestion.config';

/**
 * Emits `offline` on park.device-status.v1 when a device is silent past LIVENESS_SILENCE_FACTOR × its expected
 * interval, and `online` when it reports again. Its own consumer group on the telemetry topic (keyed by device),
 * so each device is watched by exactly one instance however many run. Last-seen is kept in memory: after a
 * restart a device is watched again from its next reading (a device that never reports again after a restart is
 * not flagged by this service; the rules' offline rule covers that from the device-status and records).
 */
@Injectable()
export class LivenessService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(LivenessService.name);
  private readonly liveness: DeviceLiveness;
  private timer: NodeJS.Timeout | null = null;
  private readonly statusTopic: string;

  constructor(
    @Inject(INGESTION_CONFIG) private readonly config: IngestionConfig,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly devices: DeviceCache,
  ) {
    this.liveness = new DeviceLiveness(config.LIVENESS_SILENCE_FACTOR);
    this.statusTopic = topicName('deviceStatus', config.PARK_NAMESPACE);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.publish(this.liveness.sweep(this.clock.now())).catch((error: unknown) =>
        this.logger.warn(`could not publish offline events: ${String(error)}`),
      );
    }, this.config.LIVENESS_SWEEP_MS);
  }

  beforeApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async observe(messages: readonly IncomingMessage[]): Promise<void> {
    const changes: LivenessChange[] = [];
    const records: TelemetryRecord[] = [];
    for (const message of messages) {
      try {
        records.push(decodeTelemetryRecord(message.value));
      } catch {
        continue;
      }
    }
    await this.devices.prefetch(records.map((r) => r.deviceId));
    for (const record of records) {
      const profile = await this.devices.get(record.deviceId);
      const intervalMs = (profile?.expectedIntervalS ?? 60) * 1000;
      const change = this.liveness.seen(record.deviceId, record.enterpriseId, intervalMs, record.receivedAt);
      if (change) changes.push(change);
    }
    await this.publish(changes);
  }

  private async publish(changes: readonly LivenessChange[]): Promise<void> {
    if (changes.length === 0) return;
    await this.bus.publish(
      this.statusTopic,
      changes.map((c) => {
        const event: DeviceStatusEvent = { v: 1, ...c };
        return { key: c.deviceId, value: JSON.stringify(event) };
      }),
    );
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@park/bus';
import { CLOCK, type Clock } from '@park/clock';
import {
  checkReadingsForKind,
  DEFAULT_TELEMETRY_LIMITS,
  encodeRawPayload,
  isDeviceKind,
  METER_ROLES,
  parseDeviceTopic,
  parseTelemetryPayload,
  topicName,
  type MeterRole,
  type RejectedTelemetry,
  type Rejection,
  type TelemetryLimits,
  type TelemetryRecord,
} from '@park/contracts';
import type { InboundMessage } from '@park/mqtt';
import { CounterGuard } from './counter-guard';
import { DeviceCache } from './device-cache';
import { INGESTION_CONFIG, type IngestionConfig } from './ingestion.config';
import { IngestionMetrics } from './ingestion-metrics';

/**
 * MQTT message → validated, enriched readings on `park.telemetry.v1`, or the raw message with its reason on
 * `park.telemetry.rejected.v1`. Resolves only once Kafka has acknowledged one or the other, so the caller's
 * PUBACK means "durably accepted or durably rejected".
 */
@Injectable()
export class IngestionService {
  private readonly logger = new Logger(IngestionService.name);
  private readonly limits: TelemetryLimits;
  private readonly telemetryTopic: string;
  private readonly rejectedTopic: string;
  private readonly counters = new CounterGuard();

  constructor(
    @Inject(INGESTION_CONFIG) config: IngestionConfig,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly devices: DeviceCache,
    private readonly metrics: IngestionMetrics,
  ) {
    this.limits = {
      ...DEFAULT_TELEMETRY_LIMITS,
      maxPayloadBytes: config.INGEST_MAX_PAYLOAD_BYTES,
      maxFutureSkewMs: config.INGEST_MAX_FUTURE_SKEW_MS,
    };
    this.telemetryTopic = topicName('telemetry', config.PARK_NAMESPACE);
    this.rejectedTopic = topicName('telemetryRejected', config.PARK_NAMESPACE);
  }

  async handle(message: InboundMessage): Promise<void> {
    const receivedAt = this.clock.now();
    const topic = parseDeviceTopic(message.topic);
    if (!topic || topic.channel !== 'telemetry') {
      return this.reject(message, null, receivedAt, {
        reason: 'BAD_TOPIC',
        detail: `not a device telemetry topic`,
      });
    }
    const { deviceId } = topic;
    const parsed = parseTelemetryPayload(message.payload, receivedAt, this.limits);
    if (!parsed.ok) return this.reject(message, deviceId, receivedAt, parsed.rejection);

    // The enterprise comes from the records, never from the payload or topic.
    const device = await this.devices.get(deviceId);
    if (!device) {
      return this.reject(message, deviceId, receivedAt, {
        reason: 'UNKNOWN_DEVICE',
        detail: `no device ${deviceId}`,
      });
    }
    if (!device.enabled) {
      return this.reject(message, deviceId, receivedAt, {
        reason: 'DEVICE_DISABLED',
        detail: `${deviceId} is disabled`,
      });
    }
    if (!isDeviceKind(device.kind)) {
      return this.reject(message, deviceId, receivedAt, {
        reason: 'UNKNOWN_DEVICE',
        detail: `${deviceId} has kind "${device.kind}" that the contract does not know`,
      });
    }
    const kind = device.kind;
    const problem =
      checkReadingsForKind(kind, parsed.readings) ?? this.counters.check(deviceId, kind, parsed.readings);
    if (problem) return this.reject(message, deviceId, receivedAt, problem);

    const role = (METER_ROLES as readonly string[]).includes(device.role ?? '')
      ? (device.role as MeterRole)
      : null;
    const records: TelemetryRecord[] = parsed.readings.map((reading) => ({
      v: 1,
      deviceId,
      enterpriseId: device.enterpriseId,
      kind,
      role,
      line: device.line,
      ts: reading.ts,
      values: reading.values,
      receivedAt,
    }));
    await this.bus.publish(
      this.telemetryTopic,
      records.map((r) => ({ key: deviceId, value: JSON.stringify(r) })),
    );
    this.metrics.accepted += records.length;
  }

  private async reject(
    message: InboundMessage,
    deviceId: string | null,
    receivedAt: number,
    rejection: Rejection,
  ): Promise<void> {
    const value: RejectedTelemetry = {
      v: 1,
      receivedAt,
      topic: message.topic,
      deviceId,
      reason: rejection.reason,
      detail: rejection.detail,
      ...(rejection.index !== undefined ? { index: rejection.index } : {}),
      ...encodeRawPayload(message.payload),
    };
    await this.bus.publish(this.rejectedTopic, [{ key: deviceId, value: JSON.stringify(value) }]);
    this.metrics.countRejected(rejection.reason);
    this.logger.debug(`rejected ${deviceId ?? message.topic}: ${rejection.reason} ${rejection.detail}`);
  }
}

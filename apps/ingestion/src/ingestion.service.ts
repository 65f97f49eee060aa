import { Inject, Injectable } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus, type OutgoingMessage } from '@park/bus';
import { CLOCK, type Clock } from '@park/clock';
import {
  CompiledTelemetryValidator,
  DEFAULT_TELEMETRY_LIMITS,
  encodeRawPayload,
  isDeviceKind,
  METER_ROLES,
  parseDeviceTopic,
  topicName,
  type DeviceStatusEvent,
  type MeterRole,
  type RejectedTelemetry,
  type RejectReason,
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
  private readonly limits: TelemetryLimits;
  private readonly validator: CompiledTelemetryValidator;
  private readonly telemetryTopic: string;
  private readonly rejectedTopic: string;
  private readonly statusTopic: string;
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
    this.validator = new CompiledTelemetryValidator(this.limits);
    this.telemetryTopic = topicName('telemetry', config.PARK_NAMESPACE);
    this.rejectedTopic = topicName('telemetryRejected', config.PARK_NAMESPACE);
    this.statusTopic = topicName('deviceStatus', config.PARK_NAMESPACE);
  }

  /**
   * Handles one MQTT batch: every message ends up either accepted on the telemetry topic or on the rejected topic.
   * Resolves once Kafka has both; messages keep their order per device (one publish per topic, in arrival order).
   */
  async handleBatch(messages: readonly InboundMessage[]): Promise<void> {
    const accepted: OutgoingMessage[] = [];
    const rejected: OutgoingMessage[] = [];
    const statuses: OutgoingMessage[] = [];
    const rejectReasons: RejectReason[] = [];
    // The batch's devices in one query (where not cached), not a round trip per message in a row.
    await this.devices.prefetch(deviceIdsOf(messages));
    for (const message of messages) {
      const outcome = await this.evaluate(message);
      if ('status' in outcome) {
        statuses.push({ key: outcome.status.deviceId, value: JSON.stringify(outcome.status) });
      } else if ('records' in outcome) {
        for (const r of outcome.records) accepted.push({ key: r.deviceId, value: JSON.stringify(r) });
      } else {
        rejected.push({ key: outcome.value.deviceId, value: JSON.stringify(outcome.value) });
        rejectReasons.push(outcome.value.reason);
      }
    }
    const started = this.clock.now();
    await Promise.all([
      this.bus.publish(this.telemetryTopic, accepted),
      this.bus.publish(this.rejectedTopic, rejected),
      this.bus.publish(this.statusTopic, statuses),
    ]);
    this.metrics.kafkaWriteMs.observe(this.clock.now() - started);
    this.metrics.batchSize.observe(messages.length);
    this.metrics.accepted.inc(accepted.length);
    for (const reason of rejectReasons) this.metrics.countRejected(reason);
  }

  /** Handles a single message (a batch of one). */
  handle(message: InboundMessage): Promise<void> {
    return this.handleBatch([message]);
  }

  private async evaluate(
    message: InboundMessage,
  ): Promise<{ records: TelemetryRecord[] } | { value: RejectedTelemetry } | { status: DeviceStatusEvent }> {
    const receivedAt = this.clock.now();
    const reject = (deviceId: string | null, rejection: Rejection) => ({
      value: this.rejection(message, deviceId, receivedAt, rejection),
    });
    const topic = parseDeviceTopic(message.topic);
    if (!topic) return reject(null, { reason: 'BAD_TOPIC', detail: 'not a device topic' });
    if (topic.channel === 'status') return this.statusMessage(message, topic.deviceId, receivedAt, reject);
    const { deviceId } = topic;
    if (message.payload.byteLength > this.limits.maxPayloadBytes) {
      const detail = `${message.payload.byteLength} bytes exceeds the limit of ${this.limits.maxPayloadBytes}`;
      return reject(deviceId, { reason: 'PAYLOAD_TOO_LARGE', detail });
    }

    // The enterprise comes from the records, never from the payload or topic.
    const device = await this.devices.get(deviceId);
    if (!device) return reject(deviceId, { reason: 'UNKNOWN_DEVICE', detail: `no device ${deviceId}` });
    if (!device.enabled)
      return reject(deviceId, { reason: 'DEVICE_DISABLED', detail: `${deviceId} is disabled` });
    if (!isDeviceKind(device.kind)) {
      return reject(deviceId, {
        reason: 'UNKNOWN_DEVICE',
        detail: `${deviceId} has kind "${device.kind}" that the contract does not know`,
      });
    }
    const kind = device.kind;
    const parsed = this.validator.validate(message.payload, kind, receivedAt);
    if (!parsed.ok) return reject(deviceId, parsed.rejection);
    const problem = this.counters.check(deviceId, kind, parsed.readings);
    if (problem) return reject(deviceId, problem);

    const role = (METER_ROLES as readonly string[]).includes(device.role ?? '')
      ? (device.role as MeterRole)
      : null;
    return {
      records: parsed.readings.map((reading): TelemetryRecord => {
        const record: TelemetryRecord = {
          v: 1,
          deviceId,
          enterpriseId: device.enterpriseId,
          kind,
          role,
          line: device.line,
          ts: reading.ts,
          values: reading.values,
          receivedAt,
        };
        // HJ 212 data flags travel with the values they qualify (stored as their quality, never dropped); a reading
        // without flags — every device but the HJ 212 bridge — is the record it always was.
        return reading.flags ? { ...record, flags: reading.flags } : record;
      }),
    };
  }

  /** `online` / `offline` on a device's status topic (its last will, or its own announcement). */
  private async statusMessage(
    message: InboundMessage,
    deviceId: string,
    at: number,
    reject: (deviceId: string | null, rejection: Rejection) => { value: RejectedTelemetry },
  ): Promise<{ status: DeviceStatusEvent } | { value: RejectedTelemetry }> {
    const text = message.payload.toString('utf8').trim();
    if (text !== 'online' && text !== 'offline') {
      return reject(deviceId, { reason: 'WRONG_SHAPE', detail: 'a status message is "online" or "offline"' });
    }
    const device = await this.devices.get(deviceId);
    if (!device) return reject(deviceId, { reason: 'UNKNOWN_DEVICE', detail: `no device ${deviceId}` });
    // A disabled device is not announced online (or offline, by the last will its closed session fires): the
    // platform keeps no status for it, as it keeps none of its readings.
    if (!device.enabled)
      return reject(deviceId, { reason: 'DEVICE_DISABLED', detail: `${deviceId} is disabled` });
    return {
      status: {
        v: 1,
        deviceId,
        enterpriseId: device.enterpriseId,
        status: text,
        at,
        cause: 'status-message',
      },
    };
  }

  private rejection(
    message: InboundMessage,
    deviceId: string | null,
    receivedAt: number,
    rejection: Rejection,
  ): RejectedTelemetry {
    return {
      v: 1,
      receivedAt,
      topic: message.topic,
      deviceId,
      reason: rejection.reason,
      detail: rejection.detail,
      ...(rejection.index !== undefined ? { index: rejection.index } : {}),
      ...encodeRawPayload(message.payload),
    };
  }
}

function* deviceIdsOf(messages: readonly InboundMessage[]): Iterable<string> {
  for (const message of messages) {
    const topic = parseDeviceTopic(message.topic);
    if (topic) yield topic.deviceId;
  }
}

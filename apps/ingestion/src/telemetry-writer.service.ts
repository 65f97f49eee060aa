import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { MESSAGE_BUS, type BatchInfo, type IncomingMessage, type MessageBus } from '@park/bus';
import { CLOCK, type Clock } from '@park/clock';
import {
  decodeTelemetryRecord,
  topicName,
  type RejectedTelemetry,
  type TelemetryRecord,
} from '@park/contracts';
import { StoreUnavailableError, TELEMETRY_STORE, type TelemetryStore } from '@park/telemetry-store';
import { INGESTION_CONFIG, type IngestionConfig } from './ingestion.config';
import { IngestionMetrics } from './ingestion-metrics';

/**
 * `park.telemetry.v1` → InfluxDB, batch by batch as TelemetryWriterConsumer hands them over. Offsets are committed
 * (by the bus) only after the store said yes, so an InfluxDB outage becomes consumer lag, not loss. Points the store refuses go to the rejected topic and never
 * block their batch. Device timestamps are written as given, so a replay overwrites instead of duplicating.
 */
@Injectable()
export class TelemetryWriterService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TelemetryWriterService.name);
  private stopping = false;
  private readonly rejectedTopic: string;

  constructor(
    @Inject(INGESTION_CONFIG) private readonly config: IngestionConfig,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(TELEMETRY_STORE) private readonly store: TelemetryStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: IngestionMetrics,
  ) {
    this.rejectedTopic = topicName('telemetryRejected', config.PARK_NAMESPACE);
  }

  /** Before the first batch: the bus consumers start after the bootstrap hooks. */
  async onApplicationBootstrap(): Promise<void> {
    await this.store.ensureSchema();
  }

  /**
   * A store outage met from now on fails its batch (replayed at the next start) instead of waiting it out: set
   * before the bus server stops the consumers (its own onModuleDestroy, in the deeper BusModule), which waits for the
   * running handler.
   */
  onModuleDestroy(): void {
    this.stopping = true;
  }

  async writeBatch(messages: readonly IncomingMessage[], info?: BatchInfo): Promise<void> {
    const records: TelemetryRecord[] = [];
    const rejects: RejectedTelemetry[] = [];
    for (const message of messages) {
      try {
        records.push(decodeTelemetryRecord(message.value));
      } catch (error) {
        rejects.push(
          this.rejection(message.key, (error as Error).message, message.value?.toString('utf8') ?? ''),
        );
      }
    }
    const started = this.clock.now();
    const outcome = await this.writeWithRetry(records, info);
    const storedAt = this.clock.now();
    this.metrics.storeWriteMs.observe(storedAt - started);
    for (const r of records) this.metrics.storedLatencyMs.observe(storedAt - r.ts);
    this.metrics.writerBatchSize.observe(records.length);
    this.metrics.pointsWritten.inc(outcome.written);
    this.metrics.storeRejected.inc(outcome.rejected.length);
    if (info)
      this.metrics.consumerLag.set({ topic: info.topic, partition: String(info.partition) }, info.lag);
    for (const { record, detail } of outcome.rejected) {
      rejects.push(this.rejection(record.deviceId, detail, JSON.stringify(record)));
    }
    if (rejects.length > 0) {
      await this.bus.publish(
        this.rejectedTopic,
        rejects.map((r) => ({ key: r.deviceId, value: JSON.stringify(r) })),
      );
    }
  }

  /**
   * Writes until the store takes the batch. While it is unavailable the batch is retried with backoff (up to 5 s
   * apart) for as long as it takes, keeping the group membership alive, so an outage becomes lag, not loss.
   */
  private async writeWithRetry(records: readonly TelemetryRecord[], info?: BatchInfo) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.store.write(records);
      } catch (error) {
        if (!(error instanceof StoreUnavailableError) || this.stopping) throw error;
        const delay = Math.min(200 * 2 ** attempt, 5_000);
        if (attempt === 1 || attempt % 10 === 0) {
          this.logger.warn(
            `store unavailable (attempt ${attempt}), retrying every ≤${delay} ms: ${error.message}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
        await info?.heartbeat();
      }
    }
  }

  private rejection(deviceId: string | null, detail: string, payload: string): RejectedTelemetry {
    return {
      v: 1,
      receivedAt: this.clock.now(),
      topic: topicName('telemetry', this.config.PARK_NAMESPACE),
      deviceId,
      reason: 'STORE_REJECTED',
      detail,
      payload,
      payloadEncoding: 'utf8',
    };
  }
}

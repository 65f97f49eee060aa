import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { sharedStatusSubscription, sharedTelemetrySubscription } from '@park/contracts';
import { BatchingMqttSubscriber, OrderedBatchQueue } from '@park/mqtt';
import { INGESTION_CONFIG, type IngestionConfig } from './ingestion.config';
import { IngestionService } from './ingestion.service';

/**
 * Transport only: `MQTT_CONNECTIONS` connections in one shared-subscription group (the broker spreads messages
 * across them and across other ingestion instances), feeding one ordered queue that hands batches to
 * IngestionService and acknowledges each message, on its own connection, once Kafka has it. One queue, not one per
 * connection: the broker deals a device's consecutive messages to different connections, and they must reach Kafka
 * in the order they arrived.
 */
@Injectable()
export class MqttIngress implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly subscribers: BatchingMqttSubscriber[];
  private readonly queue: OrderedBatchQueue;

  constructor(
    @Inject(INGESTION_CONFIG) private readonly config: IngestionConfig,
    private readonly ingestion: IngestionService,
  ) {
    const subscriptions = [
      sharedTelemetrySubscription(config.MQTT_SHARE_GROUP),
      sharedStatusSubscription(config.MQTT_SHARE_GROUP),
    ];
    this.queue = new OrderedBatchQueue((messages) => this.ingestion.handleBatch(messages), {
      maxBatch: config.INGEST_MAX_BATCH,
      maxDelayMs: config.INGEST_MAX_DELAY_MS,
    });
    this.subscribers = Array.from(
      { length: config.MQTT_CONNECTIONS },
      (_, i) =>
        new BatchingMqttSubscriber(
          {
            url: config.MQTT_URL,
            clientId: `${config.MQTT_CLIENT_ID}-${i + 1}`,
            username: config.MQTT_USERNAME,
            password: config.MQTT_PASSWORD,
            subscriptions,
          },
          this.queue,
        ),
    );
  }

  get connected(): boolean {
    return this.subscribers.every((s) => s.connected);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.RUN_MQTT_INGRESS) return;
    await Promise.all(this.subscribers.map((s) => s.start()));
  }

  async beforeApplicationShutdown(): Promise<void> {
    // Hand on and acknowledge what has arrived while the connections are still open, then disconnect.
    await this.queue.close();
    await Promise.all(this.subscribers.map((s) => s.close()));
  }
}

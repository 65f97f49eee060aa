import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { sharedStatusSubscription, sharedTelemetrySubscription } from '@park/contracts';
import { BatchingMqttSubscriber } from '@park/mqtt';
import { INGESTION_CONFIG, type IngestionConfig } from './ingestion.config';
import { IngestionService } from './ingestion.service';

/**
 * Transport only: `MQTT_CONNECTIONS` connections in one shared-subscription group (the broker spreads messages
 * across them and across other ingestion instances), each handing batches to IngestionService and acknowledging
 * a batch once Kafka has it.
 */
@Injectable()
export class MqttIngress implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly subscribers: BatchingMqttSubscriber[];

  constructor(
    @Inject(INGESTION_CONFIG) private readonly config: IngestionConfig,
    private readonly ingestion: IngestionService,
  ) {
    const subscriptions = [
      sharedTelemetrySubscription(config.MQTT_SHARE_GROUP),
      sharedStatusSubscription(config.MQTT_SHARE_GROUP),
    ];
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
            maxBatch: config.INGEST_MAX_BATCH,
            maxDelayMs: config.INGEST_MAX_DELAY_MS,
          },
          (messages) => this.ingestion.handleBatch(messages),
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
    await Promise.all(this.subscribers.map((s) => s.close()));
  }
}

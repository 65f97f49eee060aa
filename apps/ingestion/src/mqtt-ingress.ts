import {
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { sharedTelemetrySubscription } from '@park/contracts';
import { MqttSubscriber } from '@park/mqtt';
import { INGESTION_CONFIG, type IngestionConfig } from './ingestion.config';
import { IngestionService } from './ingestion.service';

/** Transport only: the shared MQTT subscription, each message handed to IngestionService. */
@Injectable()
export class MqttIngress implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly subscriber: MqttSubscriber;

  constructor(
    @Inject(INGESTION_CONFIG) private readonly config: IngestionConfig,
    private readonly ingestion: IngestionService,
  ) {
    this.subscriber = new MqttSubscriber({
      url: config.MQTT_URL,
      clientId: config.MQTT_CLIENT_ID,
      username: config.MQTT_USERNAME,
      password: config.MQTT_PASSWORD,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.RUN_MQTT_INGRESS) return;
    await this.subscriber.start([sharedTelemetrySubscription(this.config.MQTT_SHARE_GROUP)], (message) =>
      this.ingestion.handle(message),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscriber.close();
  }
}

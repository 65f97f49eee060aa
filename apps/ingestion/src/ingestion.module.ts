import { Module, type DynamicModule, type OnApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { KafkaBus, MESSAGE_BUS, type MessageBus } from '@park/bus';
import { CLOCK, SystemClock, type Clock } from '@park/clock';
import { KAFKA_TOPICS, topicName, type TopicKey } from '@park/contracts';
import { DeviceRepository, openRecords } from '@park/records';
import { InfluxV1Store, TELEMETRY_STORE } from '@park/telemetry-store';
import type { DataSource } from 'typeorm';
import { DeviceCache } from './device-cache';
import { DeviceChangeSubscription } from './device-change-subscription';
import { INGESTION_CONFIG, type IngestionConfig } from './ingestion.config';
import { IngestionMetrics } from './ingestion-metrics';
import { IngestionService } from './ingestion.service';
import { MqttIngress } from './mqtt-ingress';
import { TelemetryWriterService } from './telemetry-writer.service';
import { OperationsController } from './operations.controller';
import { LivenessService } from './liveness.service';
import { RECORDS } from './records.token';

@Injectable()
class ResourceCloser implements OnApplicationShutdown {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(RECORDS) private readonly records: DataSource,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
    await this.records.destroy();
  }
}

@Module({})
export class IngestionModule {
  static forRoot(config: IngestionConfig): DynamicModule {
    return {
      module: IngestionModule,
      controllers: [OperationsController],
      providers: [
        { provide: INGESTION_CONFIG, useValue: config },
        { provide: CLOCK, useClass: SystemClock },
        {
          provide: MESSAGE_BUS,
          useFactory: async () => {
            const bus = new KafkaBus({
              brokers: config.KAFKA_BROKERS,
              clientId: `${config.KAFKA_CLIENT_ID}-ingestion`,
              partitions: config.KAFKA_TOPIC_PARTITIONS,
            });
            const keys = Object.keys(KAFKA_TOPICS) as TopicKey[];
            await bus.ensureTopics(keys.map((k) => topicName(k, config.PARK_NAMESPACE)));
            return bus;
          },
        },
        { provide: RECORDS, useFactory: () => openRecords(config.DATABASE_URL) },
        {
          provide: TELEMETRY_STORE,
          useFactory: () =>
            new InfluxV1Store({
              url: config.INFLUX_URL,
              database: config.INFLUX_DATABASE,
              username: config.INFLUX_USERNAME,
              password: config.INFLUX_PASSWORD,
            }),
        },
        {
          provide: DeviceCache,
          inject: [RECORDS, CLOCK],
          useFactory: (ds: DataSource, clock: Clock) =>
            new DeviceCache(new DeviceRepository(ds), clock, config.DEVICE_CACHE_TTL_MS),
        },
        DeviceChangeSubscription,
        IngestionMetrics,
        IngestionService,
        MqttIngress,
        TelemetryWriterService,
        LivenessService,
        ResourceCloser,
      ],
      exports: [IngestionService, IngestionMetrics, TELEMETRY_STORE],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { BusCloser, busProvider } from '@park/bus';
import { CLOCK, SystemClock, type Clock } from '@park/clock';
import { KAFKA_TOPICS, topicName, type TopicKey } from '@park/contracts';
import { PortHealthModule } from '@park/health';
import { DeviceRepository, RECORDS, RecordsCloser, recordsProvider } from '@park/records';
import { TELEMETRY_STORE, telemetryStoreProvider } from '@park/telemetry-store';
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

@Module({})
export class IngestionModule {
  static forRoot(config: IngestionConfig): DynamicModule {
    return {
      module: IngestionModule,
      imports: [PortHealthModule],
      controllers: [OperationsController],
      providers: [
        { provide: INGESTION_CONFIG, useValue: config },
        { provide: CLOCK, useClass: SystemClock },
        busProvider(
          {
            bus: config.BUS,
            brokers: config.KAFKA_BROKERS,
            clientId: `${config.KAFKA_CLIENT_ID}-ingestion`,
            partitions: config.KAFKA_TOPIC_PARTITIONS,
            replicationFactor: config.KAFKA_TOPIC_REPLICATION,
            inProcessJournalPath: config.BUS_JOURNAL_PATH,
          },
          (Object.keys(KAFKA_TOPICS) as TopicKey[]).map((k) => topicName(k, config.PARK_NAMESPACE)),
        ),
        recordsProvider(config.DATABASE_URL),
        telemetryStoreProvider(config),
        {
          provide: DeviceCache,
          inject: [RECORDS, CLOCK],
          useFactory: (ds: DataSource, clock: Clock) =>
            new DeviceCache(new DeviceRepository(ds), clock, config.DEVICE_CACHE_TTL_MS, 0.25),
        },
        DeviceChangeSubscription,
        IngestionMetrics,
        IngestionService,
        MqttIngress,
        TelemetryWriterService,
        LivenessService,
        BusCloser,
        RecordsCloser,
      ],
      exports: [IngestionService, IngestionMetrics, TELEMETRY_STORE],
    };
  }
}

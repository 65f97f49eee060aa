import { Module, type DynamicModule } from '@nestjs/common';
import { BusModule } from '@park/bus';
import { CLOCK, ClockModule, type Clock } from '@park/clock';
import { allTopicNames } from '@park/contracts';
import { PortHealthModule } from '@park/health';
import { DeviceRepository, RECORDS, RecordsModule } from '@park/records';
import { TelemetryStoreModule } from '@park/telemetry-store';
import type { DataSource } from 'typeorm';
import { DeviceCache } from './device-cache';
import { DeviceChangeSubscription } from './device-change-subscription';
import { INGESTION_CONFIG, type IngestionConfig } from './ingestion.config';
import { IngestionMetrics } from './ingestion-metrics';
import { IngestionService } from './ingestion.service';
import { LivenessService } from './liveness.service';
import { MqttIngress } from './mqtt-ingress';
import { OperationsController } from './operations.controller';
import { IngestionOperations } from './ingestion-operations';
import { TelemetryWriterService } from './telemetry-writer.service';
import { TelemetryWriterConsumer } from './telemetry-writer.consumer';
import { LivenessConsumer } from './liveness.consumer';

/**
 * What every ingestion feature shares: its configuration, its metrics registry and the device cache (kept fresh by
 * the records' device-change notifications). The feature modules import the one instance `IngestionModule` or the
 * standalone mode makes, so the process has one cache and one registry.
 */
@Module({})
export class IngestionCoreModule {
  static register(config: IngestionConfig): DynamicModule {
    return {
      module: IngestionCoreModule,
      providers: [
        { provide: INGESTION_CONFIG, useValue: config },
        {
          provide: DeviceCache,
          inject: [RECORDS, CLOCK],
          useFactory: (ds: DataSource, clock: Clock) =>
            new DeviceCache(new DeviceRepository(ds), clock, config.DEVICE_CACHE_TTL_MS, 0.25),
        },
        DeviceChangeSubscription,
        IngestionMetrics,
      ],
      exports: [INGESTION_CONFIG, DeviceCache, IngestionMetrics],
    };
  }
}

/** MQTT → bus: validates each reading and publishes it (IngestionService), fed by the MQTT subscriber (MqttIngress). */
@Module({})
export class MqttIngressModule {
  static register(core: DynamicModule): DynamicModule {
    return {
      module: MqttIngressModule,
      imports: [core],
      providers: [IngestionService, MqttIngress],
      exports: [IngestionService, MqttIngress],
    };
  }
}

/** Bus → telemetry store (RUN_TELEMETRY_WRITER). */
@Module({})
export class TelemetryWriterModule {
  static register(core: DynamicModule): DynamicModule {
    return {
      module: TelemetryWriterModule,
      imports: [core],
      providers: [TelemetryWriterService],
      controllers: [TelemetryWriterConsumer],
    };
  }
}

/** Device liveness: silence → `offline`, the next reading → `online` on the device-status topic (RUN_LIVENESS). */
@Module({})
export class LivenessModule {
  static register(core: DynamicModule): DynamicModule {
    return {
      module: LivenessModule,
      imports: [core],
      providers: [LivenessService],
      controllers: [LivenessConsumer],
    };
  }
}

/**
 * Ingestion's features without the infrastructure they run on (records, bus, telemetry store, clock come from the
 * global modules of whoever imports this): the microservice's `IngestionModule`, or the standalone mode's one
 * container. Exports what the operations endpoints and the embedded broker need.
 */
@Module({})
export class IngestionFeaturesModule {
  static register(config: IngestionConfig): DynamicModule {
    const core = IngestionCoreModule.register(config);
    const ingress = MqttIngressModule.register(core);
    return {
      module: IngestionFeaturesModule,
      // Dependents listed before what they depend on, so Nest's walk of the imports places each dependency deeper;
      // Nest bootstraps the deepest modules first and shuts down the shallowest first.
      imports: [
        ...(config.RUN_TELEMETRY_WRITER ? [TelemetryWriterModule.register(core)] : []),
        ...(config.RUN_LIVENESS ? [LivenessModule.register(core)] : []),
        ingress,
        core,
        PortHealthModule,
      ],
      providers: [IngestionOperations],
      // The modules themselves: Nest re-exports an imported module, not a provider of one.
      exports: [core, ingress, IngestionOperations],
    };
  }
}

/** The ingestion microservice: its infrastructure, its features and the operations endpoints (/health, /metrics). */
@Module({})
export class IngestionModule {
  static forRoot(config: IngestionConfig): DynamicModule {
    return {
      module: IngestionModule,
      imports: [
        ClockModule,
        RecordsModule.forRoot(config.DATABASE_URL),
        BusModule.forApp(config, 'ingestion', allTopicNames(config.PARK_NAMESPACE)),
        TelemetryStoreModule.forRoot(config),
        IngestionFeaturesModule.register(config),
      ],
      controllers: [OperationsController],
    };
  }
}

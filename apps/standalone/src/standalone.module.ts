import { Module, type DynamicModule } from '@nestjs/common';
import { ApiFeaturesModule, type ApiConfig } from '@apps/api';
import {
  Hj212BridgeModule,
  Hj212Metrics,
  InProcessPublisher,
  registerHj212Metrics,
  type Hj212BridgeConfig,
} from '@apps/hj212-bridge';
import { IngestionFeaturesModule, IngestionMetrics, type IngestionConfig } from '@apps/ingestion';
import { RulesFeaturesModule, RulesMetrics, type RulesConfig } from '@apps/rules';
import { BusModule } from '@park/bus';
import { ClockModule } from '@park/clock';
import { allTopicNames } from '@park/contracts';
import { EmbeddedBroker } from '@park/mqtt';
import { RecordsModule } from '@park/records';
import { TelemetryStoreModule } from '@park/telemetry-store';
import type { DataSource } from 'typeorm';
import { EmbeddedBrokerModule } from './embedded-broker.module';
import { OperationsPortModule, type OperationsAddress } from './operations-port.module';
import type { StandaloneConfig } from './standalone.config';

/** What the standalone app is made of: each feature's own configuration, and the records opened and seeded. */
export interface StandaloneParts {
  /** Migrated and seeded by the caller; the app closes them at shutdown. */
  readonly records: DataSource;
  /** Also where the bus and the telemetry store are configured (the same variables for every feature). */
  readonly ingestion: IngestionConfig;
  readonly rules: RulesConfig;
  readonly api: ApiConfig;
  /** The embedded broker's settings (MQTT_*). */
  readonly broker: StandaloneConfig;
  readonly operations: OperationsAddress;
  /** The HJ 212 bridge, publishing into the embedded broker; null: off. */
  readonly hj212: Hj212BridgeConfig | null;
}

const HJ212_ON_OPERATIONS_PORT = Symbol('Hj212MetricsOnOperationsPort');
const RULES_ON_OPERATIONS_PORT = Symbol('RulesMetricsOnOperationsPort');

/**
 * The whole platform as one Nest application: the infrastructure once (SQLite records, the in-process bus with its
 * journal, the embedded or InfluxDB telemetry store, the clock), then the same feature modules the microservices
 * run — ingestion, rules, the API — and what only this mode has: the embedded MQTT broker feeding ingestion, the
 * HJ 212 bridge publishing into it, and the operations port.
 *
 * The order of `imports` is the start and stop order (Nest bootstraps the deepest modules first and shuts down the
 * shallowest first; a module imported twice sits where the walk of the imports first reaches it): the bridge
 * imports the broker, which imports ingestion, so ingestion starts before the broker and the broker before the
 * bridge, and at shutdown the bridge stops taking frames, then the broker stops taking readings, then ingestion and
 * the rest stop; the global infrastructure closes last.
 */
@Module({})
export class StandaloneModule {
  static forRoot(parts: StandaloneParts): DynamicModule {
    const config = parts.ingestion;
    const ingestion = IngestionFeaturesModule.register(parts.ingestion);
    const broker = EmbeddedBrokerModule.register(parts.broker, ingestion);
    const rules = RulesFeaturesModule.register(parts.rules);
    const bridge = parts.hj212
      ? Hj212BridgeModule.forRoot(parts.hj212, {
          // Its counters go on the operations port's /metrics (below), with ingestion's and the broker's.
          operations: false,
          publisher: {
            imports: [broker],
            inject: [EmbeddedBroker],
            useFactory: (embedded: EmbeddedBroker) => new InProcessPublisher(embedded),
          },
        })
      : null;
    return {
      module: StandaloneModule,
      imports: [
        ClockModule,
        RecordsModule.forDataSource(parts.records),
        BusModule.forApp(config, 'standalone', allTopicNames(config.PARK_NAMESPACE)),
        TelemetryStoreModule.forRoot(config),
        ...(bridge ? [bridge] : []),
        broker,
        OperationsPortModule.register(parts.operations, ingestion),
        ingestion,
        rules,
        ApiFeaturesModule.register(parts.api),
      ],
      providers: [
        // The rules counters on the operations port's /metrics too (the rules features open no port of their own).
        {
          provide: RULES_ON_OPERATIONS_PORT,
          inject: [RulesMetrics, IngestionMetrics],
          useFactory: (rulesMetrics: RulesMetrics, metrics: IngestionMetrics) =>
            rulesMetrics.registerOn(metrics.registry),
        },
        ...(bridge
          ? [
              {
                provide: HJ212_ON_OPERATIONS_PORT,
                inject: [Hj212Metrics, IngestionMetrics],
                useFactory: (hj212: Hj212Metrics, metrics: IngestionMetrics) =>
                  registerHj212Metrics(hj212, metrics.registry),
              },
            ]
          : []),
      ],
    };
  }
}

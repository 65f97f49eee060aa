import { Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import type { BeforeApplicationShutdown } from '@nestjs/common';
import { IngestionMetrics, IngestionService } from '@apps/ingestion';
import { verifyDeviceSecret } from '@park/auth';
import { brokerSecurityMetrics, EmbeddedBroker } from '@park/mqtt';
import { DeviceChangeListener, DeviceRepository, RECORDS } from '@park/records';
import type { DataSource } from 'typeorm';
import type { StandaloneConfig } from './standalone.config';

/**
 * Starts the embedded broker once everything it feeds runs, and stops it before: this module imports ingestion's, so
 * Nest bootstraps ingestion first and shuts it down after (hooks run from the deepest import up, and back down).
 * A device disabled, removed or given a new credential loses its open session as soon as the records change.
 */
@Injectable()
class EmbeddedBrokerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private deviceChanges: DeviceChangeListener | null = null;

  constructor(
    private readonly broker: EmbeddedBroker,
    @Inject(RECORDS) private readonly records: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.broker.start();
    const deviceChanges = new DeviceChangeListener(
      this.records,
      (id) => void this.broker.recheck(id ?? undefined),
    );
    await deviceChanges.start();
    this.deviceChanges = deviceChanges;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.deviceChanges?.close();
    this.deviceChanges = null;
    await this.broker.close();
  }
}

/**
 * The standalone mode's MQTT broker (aedes), with ingestion inside it: what it acknowledges, ingestion has handed
 * to the bus. Exports the broker, for the HJ 212 bridge's in-process publisher.
 */
@Module({})
export class EmbeddedBrokerModule {
  /** `ingestion`: the very IngestionFeaturesModule the app imports (Nest tells dynamic modules apart by reference). */
  static register(config: StandaloneConfig, ingestion: DynamicModule): DynamicModule {
    return {
      module: EmbeddedBrokerModule,
      imports: [ingestion],
      providers: [
        {
          provide: EmbeddedBroker,
          inject: [RECORDS, IngestionService, IngestionMetrics],
          useFactory: (records: DataSource, ingest: IngestionService, metrics: IngestionMetrics) => {
            const devices = new DeviceRepository(records);
            return new EmbeddedBroker({
              host: config.MQTT_HOST,
              port: config.MQTT_PORT,
              portAttempts: config.MQTT_PORT === 0 ? 1 : 20,
              findAccount: (username) => devices.brokerAccount(username),
              verifySecret: verifyDeviceSecret,
              handler: (messages) => ingest.handleBatch(messages),
              maxBatch: 2000,
              maxDelayMs: 2,
              limits: {
                maxPacketBytes: config.MQTT_MAX_PACKET_BYTES,
                preAuthBytes: config.MQTT_PREAUTH_MAX_BYTES,
                preAuthTimeoutMs: config.MQTT_PREAUTH_TIMEOUT_MS,
              },
              throttle: {
                freeFailures: config.MQTT_AUTH_FREE_FAILURES,
                maxDelayMs: config.MQTT_AUTH_MAX_DELAY_MS,
              },
              // Counted with ingestion's, on the operations port's /metrics.
              metrics: brokerSecurityMetrics(metrics.registry),
              accountRecheckMs: config.MQTT_ACCOUNT_RECHECK_MS,
            });
          },
        },
        EmbeddedBrokerLifecycle,
      ],
      exports: [EmbeddedBroker],
    };
  }
}

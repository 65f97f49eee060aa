import { Module, type DynamicModule } from '@nestjs/common';
import { MESSAGE_BUS } from './bus';
import { BusCloser, busProvider, type BusKind, type BusProviderOptions } from './bus.providers';
import { BusServer } from './bus-transport';

/** The bus variables every app reads (@park/config kafkaSpec). */
export interface BusConfig {
  readonly BUS: BusKind;
  readonly KAFKA_BROKERS: readonly string[];
  readonly KAFKA_CLIENT_ID: string;
  readonly KAFKA_TOPIC_PARTITIONS: number;
  readonly KAFKA_TOPIC_REPLICATION: number;
  readonly BUS_JOURNAL_PATH: string;
}

/**
 * The message bus as MESSAGE_BUS for every module of the app (global): Kafka or the in-process bus, as `options.bus`
 * says, with `topics` ensured at start-up and the bus closed once at shutdown, after the consumers stopped
 * (BusCloser), and the app's bus server (BusServer: the `@nestjs/microservices` transport its `@EventPattern`
 * handlers consume through, connected by `connectBusConsumers`). Imported once, by the module an app's main.ts starts.
 */
@Module({})
export class BusModule {
  static forRoot(options: BusProviderOptions, topics: readonly string[]): DynamicModule {
    return {
      module: BusModule,
      global: true,
      providers: [busProvider(options, topics), BusCloser, BusServer],
      exports: [MESSAGE_BUS, BusServer],
    };
  }

  /** The bus an app's configuration picks, its Kafka client id `<KAFKA_CLIENT_ID>-<app>`. */
  static forApp(config: BusConfig, app: string, topics: readonly string[]): DynamicModule {
    return BusModule.forRoot(
      {
        bus: config.BUS,
        brokers: config.KAFKA_BROKERS,
        clientId: `${config.KAFKA_CLIENT_ID}-${app}`,
        partitions: config.KAFKA_TOPIC_PARTITIONS,
        replicationFactor: config.KAFKA_TOPIC_REPLICATION,
        inProcessJournalPath: config.BUS_JOURNAL_PATH,
      },
      topics,
    );
  }
}

import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { KafkaBus, MESSAGE_BUS, type MessageBus } from '@park/bus';
import { CLOCK, SystemClock } from '@park/clock';
import { topicName } from '@park/contracts';
import {
  AlertOutbox,
  AlertRepository,
  openRecords,
  RuleRepository,
  RuleStateRepository,
  WebhookRepository,
} from '@park/records';
import type { DataSource } from 'typeorm';
import { AlertPublisher } from './alert-publisher';
import { RULES_CONFIG, type RulesConfig } from './rules.config';
import { EscalationService } from './escalation.service';
import { RulesService } from './rules.service';
import { WebhookDispatcher } from './webhook-dispatcher';
import { FetchWebhookSender, WEBHOOK_SENDER } from './webhook-sender';

const RECORDS = Symbol('RecordsDataSource');

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

const repo = <T>(cls: new (ds: DataSource) => T) => ({
  provide: cls,
  inject: [RECORDS],
  useFactory: (ds: DataSource) => new cls(ds),
});

@Module({})
export class RulesModule {
  static forRoot(config: RulesConfig): DynamicModule {
    return {
      module: RulesModule,
      providers: [
        { provide: RULES_CONFIG, useValue: config },
        { provide: CLOCK, useClass: SystemClock },
        {
          provide: MESSAGE_BUS,
          useFactory: async () => {
            const bus = new KafkaBus({
              brokers: config.KAFKA_BROKERS,
              clientId: `${config.KAFKA_CLIENT_ID}-rules`,
              partitions: config.KAFKA_TOPIC_PARTITIONS,
            });
            await bus.ensureTopics([
              topicName('telemetry', config.PARK_NAMESPACE),
              topicName('deviceStatus', config.PARK_NAMESPACE),
              topicName('alerts', config.PARK_NAMESPACE),
            ]);
            return bus;
          },
        },
        { provide: RECORDS, useFactory: () => openRecords(config.DATABASE_URL) },
        repo(RuleRepository),
        repo(AlertRepository),
        repo(AlertOutbox),
        repo(RuleStateRepository),
        repo(WebhookRepository),
        { provide: WEBHOOK_SENDER, useClass: FetchWebhookSender },
        AlertPublisher,
        RulesService,
        EscalationService,
        WebhookDispatcher,
        ResourceCloser,
      ],
    };
  }
}

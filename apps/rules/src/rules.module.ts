import { Module, type DynamicModule } from '@nestjs/common';
import { BusCloser, busProvider } from '@park/bus';
import { CLOCK, SystemClock } from '@park/clock';
import { topicName } from '@park/contracts';
import {
  AlertOutbox,
  AlertRepository,
  MaintenanceRepository,
  RecordsCloser,
  recordsProvider,
  repositoryProvider,
  RuleRepository,
  RuleStateRepository,
  WebhookRepository,
} from '@park/records';
import { AlertPublisher } from './alert-publisher';
import { RULES_CONFIG, type RulesConfig } from './rules.config';
import { EscalationService } from './escalation.service';
import { DutyModule } from './duty/duty.module';
import { MaintenanceService } from './maintenance.service';
import { NotificationsModule } from './notifications/notifications.module';
import { RulesService } from './rules.service';
import { WebhookDispatcher } from './webhook-dispatcher';
import { PinnedWebhookSender, WEBHOOK_SENDER } from './webhook-sender';

@Module({})
export class RulesModule {
  static forRoot(config: RulesConfig): DynamicModule {
    return {
      module: RulesModule,
      imports: [NotificationsModule.forRoot(config), DutyModule.forRoot(config)],
      providers: [
        { provide: RULES_CONFIG, useValue: config },
        { provide: CLOCK, useClass: SystemClock },
        busProvider(
          {
            bus: config.BUS,
            brokers: config.KAFKA_BROKERS,
            clientId: `${config.KAFKA_CLIENT_ID}-rules`,
            partitions: config.KAFKA_TOPIC_PARTITIONS,
            replicationFactor: config.KAFKA_TOPIC_REPLICATION,
            inProcessJournalPath: config.BUS_JOURNAL_PATH,
          },
          [
            topicName('telemetry', config.PARK_NAMESPACE),
            topicName('deviceStatus', config.PARK_NAMESPACE),
            topicName('alerts', config.PARK_NAMESPACE),
          ],
        ),
        recordsProvider(config.DATABASE_URL),
        repositoryProvider(RuleRepository),
        repositoryProvider(AlertRepository),
        repositoryProvider(AlertOutbox),
        repositoryProvider(RuleStateRepository),
        repositoryProvider(WebhookRepository),
        repositoryProvider(MaintenanceRepository),
        { provide: WEBHOOK_SENDER, useValue: new PinnedWebhookSender(config.WEBHOOK_ALLOWED_TARGETS) },
        AlertPublisher,
        RulesService,
        EscalationService,
        MaintenanceService,
        WebhookDispatcher,
        BusCloser,
        RecordsCloser,
      ],
    };
  }
}

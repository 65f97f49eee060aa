import { Module, type DynamicModule } from '@nestjs/common';
import { BusModule, type BusConsumersOptions } from '@park/bus';
import { ClockModule } from '@park/clock';
import { busNaming, topicName } from '@park/contracts';
import { PortHealthModule } from '@park/health';
import {
  AlertOutbox,
  AlertRepository,
  MaintenanceRepository,
  RecordsModule,
  repositoryProvider,
  RuleRepository,
  RuleStateRepository,
  WebhookRepository,
} from '@park/records';
import { AlertPublisher } from './alert-publisher';
import { RULES_CONFIG, type RulesConfig } from './rules.config';
import { RulesMetrics } from './rules-metrics';
import { RulesOperations } from './rules-operations';
import { RulesOperationsController } from './rules-operations.controller';
import { EscalationService } from './escalation.service';
import { DutyModule } from './duty/duty.module';
import { MaintenanceService } from './maintenance.service';
import { NotificationsModule } from './notifications/notifications.module';
import { RulesConsumer } from './rules.consumer';
import { RulesService } from './rules.service';
import { WebhookDispatcher } from './webhook-dispatcher';
import { PinnedWebhookSender, WEBHOOK_SENDER } from './webhook-sender';

/** What the rules features share: their configuration, their metrics registry and the alert records' repositories. */
@Module({})
export class RulesCoreModule {
  static register(config: RulesConfig): DynamicModule {
    return {
      module: RulesCoreModule,
      providers: [
        { provide: RULES_CONFIG, useValue: config },
        RulesMetrics,
        repositoryProvider(RuleRepository),
        repositoryProvider(AlertRepository),
        repositoryProvider(AlertOutbox),
        repositoryProvider(RuleStateRepository),
        repositoryProvider(MaintenanceRepository),
      ],
      exports: [
        RULES_CONFIG,
        RulesMetrics,
        RuleRepository,
        AlertRepository,
        AlertOutbox,
        RuleStateRepository,
        MaintenanceRepository,
      ],
    };
  }
}

/** The outbox relay: publishes alert events to the alerts topic after each batch and on its sweep. */
@Module({})
export class AlertRelayModule {
  static register(core: DynamicModule): DynamicModule {
    return {
      module: AlertRelayModule,
      imports: [core],
      providers: [AlertPublisher],
      exports: [AlertPublisher],
    };
  }
}

/** Maintenance windows: holds alerts of devices under maintenance, releases them when the window ends. */
@Module({})
export class MaintenanceModule {
  static register(core: DynamicModule, relay: DynamicModule): DynamicModule {
    return {
      module: MaintenanceModule,
      imports: [relay, core],
      providers: [MaintenanceService],
      exports: [MaintenanceService],
    };
  }
}

/** The rules engine on the telemetry and device-status topics: verdicts → alerts, in one transaction each batch. */
@Module({})
export class RulesEngineModule {
  static register(core: DynamicModule, relay: DynamicModule, maintenance: DynamicModule): DynamicModule {
    return {
      module: RulesEngineModule,
      imports: [maintenance, relay, core],
      providers: [RulesService],
      controllers: [RulesConsumer],
    };
  }
}

/** Escalation of unacknowledged alerts on their timers. */
@Module({})
export class EscalationModule {
  static register(core: DynamicModule, relay: DynamicModule): DynamicModule {
    return { module: EscalationModule, imports: [relay, core], providers: [EscalationService] };
  }
}

/** Webhook deliveries, to the allowed targets only (WEBHOOK_ALLOWED_TARGETS). */
@Module({})
export class WebhooksModule {
  static register(core: DynamicModule, config: RulesConfig): DynamicModule {
    return {
      module: WebhooksModule,
      imports: [core],
      providers: [
        repositoryProvider(WebhookRepository),
        { provide: WEBHOOK_SENDER, useValue: new PinnedWebhookSender(config.WEBHOOK_ALLOWED_TARGETS) },
        WebhookDispatcher,
      ],
    };
  }
}

/**
 * The rules service's features without the infrastructure they run on (records, bus, clock come from the global
 * modules of whoever imports this): the microservice's `RulesModule`, or the standalone mode's one container.
 * Exports its core, for the counters (RulesMetrics) the operations endpoints serve. No HTTP controller: in the
 * standalone mode the rules features open no port and add no route to the API's; their one controller is the
 * engine's bus consumer (RulesConsumer).
 */
@Module({})
export class RulesFeaturesModule {
  static register(config: RulesConfig): DynamicModule {
    const core = RulesCoreModule.register(config);
    const relay = AlertRelayModule.register(core);
    const maintenance = MaintenanceModule.register(core, relay);
    return {
      module: RulesFeaturesModule,
      // Dependents listed before what they depend on, so Nest's walk of the imports places each dependency deeper;
      // Nest bootstraps the deepest modules first and shuts down the shallowest first — so the engine stops
      // before the relay it publishes through, and the relay starts before it.
      imports: [
        RulesEngineModule.register(core, relay, maintenance),
        EscalationModule.register(core, relay),
        WebhooksModule.register(core, config),
        NotificationsModule.forRoot(config),
        DutyModule.forRoot(config),
        maintenance,
        relay,
        core,
      ],
      // The module itself: Nest re-exports an imported module, not a provider of one.
      exports: [core],
    };
  }
}

/** How the rules' bus handlers are named on the wire, with this deployment's RULES_MAX_WAIT_MS. */
export function rulesBusSettings(config: RulesConfig): BusConsumersOptions {
  return {
    ...busNaming(config.PARK_NAMESPACE),
    overrides: { rules: { maxWaitMs: config.RULES_MAX_WAIT_MS } },
  };
}

/** The rules microservice: its infrastructure, its features and the operations endpoints (/health, /metrics). */
@Module({})
export class RulesModule {
  static forRoot(config: RulesConfig): DynamicModule {
    return {
      module: RulesModule,
      imports: [
        ClockModule,
        RecordsModule.forRoot(config.DATABASE_URL),
        BusModule.forApp(config, 'rules', [
          topicName('telemetry', config.PARK_NAMESPACE),
          topicName('deviceStatus', config.PARK_NAMESPACE),
          topicName('alerts', config.PARK_NAMESPACE),
        ]),
        RulesFeaturesModule.register(config),
        PortHealthModule,
      ],
      providers: [RulesOperations],
      controllers: [RulesOperationsController],
    };
  }
}

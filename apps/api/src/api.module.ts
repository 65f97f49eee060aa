import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { alertLinkSettingsOf, TokenService } from '@park/auth';
import { BusModule, type BusConsumersOptions } from '@park/bus';
import { ClockModule } from '@park/clock';
import { busNaming, topicName } from '@park/contracts';
import { PortHealthModule } from '@park/health';
import {
  AlertRepository,
  AlertStatisticsRepository,
  MaintenanceRepository,
  NotificationRepository,
  RECORDS,
  RecordsModule,
  repositoryProvider,
  RuleRepository,
  UserRepository,
  UserSessionRepository,
  WebhookRepository,
} from '@park/records';
import { TELEMETRY_STORE, TelemetryStoreModule, type TelemetryQueries } from '@park/telemetry-store';
import type { DataSource } from 'typeorm';
import { AlertStatsController } from './alert-stats/alert-stats.controller';
import { AlertStatsService } from './alert-stats/alert-stats.service';
import { AlertLinksController } from './alert-links/alert-links.controller';
import { ALERT_LINK_SETTINGS, AlertLinksService } from './alert-links/alert-links.service';
import { AlertsController } from './alerts/alerts.controller';
import { AlertsService } from './alerts/alerts.service';
import { API_CONFIG, type ApiConfig } from './api.config';
import { AuthController } from './auth/auth.controller';
import { AuthGuard } from './auth/auth.guard';
import { AuthService } from './auth/auth.service';
import { LoginLimiter } from './auth/login-limiter';
import { MaintenanceController } from './maintenance/maintenance.controller';
import { MaintenanceService } from './maintenance/maintenance.service';
import { notificationAdaptersProvider } from './notifications/notification-adapters';
import { NotificationChannelsController } from './notifications/notification-channels.controller';
import { NotificationChannelsService } from './notifications/notification-channels.service';
import { NotificationDeliveriesController } from './notifications/notification-deliveries.controller';
import { SessionRegistry } from './auth/session-registry';
import { DomainExceptionFilter } from './exception.filter';
import { DUTY_CONTROLLERS, dutyProviders } from './duty/duty-api';
import { ApiRateLimitGuard, rateLimitModule } from './http/rate-limit';
import { OpenApiController, OpenApiDocumentSource } from './openapi/openapi.controller';
import { HealthController } from './health/health.controller';
import { AlertsGateway } from './realtime/alerts.gateway';
import { RealtimeConsumer } from './realtime/realtime.consumer';
import { TelemetryFanoutService } from './realtime/telemetry-fanout.service';
import { RECORDS_CONTROLLERS, RECORDS_PROVIDERS } from './records-common/records-api';
import { RulesController } from './rules/rules.controller';
import { RulesAdminService } from './rules/rules.service';
import { TELEMETRY_CONTROLLERS, telemetryProviders } from './telemetry/telemetry-api';
import { ENERGY_CONTROLLERS, energyProviders } from './energy/energy-api';
import { INDICATORS_CONTROLLERS, indicatorsProviders } from './indicators/indicators-api';
import { REPORTS_CONTROLLERS, reportsProviders } from './reports/reports-api';
import { expiryReminderProviders } from './qualifications/expiry-reminders-api';
import { PROJECTS_CONTROLLERS, projectsProviders } from './projects/projects-api';
import { PLAN_TASKS_CONTROLLERS, planTasksProviders } from './plan-tasks/plan-tasks-api';
import { EXCHANGE_CONTROLLERS, exchangeProviders } from './exchange/exchange-api';
import { POLICIES_CONTROLLERS, policiesProviders } from './policies/policies-api';
import { StoreTelemetryReader, TELEMETRY_STORE_READER } from './rules/telemetry-reader';
import { WALL_CONTROLLERS, wallProviders } from './wall/wall-api';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';

/** Every REST controller; the access test walks each of their routes. */
export const API_CONTROLLERS = [
  AuthController,
  // Before AlertsController: its GET /api/alerts/:id would take /api/alerts/statistics for an alert.
  AlertStatsController,
  AlertsController,
  AlertLinksController,
  HealthController,
  RulesController,
  WebhooksController,
  NotificationChannelsController,
  NotificationDeliveriesController,
  MaintenanceController,
  ...DUTY_CONTROLLERS,
  ...RECORDS_CONTROLLERS,
  ...TELEMETRY_CONTROLLERS,
  ...ENERGY_CONTROLLERS,
  ...INDICATORS_CONTROLLERS,
  ...REPORTS_CONTROLLERS,
  ...PROJECTS_CONTROLLERS,
  ...PLAN_TASKS_CONTROLLERS,
  ...EXCHANGE_CONTROLLERS,
  ...POLICIES_CONTROLLERS,
  ...WALL_CONTROLLERS,
  OpenApiController,
];

/**
 * The API's features — REST controllers, the socket.io gateway and its fan-out, the schedules — and its global
 * guards, filter and rate limit, without the infrastructure they run on (records, bus, telemetry store, clock come
 * from the global modules of whoever imports this): the microservice's `ApiModule`, or the standalone mode's one
 * container. Its APP_GUARDs hold every controller of the app they are in: an app that imports this serves nothing
 * else over HTTP unless it means the API's authentication to hold it too.
 */
@Module({})
export class ApiFeaturesModule {
  static register(config: ApiConfig): DynamicModule {
    return {
      module: ApiFeaturesModule,
      imports: [rateLimitModule(config), PortHealthModule],
      // The REST routes, and the bus consumer feeding socket.io (no route: an @EventPattern handler).
      controllers: [...API_CONTROLLERS, RealtimeConsumer],
      providers: [
        { provide: API_CONFIG, useValue: config },
        {
          provide: TokenService,
          useValue: new TokenService({ secret: config.JWT_SECRET, ttlSeconds: config.JWT_TTL_SECONDS }),
        },
        repositoryProvider(AlertRepository),
        repositoryProvider(AlertStatisticsRepository),
        repositoryProvider(UserRepository),
        repositoryProvider(UserSessionRepository),
        repositoryProvider(RuleRepository),
        repositoryProvider(WebhookRepository),
        repositoryProvider(MaintenanceRepository),
        repositoryProvider(NotificationRepository),
        notificationAdaptersProvider,
        {
          provide: TELEMETRY_STORE_READER,
          inject: [RECORDS, TELEMETRY_STORE],
          useFactory: (ds: DataSource, telemetry: TelemetryQueries) =>
            new StoreTelemetryReader(ds, telemetry),
        },
        RulesAdminService,
        WebhooksService,
        NotificationChannelsService,
        MaintenanceService,
        ...RECORDS_PROVIDERS,
        ...telemetryProviders(),
        ...energyProviders(config),
        ...indicatorsProviders(),
        ...reportsProviders(config),
        ...expiryReminderProviders(config),
        ...projectsProviders(),
        ...planTasksProviders(),
        ...exchangeProviders(config),
        ...policiesProviders(),
        ...wallProviders(),
        ...dutyProviders(),
        // The rate limit first: it counts the requests the AuthGuard refuses too.
        { provide: APP_GUARD, useClass: ApiRateLimitGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
        OpenApiDocumentSource,
        { provide: APP_FILTER, useClass: DomainExceptionFilter },
        LoginLimiter,
        SessionRegistry,
        AuthService,
        AlertsService,
        AlertStatsService,
        { provide: ALERT_LINK_SETTINGS, useValue: alertLinkSettingsOf(config) },
        AlertLinksService,
        AlertsGateway,
        TelemetryFanoutService,
      ],
    };
  }
}

/** How the API's bus handlers are named on the wire: its groups are this instance's own (API_INSTANCE_ID). */
export function apiBusSettings(config: ApiConfig): BusConsumersOptions {
  return { ...busNaming(config.PARK_NAMESPACE), instanceId: config.API_INSTANCE_ID };
}

/** The API microservice: its infrastructure and its features. */
@Module({})
export class ApiModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ClockModule,
        RecordsModule.forRoot(config.DATABASE_URL),
        BusModule.forApp(config, 'api', [topicName('alerts', config.PARK_NAMESPACE)]),
        TelemetryStoreModule.forRoot(config),
        ApiFeaturesModule.register(config),
      ],
    };
  }
}

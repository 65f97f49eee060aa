import { Module, type DynamicModule } from '@nestjs/common';
import { createChannelAdapters } from '@park/notifications';
import { NotificationRepository, RecordsCloser, recordsProvider, repositoryProvider } from '@park/records';
import { RULES_CONFIG, type RulesConfig } from '../rules.config';
import { CHANNEL_ADAPTERS } from './channel-adapters';
import { NotificationDispatcher } from './notification-dispatcher';

/**
 * Alert notifications through the configured channels (docs/notifications.md): the dispatcher and the channel
 * adapters. Part of the rules service — the deliveries are queued in its alert transactions — and so of the
 * standalone mode, which runs the rules features. Its own records handle, in place of the app's global one: on
 * SQLite the process's one shared connection, on PostgreSQL a pool of its own, so sends being recorded never wait
 * behind rule evaluation.
 */
@Module({})
export class NotificationsModule {
  static forRoot(config: RulesConfig): DynamicModule {
    return {
      module: NotificationsModule,
      providers: [
        { provide: RULES_CONFIG, useValue: config },
        { provide: CHANNEL_ADAPTERS, useFactory: () => createChannelAdapters() },
        recordsProvider(config.DATABASE_URL),
        repositoryProvider(NotificationRepository),
        NotificationDispatcher,
        RecordsCloser,
      ],
    };
  }
}

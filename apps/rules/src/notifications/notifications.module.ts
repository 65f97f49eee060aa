import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { createChannelAdapters } from '@park/notifications';
import { isSqliteUrl, NotificationRepository, openRecords, RECORDS } from '@park/records';
import type { DataSource } from 'typeorm';
import { RULES_CONFIG, type RulesConfig } from '../rules.config';
import { CHANNEL_ADAPTERS } from './channel-adapters';
import { NotificationDispatcher } from './notification-dispatcher';

/**
 * Alert notifications through the configured channels (docs/notifications.md): the dispatcher and the channel
 * adapters. Part of the rules service — the deliveries are queued in its alert transactions — and so of the
 * standalone mode, which runs the rules features. On PostgreSQL the deliveries are recorded through a pool of
 * their own, so sends being recorded never wait behind rule evaluation; on SQLite through the app's records (one
 * connection per file: a second would only wait on the first's file lock).
 */
const NOTIFICATION_RECORDS = Symbol('NotificationRecords');

interface OwnRecords {
  readonly records: DataSource;
  /** Opened for this module (its pool), so closed by it; else the app's. */
  readonly own: boolean;
}

/** Closes the module's own pool after the dispatcher stopped (beforeApplicationShutdown). */
@Injectable()
class NotificationRecordsCloser implements OnApplicationShutdown {
  constructor(@Inject(NOTIFICATION_RECORDS) private readonly handle: OwnRecords) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.handle.own) await this.handle.records.destroy();
  }
}

@Module({})
export class NotificationsModule {
  static forRoot(config: RulesConfig): DynamicModule {
    return {
      module: NotificationsModule,
      providers: [
        { provide: RULES_CONFIG, useValue: config },
        { provide: CHANNEL_ADAPTERS, useFactory: () => createChannelAdapters() },
        {
          provide: NOTIFICATION_RECORDS,
          inject: [RECORDS],
          useFactory: async (records: DataSource): Promise<OwnRecords> =>
            isSqliteUrl(config.DATABASE_URL)
              ? { records, own: false }
              : { records: await openRecords(config.DATABASE_URL), own: true },
        },
        {
          provide: NotificationRepository,
          inject: [NOTIFICATION_RECORDS],
          useFactory: ({ records }: OwnRecords) => new NotificationRepository(records),
        },
        NotificationDispatcher,
        NotificationRecordsCloser,
      ],
    };
  }
}

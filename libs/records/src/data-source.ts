import { DataSource, type DataSourceOptions } from 'typeorm';
import { AlertEntity } from './entities/alert.entity';
import { AlertEventEntity } from './entities/alert-event.entity';
import { DeviceEntity } from './entities/device.entity';
import { DisplayTokenEntity } from './entities/display-token.entity';
import { EnterpriseEntity } from './entities/enterprise.entity';
import { MaintenanceWindowEntity } from './entities/maintenance-window.entity';
import { NotificationChannelEntity } from './entities/notification-channel.entity';
import { NotificationDeliveryEntity } from './entities/notification-delivery.entity';
import { DUTY_ENTITIES } from './duty-entities';
import { ReportEntity } from './entities/report.entity';
import { RuleEntity } from './entities/rule.entity';
import { RuleStateEntity } from './entities/rule-state.entity';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
import { WebhookEntity } from './entities/webhook.entity';
import { UserEntity } from './entities/user.entity';
import { UserSessionEntity } from './entities/user-session.entity';
import { isSqliteUrl } from './dialect';
import { MIGRATIONS } from './migrations';
import { PARK_RECORD_ENTITIES } from './park-record-entities';
import { PROJECT_ENTITIES } from './project-entities';
import { seedReferenceData } from './reference-data';
import { openSqliteRecords } from './sqlite-records';

export const RECORD_ENTITIES = [
  EnterpriseEntity,
  DeviceEntity,
  RuleEntity,
  AlertEntity,
  AlertEventEntity,
  UserEntity,
  RuleStateEntity,
  WebhookEntity,
  WebhookDeliveryEntity,
  DisplayTokenEntity,
  UserSessionEntity,
  MaintenanceWindowEntity,
  NotificationChannelEntity,
  NotificationDeliveryEntity,
  ...DUTY_ENTITIES,
  ReportEntity,
  ...PARK_RECORD_ENTITIES,
  ...PROJECT_ENTITIES,
];

export function postgresOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: RECORD_ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    logging: ['error'],
    extra: { max: 10 },
    ...extra,
  } as DataSourceOptions;
}

/**
 * The records adapter's one way to open the records, by URL: `postgres://…` (migrations are explicit, `npm run
 * migrate`, or opt-in with `migrate`) or `sqlite:/path/park.db` / `sqlite::memory:` (embedded: the SQLite
 * migrations run on every open; each open is a connection of its own, closed by its `destroy()`). Whenever the schema is brought up to date, so is the reference data
 * (`seedReferenceData`): both modes start with the same plan targets.
 */
export async function openRecords(url: string, options: { migrate?: boolean } = {}): Promise<DataSource> {
  if (isSqliteUrl(url)) {
    const dataSource = await openSqliteRecords(url, RECORD_ENTITIES);
    try {
      await seedReferenceData(dataSource);
    } catch (error) {
      await dataSource.destroy();
      throw error;
    }
    return dataSource;
  }
  const dataSource = new DataSource(postgresOptions(url));
  await dataSource.initialize();
  if (options.migrate) {
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      await seedReferenceData(dataSource);
    } catch (error) {
      await dataSource.destroy();
      throw error;
    }
  }
  return dataSource;
}

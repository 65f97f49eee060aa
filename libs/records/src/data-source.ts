import { DataSource, type DataSourceOptions } from 'typeorm';
import { AlertEntity } from './entities/alert.entity';
import { AlertEventEntity } from './entities/alert-event.entity';
import { DeviceEntity } from './entities/device.entity';
import { DisplayTokenEntity } from './entities/display-token.entity';
import { EnterpriseEntity } from './entities/enterprise.entity';
import { RuleEntity } from './entities/rule.entity';
import { RuleStateEntity } from './entities/rule-state.entity';
import { WebhookDeliveryEntity } from './entities/webhook-delivery.entity';
import { WebhookEntity } from './entities/webhook.entity';
import { UserEntity } from './entities/user.entity';
import { MIGRATIONS } from './migrations';
import { PARK_RECORD_ENTITIES } from './park-record-entities';

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
  ...PARK_RECORD_ENTITIES,
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

/** The records adapter's one way to open PostgreSQL. Migrations are explicit (`npm run migrate`) or opt-in. */
export async function openRecords(url: string, options: { migrate?: boolean } = {}): Promise<DataSource> {
  const dataSource = new DataSource(postgresOptions(url));
  await dataSource.initialize();
  if (options.migrate) await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

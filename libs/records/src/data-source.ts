import { DataSource, type DataSourceOptions } from 'typeorm';
import { AlertEntity } from './entities/alert.entity';
import { AlertEventEntity } from './entities/alert-event.entity';
import { DeviceEntity } from './entities/device.entity';
import { EnterpriseEntity } from './entities/enterprise.entity';
import { RuleEntity } from './entities/rule.entity';
import { UserEntity } from './entities/user.entity';
import { MIGRATIONS } from './migrations';

export const RECORD_ENTITIES = [
  EnterpriseEntity,
  DeviceEntity,
  RuleEntity,
  AlertEntity,
  AlertEventEntity,
  UserEntity,
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

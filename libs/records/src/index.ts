/** @park/records — PostgreSQL records (TypeORM entities, migrations) and the repositories over them. */
export * from './data-source';
export * from './entities/enterprise.entity';
export * from './entities/device.entity';
export * from './entities/rule.entity';
export * from './entities/alert.entity';
export * from './entities/alert-event.entity';
export * from './entities/user.entity';
export * from './device-repository';
export * from './alert-repository';
export * from './rule-repository';
export * from './user-repository';
export * from './alert-outbox';
export * from './credit-code';
export * from './demo-seed';
export * from './device-change-listener';

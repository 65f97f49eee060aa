/**
 * @park/records — the records (TypeORM entities, migrations) and the repositories over them, on PostgreSQL or, in
 * standalone mode, SQLite.
 */
export * from './data-source';
export { dialectOf, isSqliteUrl, type RecordsDialect } from './dialect';
export * from './entities/enterprise.entity';
export * from './entities/device.entity';
export * from './entities/rule.entity';
export * from './entities/alert.entity';
export * from './entities/alert-event.entity';
export * from './entities/user.entity';
export * from './entities/user-session.entity';
export * from './entities/enterprise-indicator.entity';
export * from './entities/land-parcel.entity';
export * from './entities/carrier.entity';
export * from './entities/carrier-tenancy.entity';
export * from './entities/record-event.entity';
export * from './entities/admission-entry.entity';
export * from './entities/audit-entry.entity';
export * from './entities/plan-target.entity';
export * from './entities/park-setting.entity';
export * from './entities/rule-state.entity';
export * from './entities/webhook.entity';
export * from './entities/webhook-delivery.entity';
export * from './entities/display-token.entity';
export * from './entities/maintenance-window.entity';
export * from './display-token-repository';
export * from './wall-records-reader';
export * from './rule-state-repository';
export * from './webhook-repository';
export * from './device-repository';
export * from './alert-lifecycle';
export * from './alert-repository';
export * from './maintenance-repository';
export * from './rule-repository';
export * from './user-repository';
export * from './user-session-repository';
export * from './alert-outbox';
export * from './credit-code';
export * from './demo-seed';
export * from './reference-data';
export * from './demo-fleet';
export * from './park';
export * from './park-record-entities';
export * from './device-change-listener';
export * from './records.providers';

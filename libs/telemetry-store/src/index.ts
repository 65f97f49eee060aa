/** @park/telemetry-store — the telemetry-store and telemetry-query ports, their InfluxDB v1 and SQLite adapters. */
export * from './telemetry-store';
export * from './telemetry-queries';
export * from './line-protocol';
export * from './influx-queries';
export * from './influx-v1-store';
export * from './sqlite-store';
export * from './open-telemetry-store';
export { TelemetryStoreModule } from './telemetry-store.module';

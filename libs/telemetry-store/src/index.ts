/** @park/telemetry-store — the telemetry-store port, line-protocol encoding and the InfluxDB v1 adapter. */
export * from './telemetry-store';
export * from './line-protocol';
export * from './influx-v1-store';

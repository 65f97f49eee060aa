/**
 * @park/contracts — the one source of truth for what crosses a process boundary:
 * Kafka topic names, MQTT topic patterns, payload schemas, device kinds, metrics and units.
 */
export * from './topics';
export * from './mqtt-topics';
export * from './device-kinds';
export * from './data-quality';
export * from './telemetry';
export * from './telemetry-series';
export * from './wall-summary';
export * from './records-views';
export * from './parcel-term';
export * from './qualification-views';
export * from './attached-document-views';
export * from './qualification-rules';
export * from './admin-views';
export * from './device-state-views';
export * from './rules-views';
export * from './notification-views';
export * from './session-views';
export * from './energy-views';
export * from './report-views';
export * from './import-views';
export * from './analytics-views';
export * from './alerts';
export * from './alert-link-views';
export * from './alert-statistics-views';
export * from './device-status';
export * from './realtime';
export * from './device-protocol-doc';
export * from './compiled-validation';
export * from './health-views';
export * from './credit-code';
export * from './duty-views';
export * from './project-views';
export * from './admission';
export * from './departments';
export * from './plan-task-views';
export * from './plan-amounts';
export * from './production-lines';
export * from './alert-values';
export * from './exchange';
export * from './exchange-views';
export * from './policy-criteria';
export * from './policy-views';
export * from './indicator-views';

/**
 * @park/health — the checks behind /health as @nestjs/terminus checks, named for the ports they probe (`records`,
 * `telemetry`, `bus`, `mqtt`) rather than the products behind them, so the API and ingestion name and time them
 * alike in both modes: PostgreSQL or SQLite, InfluxDB or the embedded store, Kafka or the in-process bus.
 */
export {
  PortChecks,
  PortHealthModule,
  PROBE_TIMEOUT_MS,
  type CheckOptions,
  type PortCheck,
} from './port-checks';

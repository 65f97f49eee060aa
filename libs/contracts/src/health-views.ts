/*
 * What /health answers — the API's and ingestion's operations endpoint's alike: @nestjs/terminus's health-check
 * result (libs/health). Each check is named for the port it probes, not the product behind it (`records`:
 * PostgreSQL or SQLite; `telemetry`: InfluxDB or the embedded store; `bus`: Kafka or the in-process bus), so both
 * modes answer the same.
 */

/**
 * `error` (HTTP 503) when a check the process cannot work without is down, `degraded` (HTTP 200) when only one it
 * can do without is, `shutting_down` (503) once the process has been told to stop.
 */
export type HealthStatus = 'ok' | 'degraded' | 'error' | 'shutting_down';

/** One check: a failed one carries a message (the error, the timeout, or on a public route "does not answer"). */
export interface HealthCheckView {
  readonly status: 'up' | 'degraded' | 'down';
  /** How long the probe took, in ms. */
  readonly responseTime: number;
  readonly message?: string;
}

/** The API's checks: `records` (down is `error`: nobody could sign in) and `telemetry` (down is `degraded`). */
export interface ApiHealthChecks {
  readonly records?: HealthCheckView;
  readonly telemetry?: HealthCheckView;
}

/** GET /health of the API. `info`: the checks up or degraded; `error`: those down; `details`: all of them. */
export interface ApiHealth {
  readonly status: HealthStatus;
  readonly info?: ApiHealthChecks;
  readonly error?: ApiHealthChecks;
  readonly details: ApiHealthChecks;
}

/**
 * Ingestion's checks: every dependency the process runs with, any down is `error`. A part it does not run (the
 * MQTT ingress in the standalone mode, the telemetry writer when off) has no check.
 */
export interface IngestionHealthChecks {
  readonly mqtt?: HealthCheckView;
  readonly bus?: HealthCheckView;
  readonly telemetry?: HealthCheckView;
  readonly records?: HealthCheckView;
}

/** GET /health of ingestion's operations endpoint, as ApiHealth. */
export interface IngestionHealth {
  readonly status: HealthStatus;
  readonly info?: IngestionHealthChecks;
  readonly error?: IngestionHealthChecks;
  readonly details: IngestionHealthChecks;
}

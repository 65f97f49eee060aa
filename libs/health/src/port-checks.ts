import { Injectable, Logger, Module } from '@nestjs/common';
import {
  HealthIndicatorService,
  TerminusModule,
  TypeOrmHealthIndicator,
  type HealthCheckAttempt,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import type { DataSource } from 'typeorm';

/** How long one probe may take before its check counts as down. */
export const PROBE_TIMEOUT_MS = 3_000;

export type PortCheck = HealthIndicatorFunction;

const logger = new Logger('Health');

/**
 * The checks for HealthCheckService.check(). A check that fails is `down` with terminus's message (the error, or
 * the timeout); `quiet` replaces that message, for a public route, so no driver error, host or port goes on the
 * wire; `optional` makes a failure `degraded` (HTTP 200) instead of `down` (HTTP 503).
 */
@Injectable()
export class PortChecks {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly typeorm: TypeOrmHealthIndicator,
  ) {}

  /** The records database answers `SELECT 1`. */
  records(records: DataSource, options: CheckOptions = {}): PortCheck {
    return () => {
      const timeout = options.timeoutMs ?? PROBE_TIMEOUT_MS;
      const attempt = this.typeorm.pingCheck('records', { connection: records, timeout });
      return shaped('records', attempt, options);
    };
  }

  /** A port's own ping (the bus, the telemetry store) or state (the MQTT ingress): false is down. */
  answers(key: string, ping: () => boolean | Promise<boolean>, options: CheckOptions = {}): PortCheck {
    return () => {
      const attempt = this.indicators
        .check(key)
        .attempt(async () => {
          if (!(await ping())) throw new Error('does not answer');
        })
        .withTimeout(options.timeoutMs ?? PROBE_TIMEOUT_MS);
      return shaped(key, attempt, options);
    };
  }
}

export interface CheckOptions {
  /** Say only "does not answer" when down (for a public route). */
  readonly quiet?: boolean;
  /** A failure is `degraded`, not `down`: the process still serves without this port. */
  readonly optional?: boolean;
  /** How long the probe may take before the check counts as down (default PROBE_TIMEOUT_MS). */
  readonly timeoutMs?: number;
}

function shaped(
  key: string,
  attempt: HealthCheckAttempt<string>,
  { quiet = false, optional = false }: CheckOptions,
): HealthCheckAttempt<string> {
  if (quiet)
    attempt.withFailureData((error: unknown) => {
      // The cause goes to the log, not on the wire.
      logger.warn(`${key} does not answer: ${error instanceof Error ? error.message : String(error)}`);
      return { message: 'does not answer', code: undefined };
    });
  return optional ? attempt.degradedOnFailure() : attempt;
}

/** Import into an app's module: PortChecks, and terminus's HealthCheckService to run them. */
@Module({ imports: [TerminusModule], providers: [PortChecks], exports: [PortChecks, TerminusModule] })
export class PortHealthModule {}

import {
  Catch,
  HttpException,
  Logger,
  ServiceUnavailableException,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { InvalidTokenError } from '@park/auth';
import {
  AlertNotFoundError,
  AlertTransitionError,
  RuleNotFoundError,
  WebhookNotFoundError,
} from '@park/records';
import { RuleParamsError } from '@park/rules-engine';
import type { Response } from 'express';
import { ApiDomainError } from './errors';
import { RateLimitedError } from './http/rate-limit';
import { requestBodyErrorResponse } from './http/request-body';
import { recordsErrorResponse } from './records-common/records-error-status';
import { TelemetryQueryError } from './telemetry/telemetry.errors';
import { EnergyQueryError } from './energy/energy.errors';
import { AlertStatsQueryError } from './alert-stats/alert-stats.errors';

const STATUS_BY_CODE = {
  INVALID_CREDENTIALS: 401,
  TOO_MANY_ATTEMPTS: 429,
  INVALID_DISPLAY_TOKEN: 401,
  DISPLAY_TOKEN_NOT_FOUND: 404,
  INVALID_SOURCE_KEY: 401,
  ALERT_LINK_MALFORMED: 400,
  ALERT_LINK_TAMPERED: 401,
  ALERT_LINK_EXPIRED: 410,
  ALERT_LINK_RECIPIENT_INACTIVE: 403,
  ALERT_LINKS_OFF: 404,
} as const;

/** The one place domain errors become HTTP answers; services never throw HttpException. */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('DomainExceptionFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const res = host.switchToHttp().getResponse<Response>();
    const [status, body] = this.map(error);
    if (error instanceof RateLimitedError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
    // A failed /health check (terminus's 503) is logged by terminus with what failed.
    if (status >= 500 && !(error instanceof ServiceUnavailableException))
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    res.status(status).json(body);
  }

  private map(error: unknown): [number, Record<string, unknown>] {
    if (error instanceof HttpException) {
      const response = error.getResponse();
      return [
        error.getStatus(),
        typeof response === 'string' ? { message: response } : (response as Record<string, unknown>),
      ];
    }
    if (error instanceof ApiDomainError)
      return [STATUS_BY_CODE[error.code], { code: error.code, message: error.message }];
    const records = recordsErrorResponse(error);
    if (records) return records;
    const body = requestBodyErrorResponse(error);
    if (body) return body;
    if (error instanceof RateLimitedError) return [429, { code: 'RATE_LIMITED', message: error.message }];
    if (error instanceof InvalidTokenError) return [401, { code: 'INVALID_TOKEN', message: error.message }];
    if (error instanceof AlertNotFoundError)
      return [404, { code: 'ALERT_NOT_FOUND', message: error.message }];
    if (error instanceof AlertTransitionError)
      return [409, { code: 'ALERT_TRANSITION', message: error.message }];
    if (error instanceof RuleNotFoundError) return [404, { code: 'RULE_NOT_FOUND', message: error.message }];
    if (error instanceof WebhookNotFoundError)
      return [404, { code: 'WEBHOOK_NOT_FOUND', message: error.message }];
    if (error instanceof RuleParamsError) return [400, { code: 'RULE_PARAMS', message: error.message }];
    if (error instanceof TelemetryQueryError)
      return [400, { code: error.code, message: error.message, field: error.field }];
    if (error instanceof EnergyQueryError)
      return [400, { code: error.code, message: error.message, field: error.field }];
    if (error instanceof AlertStatsQueryError)
      return [400, { code: error.code, message: error.message, field: error.field }];
    return [500, { code: 'INTERNAL', message: 'internal error' }];
  }
}

import { Controller, Get, Header, HttpCode } from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';
import { Registry } from 'prom-client';
import { RulesOperations } from './rules-operations';

/**
 * Operations endpoints of the rules microservice. Access: unauthenticated by design, for probes and Prometheus —
 * the port binds to loopback (RULES_HTTP_HOST) unless the deployment exposes it to its monitoring network on
 * purpose. The standalone mode has no such controller: its operations port (OPS_PORT) serves these counters.
 */
@Controller()
export class RulesOperationsController {
  constructor(private readonly operations: RulesOperations) {}

  /** Readiness: the bus and the records answer (RulesOperations.health); 503 when one does not. */
  @Get('health')
  health(): Promise<HealthCheckResult> {
    return this.operations.health();
  }

  @Get('metrics')
  @HttpCode(200)
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  metricsText(): Promise<string> {
    return this.operations.metricsText();
  }
}

import { Controller, Get, Header, HttpCode, Inject } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { PortChecks } from '@park/health';
import { Registry } from 'prom-client';
import { Hj212TcpServer } from './hj212-tcp-server';

/** The bridge's own Prometheus registry (its counters, read at each scrape: hj212-prometheus.ts). */
export const HJ212_REGISTRY = Symbol('Hj212Registry');

/**
 * Operations endpoints of the bridge as its own process. Access: unauthenticated by design, for probes and
 * Prometheus — the port binds to loopback (HJ212_OPS_HOST) unless the deployment exposes it to its monitoring
 * network on purpose. The standalone mode serves the same counters on its operations port instead.
 */
@Controller()
export class Hj212OperationsController {
  constructor(
    @Inject(HJ212_REGISTRY) private readonly registry: Registry,
    private readonly server: Hj212TcpServer,
    private readonly healthCheck: HealthCheckService,
    private readonly checks: PortChecks,
  ) {}

  /** Readiness: the data loggers' TCP port is open (503 if not). */
  @Get('health')
  health(): Promise<HealthCheckResult> {
    return this.healthCheck.check([this.checks.answers('hj212', () => this.server.listening)]);
  }

  @Get('metrics')
  @HttpCode(200)
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  metricsText(): Promise<string> {
    return this.registry.metrics();
  }
}

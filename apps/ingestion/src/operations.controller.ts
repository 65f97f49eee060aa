import { Controller, Get, Header, HttpCode } from '@nestjs/common';
import type { IngestionHealth } from '@park/contracts';
import { Registry } from 'prom-client';
import { IngestionOperations } from './ingestion-operations';

/**
 * Operations endpoints. Access: unauthenticated by design, for probes and Prometheus — the port binds to
 * loopback (INGEST_HTTP_HOST) unless the deployment exposes it to its monitoring network on purpose.
 */
@Controller()
export class OperationsController {
  constructor(private readonly operations: IngestionOperations) {}

  /** Readiness of what this process runs (IngestionOperations.health); 503 when a dependency does not answer. */
  @Get('health')
  health(): Promise<IngestionHealth> {
    return this.operations.health();
  }

  @Get('metrics')
  @HttpCode(200)
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  metricsText(): Promise<string> {
    return this.operations.metricsText();
  }
}

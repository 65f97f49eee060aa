import { Inject, Injectable } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { MESSAGE_BUS, type MessageBus } from '@park/bus';
import { PortChecks } from '@park/health';
import { RECORDS } from '@park/records';
import { collectDefaultMetrics } from 'prom-client';
import { DataSource } from 'typeorm';
import { RulesMetrics } from './rules-metrics';

/**
 * What the rules microservice's operations endpoints answer (RulesOperationsController). Only the microservice
 * has it: in the standalone mode the operations port is ingestion's, with the rules counters added to its registry.
 */
@Injectable()
export class RulesOperations {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(RECORDS) private readonly records: DataSource,
    private readonly metrics: RulesMetrics,
    private readonly healthCheck: HealthCheckService,
    private readonly checks: PortChecks,
  ) {
    // The process's own figures (CPU, memory, event-loop lag, GC): this process is the rules service alone.
    collectDefaultMetrics({ register: metrics.registry });
  }

  /**
   * Readiness: the bus and the records answer (rejects with terminus' 503 if one does not, with its error — the
   * port is the operators'). Both are what every batch needs: the bus to consume and publish, the records for the
   * states and alerts written in one transaction.
   */
  health(): Promise<HealthCheckResult> {
    return this.healthCheck.check([
      this.checks.answers('bus', () => this.bus.ping()),
      this.checks.records(this.records),
    ]);
  }

  /** The process's counters in Prometheus' text format (its own registry, never the global one). */
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}

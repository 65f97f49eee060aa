import { Inject, Injectable } from '@nestjs/common';
import { HealthCheckService } from '@nestjs/terminus';
import { MESSAGE_BUS, type MessageBus } from '@park/bus';
import type { IngestionHealth } from '@park/contracts';
import { PortChecks, type PortCheck } from '@park/health';
import { RECORDS } from '@park/records';
import { TELEMETRY_STORE, type TelemetryStore } from '@park/telemetry-store';
import { DataSource } from 'typeorm';
import { INGESTION_CONFIG, type IngestionConfig } from './ingestion.config';
import { IngestionMetrics } from './ingestion-metrics';
import { MqttIngress } from './mqtt-ingress';

/**
 * What the operations endpoints answer, whoever serves them: the microservice's OperationsController, or the
 * standalone mode's OperationsServer on its own port.
 */
@Injectable()
export class IngestionOperations {
  constructor(
    @Inject(INGESTION_CONFIG) private readonly config: IngestionConfig,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(TELEMETRY_STORE) private readonly store: TelemetryStore,
    @Inject(RECORDS) private readonly records: DataSource,
    private readonly ingress: MqttIngress,
    private readonly metrics: IngestionMetrics,
    private readonly healthCheck: HealthCheckService,
    private readonly checks: PortChecks,
  ) {}

  /**
   * Readiness: every dependency this process runs with answers (rejects with terminus' 503 if one does not, with its
   * error — the port is the operators'). A part the process does not run (the MQTT ingress in the standalone mode,
   * the telemetry writer when off) has no check.
   */
  health(): Promise<IngestionHealth> {
    const checks: PortCheck[] = [
      this.checks.answers('bus', () => this.bus.ping()),
      this.checks.records(this.records),
    ];
    if (this.config.RUN_MQTT_INGRESS)
      checks.unshift(this.checks.answers('mqtt', () => this.ingress.connected));
    if (this.config.RUN_TELEMETRY_WRITER)
      checks.push(this.checks.answers('telemetry', () => this.store.ping()));
    return this.healthCheck.check(checks);
  }

  /** The process's counters in Prometheus' text format (its own registry, never the global one). */
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}

import { Controller, Get, Header, HttpCode, Inject } from '@nestjs/common';
import { HealthCheckService } from '@nestjs/terminus';
import { MESSAGE_BUS, type MessageBus } from '@park/bus';
import type { IngestionHealth } from '@park/contracts';
import { PortChecks, type PortCheck } from '@park/health';
import { TELEMETRY_STORE, type TelemetryStore } from '@park/telemetry-store';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { INGESTION_CONFIG, type IngestionConfig } from './ingestion.config';
import { IngestionMetrics } from './ingestion-metrics';
import { MqttIngress } from './mqtt-ingress';
import { RECORDS } from '@park/records';

/**
 * Operations endpoints. Access: unauthenticated by design, for probes and Prometheus — the port binds to
 * loopback (INGEST_HTTP_HOST) unless the deployment exposes it to its monitoring network on purpose.
 */
@Controller()
export class OperationsController {
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
   * Readiness: every dependency this process runs with answers (503 if one does not, with its error — the port is
   * the operators'). A part the process does not run (the MQTT ingress in the standalone mode, the telemetry
   * writer when off) has no check.
   */
  @Get('health')
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

  @Get('metrics')
  @HttpCode(200)
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}

import { Controller, Get, Header, HttpCode, Inject, Res } from '@nestjs/common';
import { MESSAGE_BUS, type MessageBus } from '@park/bus';
import { TELEMETRY_STORE, type TelemetryStore } from '@park/telemetry-store';
import type { Response } from 'express';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { INGESTION_CONFIG, type IngestionConfig } from './ingestion.config';
import { IngestionMetrics } from './ingestion-metrics';
import { MqttIngress } from './mqtt-ingress';
import { RECORDS } from '@park/records';

export interface Readiness {
  readonly status: 'ready' | 'not-ready';
  readonly checks: Readonly<Record<'mqtt' | 'bus' | 'telemetry' | 'records', boolean | 'not-used'>>;
}

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
  ) {}

  /** Liveness: the process serves requests. Readiness: every dependency this process uses answers (503 if not). */
  @Get('health')
  async health(@Res({ passthrough: true }) res: Response): Promise<Readiness> {
    // Named for the ports, not the products (Kafka or the in-process bus, InfluxDB or the embedded store, …).
    const [bus, telemetry, records] = await Promise.all([
      this.bus.ping(),
      this.config.RUN_TELEMETRY_WRITER ? this.store.ping() : Promise.resolve<'not-used'>('not-used'),
      this.records
        .query('SELECT 1')
        .then(() => true)
        .catch(() => false),
    ]);
    const mqtt: boolean | 'not-used' = this.config.RUN_MQTT_INGRESS ? this.ingress.connected : 'not-used';
    const checks = { mqtt, bus, telemetry, records };
    const ready = Object.values(checks).every((v) => v !== false);
    res.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not-ready', checks };
  }

  @Get('metrics')
  @HttpCode(200)
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  metricsText(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}

import { Injectable } from '@nestjs/common';
import type { AlertEventType } from '@park/contracts';
import { Counter, Gauge, Histogram, Registry, type Metric } from 'prom-client';

/** Evaluate-and-commit time of a batch, ms (SLOW_BATCH_MS, 500, is where rules.service.ts warns). */
const BATCH_MS_BUCKETS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];

/**
 * What the rules service counts; served at /metrics in the Prometheus format (prom-client). Its own registry, never
 * prom-client's global one, as IngestionMetrics: tests start several rules services in one process, and the
 * standalone mode serves these counters on its operations port beside ingestion's (`registerOn`).
 */
@Injectable()
export class RulesMetrics {
  readonly registry = new Registry();
  readonly batches = new Counter({
    name: 'park_rules_batches_total',
    help: 'Telemetry and device-status batches handled',
    registers: [this.registry],
  });
  readonly batchMs = new Histogram({
    name: 'park_rules_batch_ms',
    help: 'Time to evaluate a batch with rule inputs and commit its alert changes and states, ms',
    buckets: BATCH_MS_BUCKETS,
    registers: [this.registry],
  });
  readonly alertEvents = new Counter({
    name: 'park_rules_alert_events_total',
    help: 'Alert events the rules engine wrote (opened, resolved, repeated, suppressed …), by type',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly outboxPublished = new Counter({
    name: 'park_rules_outbox_published_total',
    help: 'Alert events this instance relayed from the outbox to the alerts topic (also those the API wrote)',
    registers: [this.registry],
  });
  readonly consumerLag = new Gauge({
    name: 'park_rules_consumer_lag',
    help: 'Messages behind the head of the partition after the last batch',
    labelNames: ['topic', 'partition'] as const,
    registers: [this.registry],
  });

  constructor() {
    // Present from the start, so a rate over them is 0 rather than absent until the first alert.
    for (const type of ['opened', 'resolved'] as const) this.alertEvents.inc({ type }, 0);
  }

  /** Counts the events of one committed transaction (a rolled-back attempt counts nothing). */
  countAlertEvents(types: readonly AlertEventType[]): void {
    for (const type of types) this.alertEvents.inc({ type });
  }

  /** Also serves these counters from another registry (the standalone mode's operations port). */
  registerOn(registry: Registry): void {
    const own: Metric[] = [
      this.batches,
      this.batchMs,
      this.alertEvents,
      this.outboxPublished,
      this.consumerLag,
    ];
    for (const metric of own) registry.registerMetric(metric);
  }
}

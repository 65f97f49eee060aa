import { Injectable } from '@nestjs/common';
import type { RejectReason } from '@park/contracts';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Latency buckets in milliseconds. */
const LATENCY_BUCKETS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];
const BATCH_SIZE_BUCKETS = [1, 10, 50, 100, 250, 500, 1000, 2000, 5000, 10000];

/**
 * What ingestion and the telemetry writer count; served at /metrics in the Prometheus format (prom-client).
 * Each instance has its own registry, never prom-client's global one: the standalone process composes several
 * apps (and adds the embedded broker's counters to this registry), and tests start several ingestions in one
 * process, so two instances must not collide on a name. No default process metrics: /metrics never had them.
 */
@Injectable()
export class IngestionMetrics {
  readonly registry = new Registry();
  readonly accepted = new Counter({
    name: 'park_ingest_accepted_total',
    help: 'Readings accepted onto park.telemetry.v1',
    registers: [this.registry],
  });
  readonly rejected = new Counter({
    name: 'park_ingest_rejected_total',
    help: 'MQTT messages rejected, by reason code',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly batchSize = new Histogram({
    name: 'park_ingest_batch_messages',
    help: 'MQTT messages per batch',
    buckets: BATCH_SIZE_BUCKETS,
    registers: [this.registry],
  });
  readonly kafkaWriteMs = new Histogram({
    name: 'park_ingest_kafka_write_ms',
    help: 'Time for Kafka to acknowledge a batch (acks=all), ms',
    buckets: LATENCY_BUCKETS_MS,
    registers: [this.registry],
  });
  readonly pointsWritten = new Counter({
    name: 'park_writer_points_total',
    help: 'Points written to the telemetry store',
    registers: [this.registry],
  });
  readonly storeRejected = new Counter({
    name: 'park_writer_store_rejected_total',
    help: 'Points the store refused',
    registers: [this.registry],
  });
  readonly storeWriteMs = new Histogram({
    name: 'park_writer_store_write_ms',
    help: 'Time for the telemetry store to accept a batch, ms',
    buckets: LATENCY_BUCKETS_MS,
    registers: [this.registry],
  });
  readonly writerBatchSize = new Histogram({
    name: 'park_writer_batch_points',
    help: 'Points per store write',
    buckets: BATCH_SIZE_BUCKETS,
    registers: [this.registry],
  });
  readonly storedLatencyMs = new Histogram({
    name: 'park_writer_stored_latency_ms',
    help: 'From the device timestamp to the store acknowledging the point (queryable in InfluxDB 1.x), ms',
    buckets: [
      5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, 30000, 60000,
    ],
    registers: [this.registry],
  });
  readonly consumerLag = new Gauge({
    name: 'park_writer_consumer_lag',
    help: 'Messages behind the head of the partition',
    labelNames: ['topic', 'partition'] as const,
    registers: [this.registry],
  });

  countRejected(reason: RejectReason): void {
    this.rejected.inc({ reason });
  }
}

import { Injectable } from '@nestjs/common';
import type { RejectReason } from '@park/contracts';
import { BATCH_SIZE_BUCKETS, LATENCY_BUCKETS_MS, MetricsRegistry } from '@park/metrics';

/** What ingestion and the telemetry writer count; served at /metrics in the Prometheus format. */
@Injectable()
export class IngestionMetrics {
  readonly registry = new MetricsRegistry();
  readonly accepted = this.registry.counter(
    'park_ingest_accepted_total',
    'Readings accepted onto park.telemetry.v1',
  );
  readonly rejected = this.registry.counter(
    'park_ingest_rejected_total',
    'MQTT messages rejected, by reason code',
  );
  readonly batchSize = this.registry.histogram(
    'park_ingest_batch_messages',
    'MQTT messages per batch',
    BATCH_SIZE_BUCKETS,
  );
  readonly kafkaWriteMs = this.registry.histogram(
    'park_ingest_kafka_write_ms',
    'Time for Kafka to acknowledge a batch (acks=all), ms',
    LATENCY_BUCKETS_MS,
  );
  readonly pointsWritten = this.registry.counter(
    'park_writer_points_total',
    'Points written to the telemetry store',
  );
  readonly storeRejected = this.registry.counter(
    'park_writer_store_rejected_total',
    'Points the store refused',
  );
  readonly storeWriteMs = this.registry.histogram(
    'park_writer_store_write_ms',
    'Time for the telemetry store to accept a batch, ms',
    LATENCY_BUCKETS_MS,
  );
  readonly writerBatchSize = this.registry.histogram(
    'park_writer_batch_points',
    'Points per store write',
    BATCH_SIZE_BUCKETS,
  );
  readonly storedLatencyMs = this.registry.histogram(
    'park_writer_stored_latency_ms',
    'From the device timestamp to the store acknowledging the point (queryable in InfluxDB 1.x), ms',
    [5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, 30000, 60000],
  );
  readonly consumerLag = this.registry.gauge(
    'park_writer_consumer_lag',
    'Messages behind the head of the partition',
  );

  countRejected(reason: RejectReason): void {
    this.rejected.inc({ reason });
  }
}

import { register } from 'prom-client';
import { IngestionMetrics } from './ingestion-metrics';

/** `# TYPE name type` lines of a Prometheus text, as a name → type record. */
function types(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1], m[2]]));
}

describe('IngestionMetrics', () => {
  it('serves every series under the names and types dashboards and the benchmarks read', async () => {
    expect(types(await new IngestionMetrics().registry.metrics())).toEqual({
      park_ingest_accepted_total: 'counter',
      park_ingest_rejected_total: 'counter',
      park_ingest_batch_messages: 'histogram',
      park_ingest_kafka_write_ms: 'histogram',
      park_writer_points_total: 'counter',
      park_writer_store_rejected_total: 'counter',
      park_writer_store_write_ms: 'histogram',
      park_writer_batch_points: 'histogram',
      park_writer_stored_latency_ms: 'histogram',
      park_writer_consumer_lag: 'gauge',
    });
  });

  it('counts by label and sets the lag per partition', async () => {
    const metrics = new IngestionMetrics();
    metrics.accepted.inc(3);
    metrics.accepted.inc(0);
    metrics.countRejected('WRONG_TYPE');
    metrics.countRejected('WRONG_TYPE');
    metrics.countRejected('MALFORMED_JSON');
    metrics.consumerLag.set({ topic: 'park.telemetry.v1', partition: '0' }, 12);
    metrics.consumerLag.set({ topic: 'park.telemetry.v1', partition: '0' }, 4);
    const lines = (await metrics.registry.metrics()).split('\n');
    expect(lines).toContain('park_ingest_accepted_total 3');
    expect(lines).toContain('park_ingest_rejected_total{reason="WRONG_TYPE"} 2');
    expect(lines).toContain('park_ingest_rejected_total{reason="MALFORMED_JSON"} 1');
    expect(lines).toContain('park_writer_consumer_lag{topic="park.telemetry.v1",partition="0"} 4');
  });

  it('renders a histogram as cumulative buckets in ms, with +Inf, sum and count', async () => {
    const metrics = new IngestionMetrics();
    for (const ms of [7, 40, 40, 90_000]) metrics.storedLatencyMs.observe(ms);
    const text = await metrics.registry.metrics();
    const buckets = [...text.matchAll(/^park_writer_stored_latency_ms_bucket\{le="([^"]+)"\} (\d+)$/gm)];
    expect(buckets.map((m) => m[1])).toEqual(
      [5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, 30000, 60000]
        .map(String)
        .concat('+Inf'),
    );
    expect(Object.fromEntries(buckets.map((m) => [m[1], Number(m[2])]))).toMatchObject({
      '5': 0,
      '10': 1,
      '30': 1,
      '50': 3,
      '60000': 3,
      '+Inf': 4,
    });
    expect(text).toMatch(/^park_writer_stored_latency_ms_sum 90087$/m);
    expect(text).toMatch(/^park_writer_stored_latency_ms_count 4$/m);
  });

  it('keeps each instance in its own registry, so several in one process neither collide nor share counts', async () => {
    const first = new IngestionMetrics();
    const second = new IngestionMetrics();
    first.accepted.inc(5);
    second.accepted.inc(1);
    expect(await first.registry.metrics()).toMatch(/^park_ingest_accepted_total 5$/m);
    expect(await second.registry.metrics()).toMatch(/^park_ingest_accepted_total 1$/m);
    expect(register.getSingleMetric('park_ingest_accepted_total')).toBeUndefined();
  });
});

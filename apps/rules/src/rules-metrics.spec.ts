import { Registry } from 'prom-client';
import { RulesMetrics } from './rules-metrics';

describe('RulesMetrics', () => {
  it('counts alert events by type, opened and resolved at 0 before the first alert', async () => {
    const metrics = new RulesMetrics();
    const before = await metrics.registry.metrics();
    expect(before).toMatch(/^park_rules_alert_events_total\{type="opened"\} 0$/m);
    expect(before).toMatch(/^park_rules_alert_events_total\{type="resolved"\} 0$/m);

    metrics.countAlertEvents(['opened', 'repeated', 'opened', 'resolved']);
    const after = await metrics.registry.metrics();
    expect(after).toMatch(/^park_rules_alert_events_total\{type="opened"\} 2$/m);
    expect(after).toMatch(/^park_rules_alert_events_total\{type="repeated"\} 1$/m);
    expect(after).toMatch(/^park_rules_alert_events_total\{type="resolved"\} 1$/m);
  });

  it('serves the same counters from another registry, and two instances never collide', async () => {
    const operationsPort = new Registry();
    const metrics = new RulesMetrics();
    metrics.registerOn(operationsPort);
    const other = new RulesMetrics();
    metrics.batches.inc(3);
    other.batches.inc(1);
    metrics.consumerLag.set({ topic: 'park.telemetry.v1', partition: 2 }, 42);

    const scraped = await operationsPort.metrics();
    expect(scraped).toMatch(/^park_rules_batches_total 3$/m);
    expect(scraped).toContain('park_rules_consumer_lag{topic="park.telemetry.v1",partition="2"} 42');
    expect(scraped).toContain('park_rules_outbox_published_total 0');
    expect(scraped).toContain('park_rules_batch_ms_count 0');
    expect(await other.registry.metrics()).toMatch(/^park_rules_batches_total 1$/m);
  });
});

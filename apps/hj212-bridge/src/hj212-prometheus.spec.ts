import { Registry } from 'prom-client';
import { Hj212Metrics } from './hj212-metrics';
import { registerHj212Metrics } from './hj212-prometheus';

describe('registerHj212Metrics', () => {
  it('serves what the bridge counted at the moment of the scrape, by label where it has one', async () => {
    const metrics = new Hj212Metrics();
    const registry = new Registry();
    registerHj212Metrics(metrics, registry);
    metrics.framesReceived = 7;
    metrics.crcErrors = 2;
    metrics.connectionsOpen = 3;
    metrics.countAccepted('2011');
    metrics.countAccepted('2011');
    metrics.countRejected('BAD_DATA_TIME');
    metrics.countFlagged(new Map([['T', 4]]));

    const first = await registry.metrics();
    expect(first).toContain('park_hj212_frames_received_total 7');
    expect(first).toContain('park_hj212_crc_errors_total 2');
    expect(first).toContain('park_hj212_connections_open 3');
    expect(first).toContain('park_hj212_packets_accepted_total{cn="2011"} 2');
    expect(first).toContain('park_hj212_packets_rejected_total{reason="BAD_DATA_TIME"} 1');
    expect(first).toContain('park_hj212_values_flagged_total{flag="T"} 4');
    expect(first).toMatch(/# TYPE park_hj212_frames_received_total counter/);

    metrics.framesReceived = 9;
    metrics.countAccepted('2051');
    const second = await registry.metrics();
    expect(second).toContain('park_hj212_frames_received_total 9');
    expect(second).toContain('park_hj212_packets_accepted_total{cn="2011"} 2');
    expect(second).toContain('park_hj212_packets_accepted_total{cn="2051"} 1');
  });
});

import { register, Registry } from 'prom-client';
import { brokerSecurityMetrics } from './broker-metrics';

describe('brokerSecurityMetrics', () => {
  it('counts attacks on the embedded broker by reason, as labelled counters on the registry it is given', async () => {
    const registry = new Registry();
    const metrics = brokerSecurityMetrics(registry);
    metrics.authFailure('bad-credentials');
    metrics.authFailure('bad-credentials');
    metrics.authFailure('lookup-failed');
    metrics.authThrottled('delayed');
    metrics.connectionRefused('pre-auth-timeout');
    metrics.sessionEnded('credential-changed');
    const text = await registry.metrics();
    const lines = text.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '# TYPE park_mqtt_auth_failures_total counter',
        'park_mqtt_auth_failures_total{reason="bad-credentials"} 2',
        'park_mqtt_auth_failures_total{reason="lookup-failed"} 1',
        '# TYPE park_mqtt_auth_throttled_total counter',
        'park_mqtt_auth_throttled_total{outcome="delayed"} 1',
        '# TYPE park_mqtt_connections_refused_total counter',
        'park_mqtt_connections_refused_total{reason="pre-auth-timeout"} 1',
        '# TYPE park_mqtt_sessions_ended_total counter',
        'park_mqtt_sessions_ended_total{reason="credential-changed"} 1',
      ]),
    );
    expect(text).not.toMatch(/^park_mqtt_sessions_ended_total\{reason="disabled"\}/m);
  });

  it('leaves the process-wide registry alone, so two brokers in one process do not collide', () => {
    brokerSecurityMetrics(new Registry());
    expect(() => brokerSecurityMetrics(new Registry())).not.toThrow();
    expect(register.getSingleMetric('park_mqtt_auth_failures_total')).toBeUndefined();
  });
});

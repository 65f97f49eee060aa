import type { Counter, MetricsRegistry } from '@park/metrics';
import type { ConnectionViolation } from './packet-size-guard';

export type AuthFailureReason = 'bad-credentials' | 'lookup-failed';
export type SessionEndReason = 'disabled' | 'credential-changed' | 'removed';

/** What the embedded broker counts about attacks on it; served with ingestion's /metrics. */
export interface BrokerSecurityMetrics {
  authFailure(reason: AuthFailureReason): void;
  /** A login slowed (`delayed`) or refused without a check because too many from its address wait (`refused`). */
  authThrottled(outcome: 'delayed' | 'refused'): void;
  connectionRefused(violation: ConnectionViolation): void;
  sessionEnded(reason: SessionEndReason): void;
}

export function brokerSecurityMetrics(registry: MetricsRegistry): BrokerSecurityMetrics {
  const failures: Counter = registry.counter(
    'park_mqtt_auth_failures_total',
    'MQTT logins refused, by reason (bad-credentials: unknown device, disabled, no credential or wrong secret)',
  );
  const throttled = registry.counter(
    'park_mqtt_auth_throttled_total',
    'MQTT logins slowed or refused by the per-address throttle',
  );
  const refused = registry.counter(
    'park_mqtt_connections_refused_total',
    'MQTT connections closed for their size or pace before or after login, by reason',
  );
  const ended = registry.counter(
    'park_mqtt_sessions_ended_total',
    'Open MQTT sessions closed because the device was disabled, removed or its credential changed',
  );
  return {
    authFailure: (reason) => failures.inc({ reason }),
    authThrottled: (outcome) => throttled.inc({ outcome }),
    connectionRefused: (reason) => refused.inc({ reason }),
    sessionEnded: (reason) => ended.inc({ reason }),
  };
}

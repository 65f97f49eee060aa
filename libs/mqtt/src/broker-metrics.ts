import { Counter, type Registry } from 'prom-client';
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

/** Registers the broker's counters on `registry` (ingestion's, in the standalone process; never the global one). */
export function brokerSecurityMetrics(registry: Registry): BrokerSecurityMetrics {
  const failures = new Counter({
    name: 'park_mqtt_auth_failures_total',
    help: 'MQTT logins refused, by reason (bad-credentials: unknown device, disabled, no credential or wrong secret)',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const throttled = new Counter({
    name: 'park_mqtt_auth_throttled_total',
    help: 'MQTT logins slowed or refused by the per-address throttle',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const refused = new Counter({
    name: 'park_mqtt_connections_refused_total',
    help: 'MQTT connections closed for their size or pace before or after login, by reason',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  const ended = new Counter({
    name: 'park_mqtt_sessions_ended_total',
    help: 'Open MQTT sessions closed because the device was disabled, removed or its credential changed',
    labelNames: ['reason'] as const,
    registers: [registry],
  });
  return {
    authFailure: (reason) => failures.inc({ reason }),
    authThrottled: (outcome) => throttled.inc({ outcome }),
    connectionRefused: (reason) => refused.inc({ reason }),
    sessionEnded: (reason) => ended.inc({ reason }),
  };
}

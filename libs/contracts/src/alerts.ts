import { ContractViolation } from './telemetry';

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Level 1 = 一级报警 (warning), level 2 = 二级报警 (critical), as GB/T 50493-2019 names them for gas detection. */
export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const ALERT_EVENT_TYPES = ['opened', 'escalated', 'acknowledged', 'resolved'] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** Everything an officer needs about an alert without another click. */
export interface AlertView {
  readonly id: string;
  readonly ruleId: string;
  readonly ruleName: Bilingual;
  readonly deviceId: string;
  readonly deviceName: string;
  readonly location: string | null;
  readonly enterpriseId: string;
  readonly enterpriseName: string;
  readonly metric: string;
  readonly unit: string;
  readonly value: number;
  readonly limit: number;
  readonly level: number;
  readonly severity: AlertSeverity;
  readonly status: AlertStatus;
  readonly count: number;
  readonly openedAt: number;
  readonly lastSeenAt: number;
  readonly acknowledgedAt: number | null;
  readonly acknowledgedBy: string | null;
  readonly resolvedAt: number | null;
  readonly resolvedBy: string | null;
  readonly resolutionNote: string | null;
  readonly explanation: Bilingual;
}

/** The value of a `park.alerts.v1` message (key: alert id). `seq` is global and increasing. */
export interface AlertEvent {
  readonly v: 1;
  readonly seq: number;
  readonly type: AlertEventType;
  readonly at: number;
  readonly actor: string | null;
  readonly alert: AlertView;
}

export function decodeAlertEvent(value: Buffer | null): AlertEvent {
  if (!value) throw new ContractViolation('alert message has no value');
  let body: unknown;
  try {
    body = JSON.parse(value.toString('utf8'));
  } catch {
    throw new ContractViolation('alert message is not JSON');
  }
  if (typeof body !== 'object' || body === null)
    throw new ContractViolation('alert message is not an object');
  const event = body as Partial<AlertEvent>;
  if (
    event.v !== 1 ||
    typeof event.seq !== 'number' ||
    !ALERT_EVENT_TYPES.includes(event.type as AlertEventType)
  ) {
    throw new ContractViolation('alert message is not contract v1');
  }
  const alert = event.alert;
  if (
    typeof alert !== 'object' ||
    alert === null ||
    typeof alert.id !== 'string' ||
    typeof alert.enterpriseId !== 'string' ||
    !ALERT_STATUSES.includes(alert.status)
  ) {
    throw new ContractViolation('alert message has no valid alert');
  }
  return event as AlertEvent;
}

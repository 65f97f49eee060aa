import { ContractViolation } from './telemetry';

/**
 * `suppressed`: raised while its device or line was in a maintenance window (检修) — recorded and visible, but held
 * back from officers' alarms; it becomes `open` when the window ends if the condition still holds.
 */
export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved', 'suppressed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Level 1 = 一级报警 (warning), level 2 = 二级报警 (critical), as GB/T 50493-2019 names them for gas detection. */
export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/**
 * `escalated`: the level rose (一级 → 二级). `overdue`: nobody acknowledged it within the time set for its severity
 * (escalation by time). `reminder`: repeats every reminder interval until acknowledged. `repeated`: the condition
 * was confirmed again (count rose; throttled). `assigned`: an officer assigned it to someone. `de-escalated`: the
 * level fell while the condition still holds. `suppressed`: raised inside a maintenance window and held back (its
 * `opened` event follows when the window ends, if the condition still holds).
 */
export const ALERT_EVENT_TYPES = [
  'opened',
  'escalated',
  'acknowledged',
  'resolved',
  'overdue',
  'reminder',
  'repeated',
  'assigned',
  'de-escalated',
  'suppressed',
] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** What an alert is about: one device, or one production line of an enterprise (分表计电). */
export type AlertSubjectType = 'device' | 'line';

export interface AlertContact {
  readonly name: string | null;
  readonly phone: string | null;
}

/** A maintenance window (检修) as the API shows it (GET /api/maintenance-windows), epoch ms. */
export interface MaintenanceWindow {
  readonly id: string;
  readonly subjectType: AlertSubjectType;
  /** The device id, or the production line (unique within the enterprise). */
  readonly subjectId: string;
  readonly enterpriseId: string;
  readonly startsAt: number;
  /** The planned end. */
  readonly endsAt: number;
  /** Set when an officer ended it early. */
  readonly endedAt: number | null;
  readonly endedBy: string | null;
  readonly reason: string;
  readonly createdBy: string;
  readonly createdAt: number;
}

/** The maintenance window (检修) that held an alert back. */
export interface AlertMaintenance {
  readonly id: string;
  readonly reason: string;
  readonly startsAt: number;
  /** When it ends or ended: the planned end, or the early end. */
  readonly endsAt: number;
}

/** Everything an officer needs about an alert without another click. */
export interface AlertView {
  readonly id: string;
  readonly ruleId: string;
  readonly ruleName: Bilingual;
  /** The rule's kind (threshold, device-offline, treatment-power …). */
  readonly ruleKind?: string;
  readonly subjectType?: AlertSubjectType;
  /** The device id, or the line id for a line alert. */
  readonly subjectId?: string;
  /** The device the alert is about; for a line alert, the meter whose reading confirmed it (or '' if none). */
  readonly deviceId: string;
  /** The device's name; for a line alert the line in words (`productionLineName`: `synthesis-1` → 合成 1 号线). */
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
  /** The enterprise's contacts, to call without another click. */
  readonly contacts?: readonly AlertContact[];
  readonly assignedTo?: string | null;
  readonly assignedAt?: number | null;
  /** When the alert went unacknowledged past its severity's time (overdue), else null. */
  readonly escalatedAt?: number | null;
  readonly lastRemindedAt?: number | null;
  /** When the rule raised it inside a maintenance window (null: never held back). */
  readonly suppressedAt?: number | null;
  /** The window that held it back, also after it went live (null: none). */
  readonly maintenance?: AlertMaintenance | null;
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

/**
 * Alarm statistics as GET /api/alerts/statistics sends them (apps/api/src/alert-stats; docs/alerts.md
 * "Statistics" defines every figure): the alerts opened in a window, counted per Asia/Shanghai day and by rule
 * kind, enterprise, severity and status; how long they waited to be acknowledged and resolved; the subjects that
 * alarmed again and again. Instants are epoch ms, days `YYYY-MM-DD` in park time, durations in seconds.
 */
import type { AlertSeverity, AlertStatus, AlertSubjectType, Bilingual } from './alerts';

/** One Asia/Shanghai day: the alerts opened on it, in all and by severity. */
export interface AlertDayCount {
  /** `YYYY-MM-DD`, park time. */
  readonly date: string;
  readonly count: number;
  readonly critical: number;
  readonly warning: number;
  readonly info: number;
}

/**
 * How long alerts waited, in seconds: `count` is how many alerts the figures are over; each figure is null when
 * none was (nothing acknowledged, or nothing resolved, in the window). Median and p90 interpolate between
 * neighbouring values as PostgreSQL's percentile_cont does.
 */
export interface ResponseTimes {
  readonly count: number;
  readonly meanSeconds: number | null;
  readonly medianSeconds: number | null;
  readonly p90Seconds: number | null;
}

/** A device or production line that alarmed at least the threshold's number of times in the window. */
export interface RepeatOffender {
  readonly subjectType: AlertSubjectType;
  /** The device id, or the line id. */
  readonly subjectId: string;
  /** The device's name, or the line in words for a line (`productionLineName`: `synthesis-1` → 合成 1 号线). */
  readonly subjectName: string;
  readonly location: string | null;
  readonly enterpriseId: string;
  readonly enterpriseName: string;
  /** Alerts opened about it in the window. */
  readonly alerts: number;
  readonly lastAlertId: string;
  readonly lastOpenedAt: number;
  readonly lastRuleName: Bilingual;
  readonly lastSeverity: AlertSeverity;
}

export interface AlertStatistics {
  /** The window: alerts opened at or after `from` and before `to`. */
  readonly from: number;
  readonly to: number;
  readonly timeZone: 'Asia/Shanghai';
  /** The enterprise the figures are confined to (an energy manager's own, or the filter), null for the park. */
  readonly enterpriseId: string | null;
  readonly total: number;
  /** Every park-time day the window touches, oldest first, days without alerts included. */
  readonly perDay: AlertDayCount[];
  /** Largest first. */
  readonly byKind: { readonly kind: string; readonly count: number }[];
  /** Largest first. */
  readonly byEnterprise: {
    readonly enterpriseId: string;
    readonly enterpriseName: string;
    readonly count: number;
  }[];
  /** Every severity, critical first, zeros included. */
  readonly bySeverity: { readonly severity: AlertSeverity; readonly count: number }[];
  /** Every status, zeros included. */
  readonly byStatus: { readonly status: AlertStatus; readonly count: number }[];
  /** From opening to acknowledgement, over the acknowledged alerts. */
  readonly acknowledge: ResponseTimes;
  /** From opening to resolution, over the resolved alerts (by an officer or automatically). */
  readonly resolve: ResponseTimes;
  /** The least number of alerts that makes a repeat offender. */
  readonly repeatThreshold: number;
  /** Most alerts first, then the latest; at most 50. */
  readonly repeatOffenders: RepeatOffender[];
}

/**
 * What the alerts opened in a window still awaited when the window ended, and how they were escalated and
 * notified (the 告警月报, docs/reports.md). "At the end" reads each alert's acknowledgement and resolution times, so
 * an alert acknowledged after the window ended still counts as unacknowledged at its end.
 */
export interface AlertFollowUp {
  /** Not resolved by the window's end (resolved later, or not yet). */
  readonly unresolvedAtEnd: number;
  /** Of those, not acknowledged by the window's end either, and not held back by maintenance (检修中). */
  readonly unacknowledgedAtEnd: number;
  /** Escalated by time: nobody acknowledged them within their severity's time (`escalatedAt` set). */
  readonly overdue: number;
  /** Whose level rose (一级 → 二级) at least once: an `escalated` event. */
  readonly levelRaised: number;
  /** Notification messages about them (every channel and recipient) delivered, and given up after retries. */
  readonly notificationsDelivered: number;
  readonly notificationsFailed: number;
}

/** A device or production line that alarmed on at least a number of separate Beijing days in the window. */
export interface RecurringSubject {
  readonly subjectType: AlertSubjectType;
  readonly subjectId: string;
  /** The device's name, or the line in words for a line (as RepeatOffender names it). */
  readonly subjectName: string;
  readonly enterpriseName: string;
  /** Separate park-time days with at least one alert opened. */
  readonly days: number;
  readonly alerts: number;
}

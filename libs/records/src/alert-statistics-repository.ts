import type {
  AlertFollowUp,
  AlertSeverity,
  RecurringSubject,
  RepeatOffender,
  ResponseTimes,
} from '@park/contracts';
import { productionLineName } from '@park/contracts';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { whereAlertsMatch, type AlertFilter } from './alert-filter';
import { epochMsSql, millisecondsBetweenSql, parkDaySql } from './dialect';
import { AlertEntity } from './entities/alert.entity';
import { DeviceEntity } from './entities/device.entity';
import { EnterpriseEntity } from './entities/enterprise.entity';
import { NotificationDeliveryEntity } from './entities/notification-delivery.entity';
import { RuleEntity } from './entities/rule.entity';

/** The statistics' filter: the window is required (the statistics are always over a bounded window). */
export interface AlertStatisticsFilter extends AlertFilter {
  readonly from: number;
  readonly to: number;
}

/** The counts and times as the database groups them; the API service fills in the days without alerts. */
export interface AlertStatisticsRows {
  /** Per park-time day and severity: only the (day, severity) pairs that had alerts. */
  readonly perDay: readonly { date: string; severity: string; count: number }[];
  readonly byKind: readonly { kind: string; count: number }[];
  readonly byEnterprise: readonly { enterpriseId: string; enterpriseName: string; count: number }[];
  readonly bySeverity: readonly { severity: string; count: number }[];
  readonly byStatus: readonly { status: string; count: number }[];
  readonly acknowledge: ResponseTimes;
  readonly resolve: ResponseTimes;
  readonly repeatOffenders: readonly RepeatOffender[];
}

/**
 * Alarm statistics, computed in the database over the alerts the filter matches (docs/alerts.md "Statistics").
 * The same SQL runs on PostgreSQL and SQLite: only the few expressions that read differently (park-time day,
 * milliseconds between two timestamps) come from dialect.ts. Median and p90 are found with window functions
 * (ROW_NUMBER, COUNT OVER), which both databases have, instead of PostgreSQL's percentile_cont, which SQLite
 * lacks; `interpolatedPercentile` then gives exactly what percentile_cont would.
 */
export class AlertStatisticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async statistics(
    filter: AlertStatisticsFilter,
    repeat: { readonly threshold: number; readonly limit: number },
  ): Promise<AlertStatisticsRows> {
    const day = parkDaySql(this.dataSource, 'a.opened_at');
    const [perDay, byKind, byEnterprise, bySeverity, byStatus, acknowledge, resolve, repeatOffenders] =
      await Promise.all([
        this.matching(filter)
          .select(day, 'date')
          .addSelect('a.severity', 'severity')
          .addSelect('COUNT(*)', 'count')
          .groupBy(day)
          .addGroupBy('a.severity')
          .getRawMany<{ date: string; severity: string; count: string | number }>(),
        this.matching(filter)
          .select('rule.kind', 'kind')
          .addSelect('COUNT(*)', 'count')
          .groupBy('rule.kind')
          .getRawMany<{ kind: string; count: string | number }>(),
        this.matching(filter)
          // An enterprise removed since (soft-deleted) keeps its alerts and its name here.
          .withDeleted()
          .innerJoin(EnterpriseEntity, 'e', 'e.id = a.enterprise_id')
          .select('a.enterprise_id', 'enterpriseId')
          .addSelect('e.name', 'enterpriseName')
          .addSelect('COUNT(*)', 'count')
          .groupBy('a.enterprise_id')
          .addGroupBy('e.name')
          .getRawMany<{ enterpriseId: string; enterpriseName: string; count: string | number }>(),
        this.countsBy(filter, 'a.severity'),
        this.countsBy(filter, 'a.status'),
        this.responseTimes(filter, 'acknowledged_at'),
        this.responseTimes(filter, 'resolved_at'),
        this.repeatOffenders(filter, repeat.threshold, repeat.limit),
      ]);
    return {
      perDay: perDay.map((r) => ({ date: r.date, severity: r.severity, count: Number(r.count) })),
      byKind: byKind.map((r) => ({ kind: r.kind, count: Number(r.count) })),
      byEnterprise: byEnterprise.map((r) => ({
        enterpriseId: r.enterpriseId,
        enterpriseName: r.enterpriseName,
        count: Number(r.count),
      })),
      bySeverity: bySeverity.map((r) => ({ severity: r.key, count: r.count })),
      byStatus: byStatus.map((r) => ({ status: r.key, count: r.count })),
      acknowledge,
      resolve,
      repeatOffenders,
    };
  }

  /**
   * What the window's alerts still awaited at its end (`filter.to`), and how many were escalated and notified:
   * the 告警月报's follow-up figures (AlertFollowUp defines each).
   */
  async followUp(filter: AlertStatisticsFilter): Promise<AlertFollowUp> {
    const end = { windowEnd: new Date(filter.to) };
    const unresolved = () =>
      this.matching(filter).andWhere('(a.resolved_at IS NULL OR a.resolved_at >= :windowEnd)', end);
    const deliveries = (status: 'delivered' | 'failed') =>
      this.matching(filter)
        .innerJoin(NotificationDeliveryEntity, 'nd', 'nd.alert_id = a.id')
        .andWhere('nd.status = :deliveryStatus', { deliveryStatus: status });
    const [unresolvedAtEnd, unacknowledgedAtEnd, overdue, levelRaised, delivered, failed] = await Promise.all(
      [
        unresolved().getCount(),
        unresolved()
          .andWhere('(a.acknowledged_at IS NULL OR a.acknowledged_at >= :windowEnd)', end)
          .andWhere(`a.status <> 'suppressed'`)
          .getCount(),
        this.matching(filter).andWhere('a.escalated_at IS NOT NULL').getCount(),
        this.matching(filter)
          .andWhere(
            `EXISTS (SELECT 1 FROM alert_events ev WHERE ev.alert_id = a.id AND ev.type = 'escalated')`,
          )
          .getCount(),
        this.countRows(deliveries('delivered')),
        this.countRows(deliveries('failed')),
      ],
    );
    return {
      unresolvedAtEnd,
      unacknowledgedAtEnd,
      overdue,
      levelRaised,
      notificationsDelivered: delivered,
      notificationsFailed: failed,
    };
  }

  /**
   * Devices and production lines with alerts opened on at least `minDays` separate park-time days of the window:
   * most days first, then most alerts.
   */
  async recurringSubjects(
    filter: AlertStatisticsFilter,
    minDays: number,
    limit: number,
  ): Promise<RecurringSubject[]> {
    const day = parkDaySql(this.dataSource, 'a.opened_at');
    const grouped = this.matching(filter)
      .select('a.subject_type', 'subject_type')
      .addSelect('a.subject_id', 'subject_id')
      .addSelect('a.enterprise_id', 'enterprise_id')
      .addSelect(`COUNT(DISTINCT ${day})`, 'days')
      .addSelect('COUNT(*)', 'alerts')
      .groupBy('a.subject_type')
      .addGroupBy('a.subject_id')
      .addGroupBy('a.enterprise_id')
      .having(`COUNT(DISTINCT ${day}) >= :minDays`, { minDays });
    const rows = await this.dataSource
      .createQueryBuilder()
      .select('r.subject_type', 'subjectType')
      .addSelect('r.subject_id', 'subjectId')
      .addSelect('r.days', 'days')
      .addSelect('r.alerts', 'alerts')
      .addSelect('e.name', 'enterpriseName')
      .addSelect('d.name', 'deviceName')
      .from(`(${grouped.getQuery()})`, 'r')
      .withDeleted()
      .innerJoin(EnterpriseEntity, 'e', 'e.id = r.enterprise_id')
      .leftJoin(DeviceEntity, 'd', `r.subject_type = 'device' AND d.id = r.subject_id`)
      .setParameters(grouped.getParameters())
      .orderBy('r.days', 'DESC')
      .addOrderBy('r.alerts', 'DESC')
      .addOrderBy('r.subject_id', 'ASC')
      .limit(limit)
      .getRawMany<{
        subjectType: string;
        subjectId: string;
        days: string | number;
        alerts: string | number;
        enterpriseName: string;
        deviceName: string | null;
      }>();
    return rows.map((r) => {
      const isLine = r.subjectType === 'line';
      return {
        subjectType: isLine ? 'line' : 'device',
        subjectId: r.subjectId,
        subjectName: isLine ? productionLineName(r.subjectId).zh : (r.deviceName ?? r.subjectId),
        enterpriseName: r.enterpriseName,
        days: Number(r.days),
        alerts: Number(r.alerts),
      };
    });
  }

  private async countRows(q: SelectQueryBuilder<AlertEntity>): Promise<number> {
    const row = await q.select('COUNT(*)', 'n').getRawOne<{ n: string | number }>();
    return Number(row?.n ?? 0);
  }

  /** The alerts the filter matches, with their rule joined (the kind lives there). */
  private matching(filter: AlertFilter): SelectQueryBuilder<AlertEntity> {
    const q = this.dataSource.getRepository(AlertEntity).createQueryBuilder('a').innerJoin('a.rule', 'rule');
    return whereAlertsMatch(q, filter);
  }

  private async countsBy(filter: AlertFilter, column: string): Promise<{ key: string; count: number }[]> {
    const rows = await this.matching(filter)
      .select(column, 'key')
      .addSelect('COUNT(*)', 'count')
      .groupBy(column)
      .getRawMany<{ key: string; count: string | number }>();
    return rows.map((r) => ({ key: r.key, count: Number(r.count) }));
  }

  /**
   * Mean, median and p90 of the whole milliseconds from opening to `column`, over the matching alerts that have
   * it. The inner query numbers the waits in order (rn, 1-based) and counts them (n); the outer one picks the two
   * neighbours of each percentile's position — rows ⌊(n−1)·q⌋+1 and ⌈(n−1)·q⌉+1, in integer arithmetic, which
   * both databases do alike.
   */
  private async responseTimes(
    filter: AlertFilter,
    column: 'acknowledged_at' | 'resolved_at',
  ): Promise<ResponseTimes> {
    const waited = millisecondsBetweenSql(this.dataSource, 'a.opened_at', `a.${column}`);
    const ranked = this.matching(filter)
      .andWhere(`a.${column} IS NOT NULL`)
      .select(waited, 'ms')
      .addSelect(`ROW_NUMBER() OVER (ORDER BY ${waited})`, 'rn')
      .addSelect('COUNT(*) OVER ()', 'n');
    const row = await this.dataSource
      .createQueryBuilder()
      .select('COUNT(*)', 'n')
      .addSelect('AVG(r.ms)', 'mean')
      .addSelect('MAX(CASE WHEN r.rn = (r.n - 1) / 2 + 1 THEN r.ms END)', 'p50_low')
      .addSelect('MAX(CASE WHEN r.rn = r.n / 2 + 1 THEN r.ms END)', 'p50_high')
      .addSelect('MAX(CASE WHEN r.rn = (r.n - 1) * 9 / 10 + 1 THEN r.ms END)', 'p90_low')
      .addSelect('MAX(CASE WHEN r.rn = ((r.n - 1) * 9 + 9) / 10 + 1 THEN r.ms END)', 'p90_high')
      .from(`(${ranked.getQuery()})`, 'r')
      .setParameters(ranked.getParameters())
      .getRawOne<Record<'n' | 'mean' | 'p50_low' | 'p50_high' | 'p90_low' | 'p90_high', unknown>>();
    const n = Number(row?.n ?? 0);
    if (!row || n === 0) return { count: 0, meanSeconds: null, medianSeconds: null, p90Seconds: null };
    const seconds = (ms: number) => Math.round(ms) / 1000;
    return {
      count: n,
      meanSeconds: seconds(Number(row.mean)),
      medianSeconds: seconds(interpolatedPercentile(n, 5, Number(row.p50_low), Number(row.p50_high))),
      p90Seconds: seconds(interpolatedPercentile(n, 9, Number(row.p90_low), Number(row.p90_high))),
    };
  }

  /**
   * Subjects (a device, or a production line of an enterprise) with at least `threshold` matching alerts: how
   * many, and their latest alert — found in one pass with COUNT and ROW_NUMBER over each subject's alerts.
   */
  private async repeatOffenders(
    filter: AlertFilter,
    threshold: number,
    limit: number,
  ): Promise<RepeatOffender[]> {
    const subject = 'PARTITION BY a.subject_type, a.enterprise_id, a.subject_id';
    const latest = this.matching(filter)
      .select('a.id', 'id')
      .addSelect('a.subject_type', 'subject_type')
      .addSelect('a.subject_id', 'subject_id')
      .addSelect('a.enterprise_id', 'enterprise_id')
      .addSelect('a.rule_id', 'rule_id')
      .addSelect('a.severity', 'severity')
      .addSelect('a.opened_at', 'opened_at')
      .addSelect(`COUNT(*) OVER (${subject})`, 'n')
      .addSelect(`ROW_NUMBER() OVER (${subject} ORDER BY a.opened_at DESC, a.id DESC)`, 'rn');
    const rows = await this.dataSource
      .createQueryBuilder()
      .select('r.id', 'id')
      .addSelect('r.subject_type', 'subjectType')
      .addSelect('r.subject_id', 'subjectId')
      .addSelect('r.enterprise_id', 'enterpriseId')
      .addSelect('r.severity', 'severity')
      .addSelect('r.n', 'alerts')
      .addSelect(epochMsSql(this.dataSource, 'r.opened_at'), 'openedAt')
      .addSelect('e.name', 'enterpriseName')
      .addSelect('d.name', 'deviceName')
      .addSelect('d.location', 'location')
      .addSelect('ru.name_zh', 'ruleZh')
      .addSelect('ru.name_en', 'ruleEn')
      .from(`(${latest.getQuery()})`, 'r')
      .withDeleted()
      .innerJoin(EnterpriseEntity, 'e', 'e.id = r.enterprise_id')
      .innerJoin(RuleEntity, 'ru', 'ru.id = r.rule_id')
      .leftJoin(DeviceEntity, 'd', `r.subject_type = 'device' AND d.id = r.subject_id`)
      .setParameters(latest.getParameters())
      .where('r.rn = 1')
      .andWhere('r.n >= :threshold', { threshold })
      .orderBy('r.n', 'DESC')
      .addOrderBy('r.opened_at', 'DESC')
      .addOrderBy('r.id', 'ASC')
      .limit(limit)
      .getRawMany<{
        id: string;
        subjectType: string;
        subjectId: string;
        enterpriseId: string;
        severity: string;
        alerts: string | number;
        openedAt: string | number;
        enterpriseName: string;
        deviceName: string | null;
        location: string | null;
        ruleZh: string;
        ruleEn: string;
      }>();
    return rows.map((r) => {
      const isLine = r.subjectType === 'line';
      return {
        subjectType: isLine ? 'line' : 'device',
        subjectId: r.subjectId,
        // As the alert's own view names it (alert-repository toView).
        subjectName: isLine ? productionLineName(r.subjectId).zh : (r.deviceName ?? r.subjectId),
        location: isLine ? null : r.location,
        enterpriseId: r.enterpriseId,
        enterpriseName: r.enterpriseName,
        alerts: Number(r.alerts),
        lastAlertId: r.id,
        lastOpenedAt: Number(r.openedAt),
        lastRuleName: { zh: r.ruleZh, en: r.ruleEn },
        lastSeverity: r.severity as AlertSeverity,
      };
    });
  }
}

/**
 * The quantile `tenths`/10 of n sorted values by linear interpolation between the closest ranks — PostgreSQL's
 * percentile_cont — given the values at rows ⌊(n−1)·q⌋+1 (`low`) and ⌈(n−1)·q⌉+1 (`high`). The position's
 * fraction is computed in integers, as the query picks the rows, so 0.9 × 30 is 27 and not 27.000000000000004.
 */
export function interpolatedPercentile(n: number, tenths: number, low: number, high: number): number {
  const fraction = (((n - 1) * tenths) % 10) / 10;
  return low + fraction * (high - low);
}

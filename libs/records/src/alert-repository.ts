import type {
  AlertEvent,
  AlertEventType,
  AlertSeverity,
  AlertStatus,
  AlertView,
  Bilingual,
} from '@park/contracts';
import { type DataSource, type EntityManager, MoreThan, QueryFailedError } from 'typeorm';
import { AlertEntity } from './entities/alert.entity';
import { AlertEventEntity } from './entities/alert-event.entity';

export interface TriggerInput {
  readonly ruleId: string;
  readonly deviceId: string;
  readonly enterpriseId: string;
  readonly metric: string;
  readonly unit: string;
  readonly level: 1 | 2;
  /** Which way is worse: 'above' keeps the highest value seen, 'below' the lowest. */
  readonly direction: 'above' | 'below';
  readonly severity: AlertSeverity;
  readonly value: number;
  readonly limit: number;
  readonly readingTs: number;
  readonly at: number;
  readonly explanation: Bilingual;
}

export interface ClearInput {
  readonly alertId: string;
  readonly readingTs: number;
  readonly at: number;
  readonly explanation: Bilingual;
}

export interface AlertListFilter {
  readonly enterpriseId?: string | null;
  readonly status?: AlertStatus;
  readonly limit: number;
}

export class AlertNotFoundError extends Error {
  constructor(id: string) {
    super(`alert ${id} not found`);
    this.name = 'AlertNotFoundError';
  }
}

export class AlertTransitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AlertTransitionError';
  }
}

const UNIQUE_VIOLATION = '23505';

/**
 * Alert persistence. Each change and its audit event are written in one transaction; the event row is also the
 * outbox from which `park.alerts.v1` is published, so a crash between commit and publish loses nothing.
 */
export class AlertRepository {
  constructor(private readonly dataSource: DataSource) {}

  findUnresolved(ruleId: string, deviceId: string): Promise<AlertEntity | null> {
    return this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('a')
      .where('a.rule_id = :ruleId AND a.device_id = :deviceId AND a.status <> :resolved', {
        ruleId,
        deviceId,
        resolved: 'resolved',
      })
      .getOne();
  }

  /**
   * Opens an alert, or — when one is already unresolved for (rule, device) — raises it: count + 1, worst value,
   * escalation if the level rose. Readings at or before the alert's last applied reading are ignored, so a
   * replay of the telemetry topic neither duplicates nor double-counts.
   */
  async trigger(input: TriggerInput): Promise<AlertEvent | null> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        return await this.dataSource.transaction('READ COMMITTED', (em) => this.triggerIn(em, input));
      } catch (error) {
        // Two consumers raced to open the same alert: the partial unique index refused one; retry as a raise.
        if (
          error instanceof QueryFailedError &&
          (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
        ) {
          continue;
        }
        throw error;
      }
    }
    throw new AlertTransitionError(`could not open or raise alert for ${input.ruleId}/${input.deviceId}`);
  }

  private async triggerIn(em: EntityManager, input: TriggerInput): Promise<AlertEvent | null> {
    const repo = em.getRepository(AlertEntity);
    const existing = await repo
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.rule_id = :ruleId AND a.device_id = :deviceId AND a.status <> :resolved', {
        ruleId: input.ruleId,
        deviceId: input.deviceId,
        resolved: 'resolved',
      })
      .getOne();
    const at = new Date(input.at);
    if (!existing) {
      // A reading at or before one an earlier (resolved) alert already applied is a replay: open nothing.
      const { latest } = (await repo
        .createQueryBuilder('a')
        .select('MAX(a.last_reading_ts)', 'latest')
        .where('a.rule_id = :ruleId AND a.device_id = :deviceId', {
          ruleId: input.ruleId,
          deviceId: input.deviceId,
        })
        .getRawOne<{ latest: string | null }>()) ?? { latest: null };
      if (latest !== null && input.readingTs <= Number(latest)) return null;
      const alert = repo.create({
        ruleId: input.ruleId,
        deviceId: input.deviceId,
        enterpriseId: input.enterpriseId,
        metric: input.metric,
        unit: input.unit,
        value: input.value,
        limitValue: input.limit,
        level: input.level,
        severity: input.severity,
        status: 'open',
        count: 1,
        openedAt: at,
        lastSeenAt: at,
        lastReadingTs: input.readingTs,
        acknowledgedAt: null,
        acknowledgedBy: null,
        resolvedAt: null,
        resolvedBy: null,
        resolutionNote: null,
        explanation: input.explanation,
      });
      await repo.save(alert);
      return this.recordEvent(em, alert.id, 'opened', at, null);
    }
    if (input.readingTs <= existing.lastReadingTs) return null;
    const escalated = input.level > existing.level;
    const worse = input.direction === 'above' ? input.value > existing.value : input.value < existing.value;
    await repo.update(existing.id, {
      count: existing.count + 1,
      lastSeenAt: at,
      lastReadingTs: input.readingTs,
      ...(escalated
        ? {
            level: input.level,
            severity: input.severity,
            limitValue: input.limit,
            explanation: input.explanation,
          }
        : {}),
      ...(worse ? { value: input.value } : {}),
    });
    return escalated ? this.recordEvent(em, existing.id, 'escalated', at, null) : null;
  }

  /** Auto-resolve when the rule's clear condition holds. */
  async clear(input: ClearInput): Promise<AlertEvent | null> {
    return this.dataSource.transaction('READ COMMITTED', async (em) => {
      const repo = em.getRepository(AlertEntity);
      const alert = await repo.findOne({ where: { id: input.alertId }, lock: { mode: 'pessimistic_write' } });
      if (!alert || alert.status === 'resolved' || input.readingTs <= alert.lastReadingTs) return null;
      const at = new Date(input.at);
      await repo.update(alert.id, {
        status: 'resolved',
        resolvedAt: at,
        resolvedBy: null,
        resolutionNote: input.explanation.zh,
        lastReadingTs: input.readingTs,
        lastSeenAt: at,
      });
      return this.recordEvent(em, alert.id, 'resolved', at, null);
    });
  }

  async acknowledge(alertId: string, actor: string, at: number): Promise<AlertEvent> {
    return this.dataSource.transaction('READ COMMITTED', async (em) => {
      const repo = em.getRepository(AlertEntity);
      const alert = await repo.findOne({ where: { id: alertId }, lock: { mode: 'pessimistic_write' } });
      if (!alert) throw new AlertNotFoundError(alertId);
      if (alert.status !== 'open')
        throw new AlertTransitionError(`alert is ${alert.status}, only an open alert can be acknowledged`);
      await repo.update(alert.id, {
        status: 'acknowledged',
        acknowledgedAt: new Date(at),
        acknowledgedBy: actor,
      });
      return this.recordEvent(em, alert.id, 'acknowledged', new Date(at), actor);
    });
  }

  async resolve(alertId: string, actor: string, note: string, at: number): Promise<AlertEvent> {
    return this.dataSource.transaction('READ COMMITTED', async (em) => {
      const repo = em.getRepository(AlertEntity);
      const alert = await repo.findOne({ where: { id: alertId }, lock: { mode: 'pessimistic_write' } });
      if (!alert) throw new AlertNotFoundError(alertId);
      if (alert.status === 'resolved') throw new AlertTransitionError('alert is already resolved');
      await repo.update(alert.id, {
        status: 'resolved',
        resolvedAt: new Date(at),
        resolvedBy: actor,
        resolutionNote: note,
      });
      return this.recordEvent(em, alert.id, 'resolved', new Date(at), actor);
    });
  }

  private async recordEvent(
    em: EntityManager,
    alertId: string,
    type: AlertEventType,
    at: Date,
    actor: string | null,
  ): Promise<AlertEvent> {
    const snapshot = await this.viewIn(em, alertId);
    const row = em.getRepository(AlertEventEntity).create({
      alertId,
      enterpriseId: snapshot.enterpriseId,
      type,
      at,
      actor,
      snapshot,
      publishedAt: null,
    });
    await em.getRepository(AlertEventEntity).save(row);
    return toAlertEvent(row);
  }

  async view(alertId: string, enterpriseScope: string | null = null): Promise<AlertView> {
    const view = await this.viewIn(this.dataSource.manager, alertId);
    if (enterpriseScope && view.enterpriseId !== enterpriseScope) throw new AlertNotFoundError(alertId);
    return view;
  }

  private async viewIn(em: EntityManager, alertId: string): Promise<AlertView> {
    const alert = await em.getRepository(AlertEntity).findOne({
      where: { id: alertId },
      relations: { rule: true, device: true, enterprise: true },
    });
    if (!alert) throw new AlertNotFoundError(alertId);
    return toView(alert);
  }

  /** The audit trail of one alert, oldest first (scoped like `view`). */
  async trail(alertId: string, enterpriseScope: string | null = null): Promise<AlertEvent[]> {
    await this.view(alertId, enterpriseScope);
    const rows = await this.dataSource
      .getRepository(AlertEventEntity)
      .find({ where: { alertId }, order: { seq: 'ASC' } });
    return rows.map(toAlertEvent);
  }

  /** Events after `seq` (for a reconnecting client), optionally confined to one enterprise. */
  async eventsAfter(seq: number, enterpriseId: string | null, limit: number): Promise<AlertEvent[]> {
    const rows = await this.dataSource.getRepository(AlertEventEntity).find({
      where: { seq: MoreThan(String(seq)), ...(enterpriseId ? { enterpriseId } : {}) },
      order: { seq: 'ASC' },
      take: limit,
    });
    return rows.map(toAlertEvent);
  }

  async list(filter: AlertListFilter): Promise<AlertView[]> {
    const alerts = await this.dataSource.getRepository(AlertEntity).find({
      where: {
        ...(filter.enterpriseId ? { enterpriseId: filter.enterpriseId } : {}),
        ...(filter.status ? { status: filter.status } : {}),
      },
      relations: { rule: true, device: true, enterprise: true },
      order: { openedAt: 'DESC' },
      take: filter.limit,
    });
    return alerts.map(toView);
  }
}

function toView(alert: AlertEntity): AlertView {
  if (!alert.rule || !alert.device || !alert.enterprise) throw new AlertNotFoundError(alert.id);
  return {
    id: alert.id,
    ruleId: alert.ruleId,
    ruleName: { zh: alert.rule.nameZh, en: alert.rule.nameEn },
    deviceId: alert.deviceId,
    deviceName: alert.device.name,
    location: alert.device.location,
    enterpriseId: alert.enterpriseId,
    enterpriseName: alert.enterprise.name,
    metric: alert.metric,
    unit: alert.unit,
    value: alert.value,
    limit: alert.limitValue,
    level: alert.level,
    severity: alert.severity as AlertSeverity,
    status: alert.status as AlertStatus,
    count: alert.count,
    openedAt: alert.openedAt.getTime(),
    lastSeenAt: alert.lastSeenAt.getTime(),
    acknowledgedAt: alert.acknowledgedAt?.getTime() ?? null,
    acknowledgedBy: alert.acknowledgedBy,
    resolvedAt: alert.resolvedAt?.getTime() ?? null,
    resolvedBy: alert.resolvedBy,
    resolutionNote: alert.resolutionNote,
    explanation: alert.explanation,
  };
}

export function toAlertEvent(row: AlertEventEntity): AlertEvent {
  return {
    v: 1,
    seq: Number(row.seq),
    type: row.type as AlertEventType,
    at: row.at.getTime(),
    actor: row.actor,
    alert: row.snapshot,
  };
}

import type {
  AlertEvent,
  AlertEventType,
  AlertSeverity,
  AlertStatus,
  AlertSubjectType,
  AlertView,
  Bilingual,
} from '@park/contracts';
import { type DataSource, type EntityManager, MoreThan } from 'typeorm';
import { AlertEntity } from './entities/alert.entity';
import { AlertEventEntity } from './entities/alert-event.entity';
import { lockForUpdate, perDialect, rowLockOption, sqliteTime } from './dialect';
import { WebhookRepository } from './webhook-repository';

export interface TriggerInput {
  readonly ruleId: string;
  readonly subjectType: AlertSubjectType;
  /** Device id, or line id (unique within the enterprise). */
  readonly subjectId: string;
  /** The device (for a line alert: the meter whose input confirmed it), when there is one. */
  readonly deviceId: string | null;
  readonly enterpriseId: string;
  readonly metric: string;
  readonly unit: string;
  readonly level: 1 | 2;
  readonly severity: AlertSeverity;
  /** What the engine says this trigger is: opened, escalated, de-escalated, continuing. */
  readonly change: 'opened' | 'escalated' | 'de-escalated' | 'continuing';
  readonly value: number;
  readonly limit: number;
  /** The time the verdict is about (device time). */
  readonly readingTs: number;
  readonly at: number;
  readonly explanation: Bilingual;
  /** A `repeated` event is published at most once per this many ms per alert (0: never). */
  readonly repeatEventEveryMs: number;
  /**
   * Asked only when this trigger would open a new alert, in the same transaction: the id of the maintenance window
   * that holds it back (the alert is then stored `suppressed`), or null.
   */
  readonly holdBack?: (em: EntityManager) => Promise<string | null>;
}

/** A suppressed alert whose window may have ended. */
export interface SuppressedAlert {
  readonly id: string;
  readonly subjectType: AlertSubjectType;
  readonly subjectId: string;
  readonly enterpriseId: string;
  readonly maintenanceId: string | null;
}

export interface ClearInput {
  readonly ruleId: string;
  readonly subjectType: AlertSubjectType;
  readonly subjectId: string;
  readonly enterpriseId: string;
  readonly readingTs: number;
  readonly at: number;
  readonly explanation: Bilingual;
  /** Resolve only a `suppressed` alert (a rule that does not auto-resolve: its held-back alert never went live). */
  readonly suppressedOnly?: boolean;
}

export interface AlertListFilter {
  readonly enterpriseId?: string | null;
  readonly status?: AlertStatus;
  readonly severity?: AlertSeverity;
  /** Rule kind (threshold, device-offline, treatment-power …). */
  readonly kind?: string;
  readonly ruleId?: string;
  readonly subjectId?: string;
  /** Opened at or after / before (epoch ms). */
  readonly from?: number;
  readonly to?: number;
  readonly limit: number;
}

/** How long an alert of each severity may stay unacknowledged before it is escalated (overdue). */
export type OverduePolicy = Readonly<Record<AlertSeverity, number>>;

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

/**
 * Alert persistence. Each change and its audit event are written in one transaction; the event row is also the
 * outbox from which `park.alerts.v1` is published, so a crash between commit and publish loses nothing.
 */
export class AlertRepository {
  private readonly webhooks: WebhookRepository;

  constructor(private readonly dataSource: DataSource) {
    this.webhooks = new WebhookRepository(dataSource);
  }

  /** Runs `work` in one READ COMMITTED transaction (the rules service: alert changes + engine state together). */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', work);
  }

  private findUnresolvedIn(
    em: EntityManager,
    key: { ruleId: string; subjectType: string; subjectId: string; enterpriseId: string },
  ): Promise<AlertEntity | null> {
    return lockForUpdate(em.getRepository(AlertEntity).createQueryBuilder('a'))
      .where(
        'a.rule_id = :ruleId AND a.subject_type = :subjectType AND a.enterprise_id = :enterpriseId AND a.subject_id = :subjectId AND a.status <> :resolved',
        {
          // Only the key: the caller's input carries more (a callback, even) than the query may bind.
          ruleId: key.ruleId,
          subjectType: key.subjectType,
          subjectId: key.subjectId,
          enterpriseId: key.enterpriseId,
          resolved: 'resolved',
        },
      )
      .getOne();
  }

  /**
   * Opens an alert, or — when one is already unresolved for (rule, subject) — raises it: count + 1, the value
   * furthest past the limit, the new level on escalation or de-escalation. The caller (the rules service) holds
   * the engine state in the same transaction, so a replayed input never reaches here twice.
   */
  async triggerIn(em: EntityManager, input: TriggerInput): Promise<AlertEvent | null> {
    const repo = em.getRepository(AlertEntity);
    const existing = await this.findUnresolvedIn(em, input);
    const at = new Date(input.at);
    if (!existing) {
      const heldBy = input.holdBack ? await input.holdBack(em) : null;
      const alert = repo.create({
        ruleId: input.ruleId,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        deviceId: input.deviceId,
        enterpriseId: input.enterpriseId,
        metric: input.metric,
        unit: input.unit,
        value: input.value,
        limitValue: input.limit,
        level: input.level,
        severity: input.severity,
        status: heldBy ? 'suppressed' : 'open',
        count: 1,
        openedAt: at,
        lastSeenAt: at,
        lastReadingTs: input.readingTs,
        acknowledgedAt: null,
        acknowledgedBy: null,
        resolvedAt: null,
        resolvedBy: null,
        resolutionNote: null,
        assignedTo: null,
        assignedAt: null,
        escalatedAt: null,
        lastRemindedAt: null,
        lastRepeatEventAt: null,
        maintenanceId: heldBy,
        suppressedAt: heldBy ? at : null,
        explanation: input.explanation,
      });
      await repo.save(alert);
      return this.recordEvent(em, alert.id, heldBy ? 'suppressed' : 'opened', at, null);
    }
    const levelChanged = input.level !== existing.level;
    const worse =
      levelChanged || Math.abs(input.value - input.limit) > Math.abs(existing.value - existing.limitValue);
    const repeatDue =
      !levelChanged &&
      input.repeatEventEveryMs > 0 &&
      (existing.lastRepeatEventAt === null ||
        input.at - existing.lastRepeatEventAt.getTime() >= input.repeatEventEveryMs);
    await repo.update(existing.id, {
      count: existing.count + 1,
      lastSeenAt: at,
      lastReadingTs: Math.max(existing.lastReadingTs, input.readingTs),
      ...(input.deviceId ? { deviceId: input.deviceId } : {}),
      ...(levelChanged
        ? {
            level: input.level,
            severity: input.severity,
            limitValue: input.limit,
            explanation: input.explanation,
          }
        : {}),
      ...(worse ? { value: input.value } : {}),
      ...(repeatDue ? { lastRepeatEventAt: at } : {}),
    });
    // Held back means silent: the row keeps counting and escalating, and its `opened` event carries it all.
    if (existing.status === 'suppressed') return null;
    if (levelChanged) {
      return this.recordEvent(
        em,
        existing.id,
        input.level > existing.level ? 'escalated' : 'de-escalated',
        at,
        null,
      );
    }
    return repeatDue ? this.recordEvent(em, existing.id, 'repeated', at, null) : null;
  }

  /** Auto-resolves the unresolved alert of (rule, subject), if any: the rule's clear condition holds. */
  async clearIn(em: EntityManager, input: ClearInput): Promise<AlertEvent | null> {
    const alert = await this.findUnresolvedIn(em, input);
    if (!alert || (input.suppressedOnly && alert.status !== 'suppressed')) return null;
    const at = new Date(input.at);
    await em.getRepository(AlertEntity).update(alert.id, {
      status: 'resolved',
      resolvedAt: at,
      resolvedBy: null,
      resolutionNote: `${input.explanation.zh} / ${input.explanation.en}`,
      lastReadingTs: Math.max(alert.lastReadingTs, input.readingTs),
      lastSeenAt: at,
    });
    return this.recordEvent(em, alert.id, 'resolved', at, null);
  }

  /**
   * Escalation by time: open (unacknowledged) alerts past their severity's limit are marked and published as
   * `overdue`; those already overdue get a `reminder` every `remindEveryMs` until someone acknowledges them.
   * SKIP LOCKED lets several rules instances run this without doubling events.
   */
  async escalateOverdue(
    now: number,
    policy: OverduePolicy,
    remindEveryMs: number,
    limit = 200,
  ): Promise<AlertEvent[]> {
    return this.transaction(async (em) => {
      const rows = await overdueAlertsIn(em, now, policy, remindEveryMs, limit);
      const events: AlertEvent[] = [];
      const at = new Date(now);
      for (const row of rows) {
        if (row.escalated_at === null) {
          await em.getRepository(AlertEntity).update(row.id, { escalatedAt: at });
          events.push(await this.recordEvent(em, row.id, 'overdue', at, null));
        } else {
          await em.getRepository(AlertEntity).update(row.id, { lastRemindedAt: at });
          events.push(await this.recordEvent(em, row.id, 'reminder', at, null));
        }
      }
      return events;
    });
  }

  /**
   * Puts suppressed alerts live whose window no longer holds them: `stillHeld` (the rules service's decision, in this
   * transaction) returns, for each alert still held, the window now holding it; every other one becomes `open`,
   * opened now (its overdue clock starts when officers can see it), with an `opened` event. Locked with SKIP LOCKED
   * so several rules instances never open one twice.
   */
  async releaseSuppressed(
    now: number,
    stillHeld: (
      em: EntityManager,
      alerts: readonly SuppressedAlert[],
    ) => Promise<ReadonlyMap<string, string>>,
    limit = 200,
  ): Promise<AlertEvent[]> {
    return this.transaction(async (em) => {
      const rows = await lockForUpdate(em.getRepository(AlertEntity).createQueryBuilder('a'), 'skip-locked')
        .where('a.status = :suppressed', { suppressed: 'suppressed' })
        .orderBy('a.openedAt', 'ASC')
        .take(limit)
        .getMany();
      if (rows.length === 0) return [];
      const alerts: SuppressedAlert[] = rows.map((r) => ({
        id: r.id,
        subjectType: r.subjectType === 'line' ? 'line' : 'device',
        subjectId: r.subjectId,
        enterpriseId: r.enterpriseId,
        maintenanceId: r.maintenanceId,
      }));
      const held = await stillHeld(em, alerts);
      const events: AlertEvent[] = [];
      const at = new Date(now);
      const repo = em.getRepository(AlertEntity);
      for (const alert of alerts) {
        const window = held.get(alert.id);
        if (window !== undefined) {
          if (window !== alert.maintenanceId) await repo.update(alert.id, { maintenanceId: window });
          continue;
        }
        await repo.update(alert.id, { status: 'open', openedAt: at, lastSeenAt: at });
        events.push(await this.recordEvent(em, alert.id, 'opened', at, null));
      }
      return events;
    });
  }

  async assign(alertId: string, actor: string, assignee: string, at: number): Promise<AlertEvent> {
    return this.transaction(async (em) => {
      const repo = em.getRepository(AlertEntity);
      const alert = await repo.findOne({ where: { id: alertId }, ...rowLockOption(em) });
      if (!alert) throw new AlertNotFoundError(alertId);
      if (alert.status === 'resolved') throw new AlertTransitionError('a resolved alert cannot be assigned');
      await repo.update(alert.id, { assignedTo: assignee, assignedAt: new Date(at) });
      return this.recordEvent(em, alert.id, 'assigned', new Date(at), actor);
    });
  }

  async acknowledge(alertId: string, actor: string, at: number): Promise<AlertEvent> {
    return this.dataSource.transaction('READ COMMITTED', async (em) => {
      const repo = em.getRepository(AlertEntity);
      const alert = await repo.findOne({ where: { id: alertId }, ...rowLockOption(em) });
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
      const alert = await repo.findOne({ where: { id: alertId }, ...rowLockOption(em) });
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
    const event = toAlertEvent(row);
    await this.webhooks.enqueueIn(em, event, at);
    return event;
  }

  async view(alertId: string, enterpriseScope: string | null = null): Promise<AlertView> {
    const view = await this.viewIn(this.dataSource.manager, alertId);
    if (enterpriseScope && view.enterpriseId !== enterpriseScope) throw new AlertNotFoundError(alertId);
    return view;
  }

  private async viewIn(em: EntityManager, alertId: string): Promise<AlertView> {
    const alert = await em.getRepository(AlertEntity).findOne({
      where: { id: alertId },
      relations: { rule: true, device: true, enterprise: true, maintenance: true },
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
    const q = this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('a')
      .leftJoinAndSelect('a.rule', 'rule')
      .leftJoinAndSelect('a.device', 'device')
      .leftJoinAndSelect('a.enterprise', 'enterprise')
      .leftJoinAndSelect('a.maintenance', 'maintenance')
      .orderBy('a.openedAt', 'DESC')
      .take(filter.limit);
    if (filter.enterpriseId)
      q.andWhere('a.enterprise_id = :enterpriseId', { enterpriseId: filter.enterpriseId });
    if (filter.status) q.andWhere('a.status = :status', { status: filter.status });
    if (filter.severity) q.andWhere('a.severity = :severity', { severity: filter.severity });
    if (filter.kind) q.andWhere('rule.kind = :kind', { kind: filter.kind });
    if (filter.ruleId) q.andWhere('a.rule_id = :ruleId', { ruleId: filter.ruleId });
    if (filter.subjectId) q.andWhere('a.subject_id = :subjectId', { subjectId: filter.subjectId });
    if (filter.from !== undefined) q.andWhere('a.opened_at >= :from', { from: new Date(filter.from) });
    if (filter.to !== undefined) q.andWhere('a.opened_at < :to', { to: new Date(filter.to) });
    return (await q.getMany()).map(toView);
  }
}

/** Open alerts due for an `overdue` or a `reminder` event, oldest first, locked (SKIP LOCKED on PostgreSQL). */
function overdueAlertsIn(
  em: EntityManager,
  now: number,
  policy: OverduePolicy,
  remindEveryMs: number,
  limit: number,
): Promise<{ id: string; escalated_at: Date | string | null }[]> {
  return perDialect(em, {
    postgres: () =>
      em.query(
        `SELECT id, severity, escalated_at, last_reminded_at, opened_at FROM alerts
          WHERE status = 'open'
            AND ((escalated_at IS NULL AND opened_at <= $1::timestamptz - make_interval(secs => (
                   CASE severity WHEN 'critical' THEN $2::float8 WHEN 'warning' THEN $3::float8 ELSE $4::float8 END) / 1000))
              OR (escalated_at IS NOT NULL AND COALESCE(last_reminded_at, escalated_at) <= $1::timestamptz - make_interval(secs => $5::float8 / 1000)))
          ORDER BY opened_at LIMIT $6
          FOR UPDATE SKIP LOCKED`,
        [new Date(now), policy.critical, policy.warning, policy.info, remindEveryMs, limit],
      ),
    // Timestamps are UTC text of one fixed width: the cut-offs are computed here and compared as text.
    sqlite: () =>
      em.query(
        `SELECT id, severity, escalated_at, last_reminded_at, opened_at FROM alerts
          WHERE status = 'open'
            AND ((escalated_at IS NULL AND opened_at <= CASE severity WHEN 'critical' THEN ? WHEN 'warning' THEN ? ELSE ? END)
              OR (escalated_at IS NOT NULL AND COALESCE(last_reminded_at, escalated_at) <= ?))
          ORDER BY opened_at LIMIT ?`,
        [
          sqliteTime(now - policy.critical),
          sqliteTime(now - policy.warning),
          sqliteTime(now - policy.info),
          sqliteTime(now - remindEveryMs),
          limit,
        ],
      ),
  });
}

function toView(alert: AlertEntity): AlertView {
  if (!alert.rule || !alert.enterprise) throw new AlertNotFoundError(alert.id);
  const enterprise = alert.enterprise;
  const isLine = alert.subjectType === 'line';
  return {
    id: alert.id,
    ruleId: alert.ruleId,
    ruleName: { zh: alert.rule.nameZh, en: alert.rule.nameEn },
    ruleKind: alert.rule.kind,
    subjectType: isLine ? 'line' : 'device',
    subjectId: alert.subjectId,
    deviceId: alert.deviceId ?? '',
    deviceName: isLine ? `产线 ${alert.subjectId}` : (alert.device?.name ?? alert.subjectId),
    location: alert.device?.location ?? null,
    enterpriseId: alert.enterpriseId,
    enterpriseName: enterprise.name,
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
    contacts:
      enterprise.contactName || enterprise.contactPhone
        ? [{ name: enterprise.contactName, phone: enterprise.contactPhone }]
        : [],
    assignedTo: alert.assignedTo,
    assignedAt: alert.assignedAt?.getTime() ?? null,
    escalatedAt: alert.escalatedAt?.getTime() ?? null,
    lastRemindedAt: alert.lastRemindedAt?.getTime() ?? null,
    suppressedAt: alert.suppressedAt?.getTime() ?? null,
    maintenance: alert.maintenance
      ? {
          id: alert.maintenance.id,
          reason: alert.maintenance.reason,
          startsAt: alert.maintenance.startsAt.getTime(),
          endsAt: Math.min(
            alert.maintenance.endsAt.getTime(),
            alert.maintenance.endedAt?.getTime() ?? Number.POSITIVE_INFINITY,
          ),
        }
      : null,
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

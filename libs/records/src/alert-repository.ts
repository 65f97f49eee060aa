import type {
  AlertEvent,
  AlertEventType,
  AlertSeverity,
  AlertStatus,
  AlertSubjectType,
  AlertView,
  Page,
} from '@park/contracts';
import { productionLineName } from '@park/contracts';
import { type DataSource, type EntityManager, In, MoreThan } from 'typeorm';
import {
  nextAlertState,
  type AlertClear,
  type AlertPolicy,
  type AlertState,
  type AlertTrigger,
  type AlertVerdict,
  type OverduePolicy,
} from './alert-lifecycle';
import { AlertEntity } from './entities/alert.entity';
import { AlertEventEntity } from './entities/alert-event.entity';
import { whereAlertsMatch, type AlertFilter } from './alert-filter';
import { lockForUpdate, perDialect, rowLockOption, sqliteTime } from './dialect';
import { EscalationRepository } from './escalation-repository';
import { NotificationRepository } from './notification-repository';
import { WebhookRepository } from './webhook-repository';

export interface TriggerInput extends AlertTrigger {
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

export interface ClearInput extends AlertClear {
  readonly ruleId: string;
  readonly subjectType: AlertSubjectType;
  readonly subjectId: string;
  readonly enterpriseId: string;
}

export interface AlertListFilter extends AlertFilter {
  readonly limit: number;
}

export class AlertNotFoundError extends Error {
  constructor(id: string) {
    super(`alert ${id} not found`);
    this.name = 'AlertNotFoundError';
  }
}

/**
 * Alert persistence. Each change and its audit event are written in one transaction; the event row is also the
 * outbox from which `park.alerts.v1` is published, so a crash between commit and publish loses nothing.
 */
export class AlertRepository {
  private readonly webhooks: WebhookRepository;
  private readonly notifications: NotificationRepository;
  private readonly escalations: EscalationRepository;

  constructor(private readonly dataSource: DataSource) {
    this.webhooks = new WebhookRepository(dataSource);
    this.notifications = new NotificationRepository(dataSource);
    this.escalations = new EscalationRepository(dataSource);
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
   * Opens an alert, or — when one is already unresolved for (rule, subject) — raises it (nextAlertState says how).
   * The caller (the rules service) holds the engine state in the same transaction, so a replayed input never
   * reaches here twice.
   */
  async triggerIn(em: EntityManager, input: TriggerInput): Promise<AlertEvent | null> {
    const existing = await this.findUnresolvedIn(em, input);
    // The maintenance windows are asked only when the trigger opens an alert.
    const maintenanceWindow = !existing && input.holdBack ? await input.holdBack(em) : null;
    const { holdBack: _holdBack, repeatEventEveryMs, ...trigger } = input;
    const events = await this.applyIn(
      em,
      existing,
      { kind: 'trigger', ...trigger },
      {
        repeatEventEveryMs,
        maintenanceWindow,
      },
    );
    return events[0] ?? null;
  }

  /** Auto-resolves the unresolved alert of (rule, subject), if any: the rule's clear condition holds. */
  async clearIn(em: EntityManager, input: ClearInput): Promise<AlertEvent | null> {
    const existing = await this.findUnresolvedIn(em, input);
    const events = await this.applyIn(em, existing, {
      kind: 'clear',
      readingTs: input.readingTs,
      at: input.at,
      explanation: input.explanation,
      suppressedOnly: input.suppressedOnly,
    });
    return events[0] ?? null;
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
      const due = await overdueAlertsIn(em, now, policy, remindEveryMs, limit);
      if (due.length === 0) return [];
      const rows = await em.getRepository(AlertEntity).findBy({ id: In(due.map((d) => d.id)) });
      const byId = new Map(rows.map((r) => [r.id, r]));
      const events: AlertEvent[] = [];
      for (const { id } of due) {
        const row = byId.get(id);
        if (!row) continue;
        events.push(
          ...(await this.applyIn(
            em,
            row,
            { kind: 'overdue-check', at: now },
            {
              overdue: { afterMs: policy, remindEveryMs },
            },
          )),
        );
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
      for (const row of rows) {
        events.push(
          ...(await this.applyIn(
            em,
            row,
            { kind: 'maintenance-check', at: now },
            {
              maintenanceWindow: held.get(row.id) ?? null,
            },
          )),
        );
      }
      return events;
    });
  }

  async assign(alertId: string, actor: string, assignee: string, at: number): Promise<AlertEvent> {
    return this.operate(alertId, { kind: 'assign', actor, assignee, at });
  }

  async acknowledge(alertId: string, actor: string, at: number): Promise<AlertEvent> {
    return this.operate(alertId, { kind: 'acknowledge', actor, at });
  }

  async resolve(alertId: string, actor: string, note: string, at: number): Promise<AlertEvent> {
    return this.operate(alertId, { kind: 'resolve', actor, note, at });
  }

  /** An officer's action on one alert: lock it, apply the transition, return its event. */
  private operate(alertId: string, verdict: AlertVerdict): Promise<AlertEvent> {
    return this.transaction(async (em) => {
      const row = await em
        .getRepository(AlertEntity)
        .findOne({ where: { id: alertId }, ...rowLockOption(em) });
      if (!row) throw new AlertNotFoundError(alertId);
      const [event] = await this.applyIn(em, row, verdict);
      return event;
    });
  }

  /** Applies `verdict` to the locked `row` (or to no alert): saves what nextAlertState returns, writes its events. */
  private async applyIn(
    em: EntityManager,
    row: AlertEntity | null,
    verdict: AlertVerdict,
    policy: AlertPolicy = {},
  ): Promise<AlertEvent[]> {
    const before = row ? alertStateOf(row) : null;
    const { next, opensNew, events } = nextAlertState(before, verdict, policy);
    const repo = em.getRepository(AlertEntity);
    let id = row?.id;
    if (next && opensNew) {
      const created = repo.create(alertColumns(next));
      await repo.save(created);
      id = created.id;
    } else if (next && before && row) {
      const changes = changedColumns(before, next);
      if (Object.keys(changes).length > 0) await repo.update(row.id, changes);
    }
    const written: AlertEvent[] = [];
    if (id === undefined) return written;
    for (const e of events) written.push(await this.recordEvent(em, id, e.type, new Date(e.at), e.actor));
    return written;
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
    // Queued with the event itself: a committed alert change always has its webhook and channel deliveries.
    await this.webhooks.enqueueIn(em, event, at);
    await this.notifications.enqueueIn(em, event, at);
    // The escalation chain's steps due at once (the officer on duty, the enterprise's safety contact …).
    await this.escalations.routeIn(em, event, at);
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
    const q = this.viewQuery(filter).orderBy('a.openedAt', 'DESC').take(filter.limit);
    return (await q.getMany()).map(toView);
  }

  /** One page of the alerts matching `filter`, newest first, with how many match in all (the alert history). */
  async page(filter: AlertFilter, page: number, pageSize: number): Promise<Page<AlertView>> {
    const q = this.viewQuery(filter)
      .orderBy('a.openedAt', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize);
    const [rows, total] = await q.getManyAndCount();
    return { items: rows.map(toView), total, page, pageSize };
  }

  /**
   * The alerts matching `filter` with everything their view shows joined — an enterprise removed since
   * (soft-deleted) too: its alerts stay in the history with its name.
   */
  private viewQuery(filter: AlertFilter) {
    const q = this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('a')
      .withDeleted()
      .leftJoinAndSelect('a.rule', 'rule')
      .leftJoinAndSelect('a.device', 'device')
      .leftJoinAndSelect('a.enterprise', 'enterprise')
      .leftJoinAndSelect('a.maintenance', 'maintenance');
    return whereAlertsMatch(q, filter);
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

/** The lifecycle's view of a stored alert. */
function alertStateOf(row: AlertEntity): AlertState {
  return {
    ruleId: row.ruleId,
    subjectType: row.subjectType === 'line' ? 'line' : 'device',
    subjectId: row.subjectId,
    deviceId: row.deviceId,
    enterpriseId: row.enterpriseId,
    metric: row.metric,
    unit: row.unit,
    value: row.value,
    limit: row.limitValue,
    level: row.level,
    severity: row.severity as AlertSeverity,
    status: row.status as AlertStatus,
    count: row.count,
    openedAt: row.openedAt.getTime(),
    lastSeenAt: row.lastSeenAt.getTime(),
    lastReadingTs: row.lastReadingTs,
    acknowledgedAt: row.acknowledgedAt?.getTime() ?? null,
    acknowledgedBy: row.acknowledgedBy,
    resolvedAt: row.resolvedAt?.getTime() ?? null,
    resolvedBy: row.resolvedBy,
    resolutionNote: row.resolutionNote,
    assignedTo: row.assignedTo,
    assignedAt: row.assignedAt?.getTime() ?? null,
    escalatedAt: row.escalatedAt?.getTime() ?? null,
    lastRemindedAt: row.lastRemindedAt?.getTime() ?? null,
    lastRepeatEventAt: row.lastRepeatEventAt?.getTime() ?? null,
    maintenanceId: row.maintenanceId,
    suppressedAt: row.suppressedAt?.getTime() ?? null,
    explanation: row.explanation,
  };
}

const dateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

type AlertColumns = Omit<AlertEntity, 'id' | 'rule' | 'device' | 'enterprise' | 'maintenance'>;

/** The columns of an alert state (every one but the id and the relations). */
function alertColumns(
  s: AlertState,
): Omit<AlertEntity, 'id' | 'rule' | 'device' | 'enterprise' | 'maintenance'> {
  return {
    ruleId: s.ruleId,
    subjectType: s.subjectType,
    subjectId: s.subjectId,
    deviceId: s.deviceId,
    enterpriseId: s.enterpriseId,
    metric: s.metric,
    unit: s.unit,
    value: s.value,
    limitValue: s.limit,
    level: s.level,
    severity: s.severity,
    status: s.status,
    count: s.count,
    openedAt: new Date(s.openedAt),
    lastSeenAt: new Date(s.lastSeenAt),
    lastReadingTs: s.lastReadingTs,
    acknowledgedAt: dateOrNull(s.acknowledgedAt),
    acknowledgedBy: s.acknowledgedBy,
    resolvedAt: dateOrNull(s.resolvedAt),
    resolvedBy: s.resolvedBy,
    resolutionNote: s.resolutionNote,
    assignedTo: s.assignedTo,
    assignedAt: dateOrNull(s.assignedAt),
    escalatedAt: dateOrNull(s.escalatedAt),
    lastRemindedAt: dateOrNull(s.lastRemindedAt),
    lastRepeatEventAt: dateOrNull(s.lastRepeatEventAt),
    maintenanceId: s.maintenanceId,
    suppressedAt: dateOrNull(s.suppressedAt),
    explanation: s.explanation,
  };
}

/** The columns `after` changed from `before`: the update writes only those. */
function changedColumns(before: AlertState, after: AlertState): Partial<AlertColumns> {
  const was = alertColumns(before) as Record<string, unknown>;
  const now = alertColumns(after) as Record<string, unknown>;
  const same = (a: unknown, b: unknown): boolean =>
    a instanceof Date && b instanceof Date
      ? a.getTime() === b.getTime()
      : typeof a === 'object' && a !== null
        ? JSON.stringify(a) === JSON.stringify(b)
        : a === b;
  return Object.fromEntries(Object.entries(now).filter(([key, value]) => !same(was[key], value)));
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
    deviceName: isLine ? productionLineName(alert.subjectId).zh : (alert.device?.name ?? alert.subjectId),
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

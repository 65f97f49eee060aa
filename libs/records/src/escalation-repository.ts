import type { AlertEvent, AlertSeverity, EscalationTarget } from '@park/contracts';
import {
  addressOn,
  dueSteps,
  heldForDigest,
  onDutyAt,
  stepRecipients,
  type ChannelKind,
  type DutyPerson,
  type DutyShift,
  type EscalationStep,
} from '@park/notifications';
import { In, LessThanOrEqual, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { toAlertEvent } from './alert-repository';
import { lockForUpdate, perDialect, sqliteTime } from './dialect';
import { AlertEntity } from './entities/alert.entity';
import { AlertEscalationEntity } from './entities/alert-escalation.entity';
import { AlertEventEntity } from './entities/alert-event.entity';
import { DutyShiftEntity } from './entities/duty-shift.entity';
import { EnterpriseEntity } from './entities/enterprise.entity';
import { EscalationStepEntity } from './entities/escalation-step.entity';
import { NotificationChannelEntity } from './entities/notification-channel.entity';
import { NotificationRepository } from './notification-repository';

/** A chain step that fired for an alert, and how many deliveries it queued. */
export interface FiredStep {
  readonly alertId: string;
  readonly position: number;
  readonly deliveries: number;
}

/** The alert events that route an alert to the chain at once: it opened, or its level rose (say to critical). */
const ROUTED_AT_EVENT: readonly string[] = ['opened', 'escalated'];

const MINUTE = 60_000;

/**
 * The escalation chain (升级链) at work: which steps are due for which alert is duty-routing.ts's decision
 * (@park/notifications); this reads what it needs — the chain, the roster at the instant, the alert's own
 * enterprise's safety contact — and queues one notification delivery per person and channel
 * (notification-repository.ts), in one transaction with the `alert_escalations` row that marks the step fired.
 *
 * That row's primary key (alert, position) is inserted with ON CONFLICT DO NOTHING: when two rules instances find a
 * step due at once, the second insert waits for the first transaction and then does nothing, and queues nothing.
 * Two paths fire steps, one rule decides for both: at an `opened` or `escalated` event, in the alert change's own
 * transaction (a step at 0 minutes goes out with the alert), and on the escalation tick for the later steps.
 */
export class EscalationRepository {
  private readonly notifications: NotificationRepository;

  constructor(private readonly dataSource: DataSource) {
    this.notifications = new NotificationRepository(dataSource);
  }

  /**
   * In the alert change's transaction: fires the steps already due at the event (the 0-minute ones, and for an
   * alert whose level rose, whatever its new severity lets through). Info alerts wait for the digest.
   */
  async routeIn(em: EntityManager, event: AlertEvent, at: Date): Promise<FiredStep[]> {
    if (!ROUTED_AT_EVENT.includes(event.type) || heldForDigest(event.alert.severity)) return [];
    const steps = await enabledSteps(em);
    if (steps.length === 0) return [];
    const alert = await em.getRepository(AlertEntity).findOneBy({ id: event.alert.id });
    if (!alert) return [];
    return this.fireIn(em, alert, event, steps, at.getTime());
  }

  /**
   * The escalation tick: for open (unacknowledged) warning and critical alerts that have chain steps left, fires
   * what is due at `now`. Each alert in its own short transaction, locked with SKIP LOCKED (a second rules instance
   * moves on to the next alert; the primary key guards the rest).
   */
  async fireDue(now: number, limit = 200): Promise<FiredStep[]> {
    const steps = await enabledSteps(this.dataSource.manager);
    if (steps.length === 0) return [];
    const earliest = Math.min(...steps.map((s) => s.afterMinutes));
    const candidates = await this.dataSource
      .getRepository(AlertEntity)
      .createQueryBuilder('a')
      .select('a.id', 'id')
      .where(`a.status = 'open' AND a.severity <> 'info' AND a.opened_at <= :cutoff`, {
        cutoff: new Date(now - earliest * MINUTE),
      })
      .andWhere('(SELECT COUNT(*) FROM alert_escalations e WHERE e.alert_id = a.id) < :steps', {
        steps: steps.length,
      })
      .orderBy('a.opened_at', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    const fired: FiredStep[] = [];
    for (const { id } of candidates) {
      fired.push(
        ...(await this.dataSource.transaction('READ COMMITTED', async (em) => {
          const alert = await lockForUpdate(
            em.getRepository(AlertEntity).createQueryBuilder('a'),
            'skip-locked',
          )
            .where('a.id = :id', { id })
            .getOne();
          if (!alert) return [];
          const latest = await em
            .getRepository(AlertEventEntity)
            .findOne({ where: { alertId: id }, order: { seq: 'DESC' } });
          if (!latest) return [];
          return this.fireIn(em, alert, toAlertEvent(latest), steps, now);
        })),
      );
    }
    return fired;
  }

  /** Which steps fired for an alert, by position. */
  async firedFor(alertId: string): Promise<FiredStep[]> {
    const rows = await this.dataSource
      .getRepository(AlertEscalationEntity)
      .find({ where: { alertId }, order: { position: 'ASC' } });
    return rows.map((r) => ({ alertId: r.alertId, position: r.position, deliveries: r.deliveries }));
  }

  /** Fires the steps due for the (locked) alert at `now`, each marked and its deliveries queued in `em`. */
  private async fireIn(
    em: EntityManager,
    alert: AlertEntity,
    event: AlertEvent,
    steps: readonly StepRow[],
    now: number,
  ): Promise<FiredStep[]> {
    const fired = await em.getRepository(AlertEscalationEntity).find({ where: { alertId: alert.id } });
    const enterprise = await em.getRepository(EnterpriseEntity).findOneBy({ id: alert.enterpriseId });
    const due = dueSteps(
      steps,
      {
        status: alert.status,
        severity: alert.severity as AlertSeverity,
        ruleKind: event.alert.ruleKind ?? null,
        enterpriseId: alert.enterpriseId,
        carrierId: enterprise?.carrierId ?? null,
        openedAt: alert.openedAt.getTime(),
      },
      new Set(fired.map((f) => f.position)),
      now,
    );
    if (due.length === 0) return [];
    const onDuty = await shiftsAt(em, now);
    const enterpriseContact = safetyContactOf(enterprise);
    const result: FiredStep[] = [];
    for (const step of due) {
      if (!(await markFired(em, alert.id, step.position, now))) continue;
      const people = stepRecipients(step, { onDuty, enterpriseContact });
      const channels = await channelsOf(em, step.channelIds, alert.enterpriseId);
      let deliveries = 0;
      for (const channel of channels) {
        for (const person of people) {
          const recipient = addressOn(channel.kind as ChannelKind, person);
          if (!recipient) continue;
          await this.notifications.enqueueForIn(em, channel.id, recipient, event, new Date(now));
          deliveries += 1;
        }
      }
      await em
        .getRepository(AlertEscalationEntity)
        .update({ alertId: alert.id, position: step.position }, { deliveries });
      result.push({ alertId: alert.id, position: step.position, deliveries });
    }
    return result;
  }
}

interface StepRow extends EscalationStep {
  readonly id: string;
}

async function enabledSteps(em: EntityManager): Promise<StepRow[]> {
  const rows = await em
    .getRepository(EscalationStepEntity)
    .find({ where: { enabled: true }, order: { position: 'ASC' } });
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    afterMinutes: r.afterMinutes,
    target: r.target as EscalationTarget,
    people: r.people,
    channelIds: r.channelIds,
    severities: r.severities,
    ruleKinds: r.ruleKinds,
    enterpriseIds: r.enterpriseIds,
    carrierIds: r.carrierIds,
    enabled: r.enabled,
  }));
}

async function shiftsAt(em: EntityManager, at: number): Promise<DutyShift[]> {
  const rows = await em.getRepository(DutyShiftEntity).find({
    where: { startsAt: LessThanOrEqual(new Date(at)), endsAt: MoreThan(new Date(at)) },
    order: { startsAt: 'ASC' },
  });
  return onDutyAt(
    rows.map((r) => ({
      duty: r.duty === 'leader' ? 'leader' : 'officer',
      name: r.personName,
      phone: r.phone,
      email: r.email,
      startsAt: r.startsAt.getTime(),
      endsAt: r.endsAt.getTime(),
    })),
    at,
  );
}

/** The enterprise's own safety contact; null when it has none (no name, or neither phone nor e-mail). */
export function safetyContactOf(enterprise: EnterpriseEntity | null): DutyPerson | null {
  if (!enterprise) return null;
  const phone = enterprise.safetyContactPhone;
  const email = enterprise.safetyContactEmail;
  if (!phone && !email) return null;
  return { name: enterprise.safetyContactName ?? `${enterprise.name}安全负责人`, phone, email };
}

/**
 * The step's enabled channels that may carry this alert: a channel scoped to one enterprise carries only that
 * enterprise's alerts, whoever the step names.
 */
async function channelsOf(
  em: EntityManager,
  ids: readonly string[],
  enterpriseId: string,
): Promise<NotificationChannelEntity[]> {
  if (ids.length === 0) return [];
  const rows = await em.getRepository(NotificationChannelEntity).findBy({ id: In([...ids]), enabled: true });
  return rows.filter((c) => c.enterpriseId === null || c.enterpriseId === enterpriseId);
}

/** Inserts the (alert, position) row unless it exists; true when this call inserted it (the step is ours to fire). */
async function markFired(
  em: EntityManager,
  alertId: string,
  position: number,
  now: number,
): Promise<boolean> {
  const rows = await perDialect(em, {
    postgres: () =>
      em.query<unknown[]>(
        `INSERT INTO alert_escalations (alert_id, position, fired_at, deliveries) VALUES ($1, $2, $3, 0)
          ON CONFLICT DO NOTHING RETURNING alert_id`,
        [alertId, position, new Date(now)],
      ),
    sqlite: () =>
      em.query<unknown[]>(
        `INSERT INTO alert_escalations (alert_id, position, fired_at, deliveries) VALUES (?, ?, ?, 0)
          ON CONFLICT DO NOTHING RETURNING alert_id`,
        [alertId, position, sqliteTime(now)],
      ),
  });
  return rows.length === 1;
}

import type { AlertSubjectType, MaintenanceWindow } from '@park/contracts';
import { Brackets, In, type DataSource, type EntityManager } from 'typeorm';
import { dialectOf, rowLockOption, sqliteTime } from './dialect';
import { DeviceEntity } from './entities/device.entity';
import { MaintenanceWindowEntity } from './entities/maintenance-window.entity';
import { recordAudit } from './park/audit-trail';
import { notFound, RecordsError } from './park/records-errors';

/** A maintenance window as the API and the rules service see it (epoch ms): the wire type. */
export type MaintenanceWindowView = MaintenanceWindow;

export interface MaintenanceWindowInput {
  readonly subjectType: AlertSubjectType;
  readonly subjectId: string;
  readonly enterpriseId: string;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly reason: string;
}

/** A subject a window can cover: a device, or a line of an enterprise. */
export interface MaintenanceSubject {
  readonly enterpriseId: string;
  readonly subjectType: AlertSubjectType;
  readonly subjectId: string;
}

export interface MaintenanceListFilter {
  readonly enterpriseId?: string | null;
  readonly subjectType?: AlertSubjectType;
  readonly subjectId?: string;
  /** Only windows that have not ended at this time (epoch ms). */
  readonly notEndedAt?: number;
  readonly limit: number;
}

/**
 * Maintenance windows (检修): created and ended by officers, each change with its audit entry in one transaction
 * (entity type `maintenance-window` in the audit log). Whether a window holds an alert back is decided by the rules
 * service (apps/rules/src/maintenance-hold.ts) from the rows read here.
 */
export class MaintenanceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(actor: string, input: MaintenanceWindowInput, now: number): Promise<MaintenanceWindowView> {
    return this.dataSource.transaction('READ COMMITTED', async (em) => {
      const repo = em.getRepository(MaintenanceWindowEntity);
      const row = await repo.save(
        repo.create({
          subjectType: input.subjectType,
          subjectId: input.subjectId,
          enterpriseId: input.enterpriseId,
          startsAt: new Date(input.startsAt),
          endsAt: new Date(input.endsAt),
          endedAt: null,
          endedBy: null,
          reason: input.reason,
          createdBy: actor,
          createdAt: new Date(now),
        }),
      );
      const view = toView(row);
      await recordAudit(em, {
        actor,
        action: 'create',
        entityType: 'maintenance-window',
        entityId: row.id,
        enterpriseId: row.enterpriseId,
        before: null,
        after: view,
      });
      return view;
    });
  }

  /**
   * Ends a window now (an officer's early end). A window that has already ended, or has not started (it is then
   * cut to nothing: ended at its start), cannot be ended again: RECORD_CONFLICT.
   */
  async end(
    actor: string,
    id: string,
    now: number,
    enterpriseScope: string | null,
  ): Promise<MaintenanceWindowView> {
    return this.dataSource.transaction('READ COMMITTED', async (em) => {
      const repo = em.getRepository(MaintenanceWindowEntity);
      const row = await repo.findOne({ where: { id }, ...rowLockOption(em) });
      if (!row || (enterpriseScope !== null && row.enterpriseId !== enterpriseScope))
        throw notFound('maintenance window', id);
      const before = toView(row);
      if (before.endedAt !== null || before.endsAt <= now)
        throw new RecordsError('RECORD_CONFLICT', `maintenance window ${id} has already ended`, {
          entity: 'maintenance window',
          id,
        });
      const endedAt = new Date(Math.max(now, before.startsAt));
      await repo.update(row.id, { endedAt, endedBy: actor });
      const after = { ...before, endedAt: endedAt.getTime(), endedBy: actor };
      await recordAudit(em, {
        actor,
        action: 'update',
        entityType: 'maintenance-window',
        entityId: row.id,
        enterpriseId: row.enterpriseId,
        before,
        after,
      });
      return after;
    });
  }

  async find(id: string, enterpriseScope: string | null): Promise<MaintenanceWindowView> {
    const row = await this.dataSource.getRepository(MaintenanceWindowEntity).findOneBy({ id });
    if (!row || (enterpriseScope !== null && row.enterpriseId !== enterpriseScope))
      throw notFound('maintenance window', id);
    return toView(row);
  }

  /** Newest start first. */
  async list(filter: MaintenanceListFilter): Promise<MaintenanceWindowView[]> {
    const q = this.dataSource
      .getRepository(MaintenanceWindowEntity)
      .createQueryBuilder('w')
      .orderBy('w.startsAt', 'DESC')
      .take(filter.limit);
    if (filter.enterpriseId) q.andWhere('w.enterprise_id = :scope', { scope: filter.enterpriseId });
    if (filter.subjectType) q.andWhere('w.subject_type = :type', { type: filter.subjectType });
    if (filter.subjectId) q.andWhere('w.subject_id = :subject', { subject: filter.subjectId });
    if (filter.notEndedAt !== undefined) {
      const at = timeParameter(this.dataSource.manager, filter.notEndedAt);
      q.andWhere('w.ends_at > :at AND (w.ended_at IS NULL OR w.ended_at > :at)', { at });
    }
    return (await q.getMany()).map(toView);
  }

  /**
   * The windows of these subjects that have not ended by `at` (the caller decides which of them cover `at`), read
   * in the caller's transaction so the decision and the alert it shapes commit together.
   */
  async notEndedForIn(
    em: EntityManager,
    subjects: readonly MaintenanceSubject[],
    at: number,
  ): Promise<MaintenanceWindowView[]> {
    if (subjects.length === 0) return [];
    const q = em.getRepository(MaintenanceWindowEntity).createQueryBuilder('w');
    const time = timeParameter(em, at);
    q.where('w.ends_at > :at AND (w.ended_at IS NULL OR w.ended_at > :at)', { at: time });
    q.andWhere(
      new Brackets((or) => {
        subjects.forEach((s, i) =>
          or.orWhere(`(w.enterprise_id = :e${i} AND w.subject_type = :t${i} AND w.subject_id = :s${i})`, {
            [`e${i}`]: s.enterpriseId,
            [`t${i}`]: s.subjectType,
            [`s${i}`]: s.subjectId,
          }),
        );
      }),
    );
    return (await q.getMany()).map(toView);
  }

  /** The enterprise of a device, or null when there is no such device. */
  async enterpriseOfDevice(deviceId: string): Promise<string | null> {
    const row = await this.dataSource
      .getRepository(DeviceEntity)
      .findOne({ select: { id: true, enterpriseId: true }, where: { id: deviceId } });
    return row?.enterpriseId ?? null;
  }

  /** Whether any device of the enterprise is on this production line (a line exists through its devices). */
  async lineExists(enterpriseId: string, line: string): Promise<boolean> {
    return this.dataSource.getRepository(DeviceEntity).exists({ where: { enterpriseId, line } });
  }

  /** The production line of each of these devices (a line's window covers its devices). */
  async linesOfIn(em: EntityManager, deviceIds: readonly string[]): Promise<Map<string, string | null>> {
    if (deviceIds.length === 0) return new Map();
    const rows = await em
      .getRepository(DeviceEntity)
      .find({ select: { id: true, line: true }, where: { id: In([...new Set(deviceIds)]) } });
    return new Map(rows.map((d) => [d.id, d.line]));
  }
}

/** A timestamp parameter as each dialect compares it (SQLite keeps UTC text; see `sqliteTime`). */
function timeParameter(em: EntityManager, at: number): Date | string {
  return dialectOf(em) === 'sqlite' ? sqliteTime(at) : new Date(at);
}

function toView(row: MaintenanceWindowEntity): MaintenanceWindowView {
  return {
    id: row.id,
    subjectType: row.subjectType === 'line' ? 'line' : 'device',
    subjectId: row.subjectId,
    enterpriseId: row.enterpriseId,
    startsAt: row.startsAt.getTime(),
    endsAt: row.endsAt.getTime(),
    endedAt: row.endedAt?.getTime() ?? null,
    endedBy: row.endedBy,
    reason: row.reason,
    createdBy: row.createdBy,
    createdAt: row.createdAt.getTime(),
  };
}

import {
  isOpenTask,
  periodEnd,
  periodProblem,
  periodWithin,
  PLAN_INDICATORS,
  PLAN_INDICATOR_UNITS,
  taskOverdueDays,
  type PlanIndicator,
  type PlanMonthlyReview,
  type PlanPeriodKind,
  type PlanReviewGroup,
  type PlanReviewIndicator,
  type PlanTaskStatus,
  type PlanTaskView,
} from '@park/contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { rowLockOption } from './dialect';
import { PlanTaskEntity } from './entities/plan-task.entity';
import { recordAudit, type AuditAction } from './park/audit-trail';
import { translateDbError } from './park/audited-store';
import { likeTerm, pageOf, type Page, type PageRequest } from './park/paging';
import { notFound, RecordsError } from './park/records-errors';
import { anyColumnLike } from './dialect';

export interface PlanTaskFilter {
  readonly year?: number;
  readonly periodKind?: PlanPeriodKind;
  readonly periodNumber?: number;
  readonly status?: PlanTaskStatus;
  readonly indicator?: PlanIndicator;
  /** 责任人, exact. */
  readonly ownerName?: string;
  readonly department?: string;
  readonly parentId?: string;
  /** Only open tasks past their due date (true) or only the others (false). */
  readonly overdue?: boolean;
  /** Title, partial. */
  readonly q?: string;
}

export const PLAN_TASK_SORTS = {
  dueOn: 't.due_on',
  title: 't.title',
  ownerName: 't.owner_name',
  department: 't.department',
  status: 't.status',
  updatedAt: 't.updated_at',
} as const;

export interface PlanTaskInput {
  readonly year: number;
  readonly periodKind: PlanPeriodKind;
  readonly periodNumber: number | null;
  readonly indicator: PlanIndicator | null;
  readonly parentId: string | null;
  readonly title: string;
  readonly description: string | null;
  readonly ownerName: string;
  readonly department: string;
  readonly contribution: number | null;
  readonly status: PlanTaskStatus;
  /** Null: the period's last day. */
  readonly dueOn: string | null;
  /** Only with status done; null: today. */
  readonly completedOn: string | null;
  readonly progressNote: string | null;
}

/** A change: any field; a status change to done sets completedOn (today unless given), away from done clears it. */
export type PlanTaskPatch = Partial<PlanTaskInput>;

const invalid = (field: string, message: string, details: Record<string, unknown> = {}) =>
  new RecordsError('INVALID_RECORD', `${field}: ${message}`, { field, ...details });

/**
 * 计划任务 (docs/analytics.md "Plan tasks"): the plan's yearly, quarterly and monthly tasks with their 责任人, every
 * write audited in its own transaction (entity type `plan-task`, park-wide: no enterprise). Deleting is soft.
 * `today` is the park's calendar day from the caller's clock.
 */
export class PlanTaskRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: PlanTaskFilter, page: PageRequest, today: string): Promise<Page<PlanTaskView>> {
    const qb = this.dataSource.getRepository(PlanTaskEntity).createQueryBuilder('t');
    if (filter.year !== undefined) qb.andWhere('t.year = :year', { year: filter.year });
    if (filter.periodKind) qb.andWhere('t.period_kind = :kind', { kind: filter.periodKind });
    if (filter.periodNumber !== undefined)
      qb.andWhere('t.period_number = :number', { number: filter.periodNumber });
    if (filter.status) qb.andWhere('t.status = :status', { status: filter.status });
    if (filter.indicator) qb.andWhere('t.indicator = :indicator', { indicator: filter.indicator });
    if (filter.ownerName) qb.andWhere('t.owner_name = :owner', { owner: filter.ownerName });
    if (filter.department) qb.andWhere('t.department = :department', { department: filter.department });
    if (filter.parentId) qb.andWhere('t.parent_id = :parent', { parent: filter.parentId });
    if (filter.q) qb.andWhere(anyColumnLike(this.dataSource, ['t.title'], 'q'), { q: likeTerm(filter.q) });
    const open = `t.status IN ('not-started', 'in-progress') AND t.due_on < :today`;
    if (filter.overdue === true) qb.andWhere(open, { today });
    if (filter.overdue === false) qb.andWhere(`NOT (${open})`, { today });
    const found = await pageOf(qb, page, PLAN_TASK_SORTS, 'dueOn');
    return { ...found, items: found.items.map((t) => planTaskView(t, today)) };
  }

  /** Every (not deleted) task of a year, by due date. */
  async ofYear(year: number): Promise<PlanTaskEntity[]> {
    return this.dataSource
      .getRepository(PlanTaskEntity)
      .find({ where: { year }, order: { dueOn: 'ASC', title: 'ASC', id: 'ASC' } });
  }

  async get(id: string, today: string): Promise<PlanTaskView> {
    return planTaskView(await this.row(this.dataSource.manager, id), today);
  }

  async create(actor: string, input: PlanTaskInput, today: string): Promise<PlanTaskView> {
    return this.dataSource.transaction(async (em) => {
      const values = await this.checked(em, input, today, null);
      const repo = em.getRepository(PlanTaskEntity);
      const saved = await repo.save(repo.create({ ...values, isDemo: false })).catch((e: unknown) => {
        throw translateDbError(e, 'plan task', repo.metadata.columns);
      });
      const row = await this.row(em, saved.id);
      await audited(em, actor, 'create', row.id, null, row);
      return planTaskView(row, today);
    });
  }

  async update(actor: string, id: string, patch: PlanTaskPatch, today: string): Promise<PlanTaskView> {
    return this.dataSource.transaction(async (em) => {
      const before = await this.row(em, id, true);
      const periodChanged =
        patch.year !== undefined || patch.periodKind !== undefined || patch.periodNumber !== undefined;
      const merged: PlanTaskInput = {
        year: patch.year ?? before.year,
        periodKind: patch.periodKind ?? before.periodKind,
        periodNumber: patch.periodNumber !== undefined ? patch.periodNumber : before.periodNumber,
        indicator: patch.indicator !== undefined ? patch.indicator : before.indicator,
        parentId: patch.parentId !== undefined ? patch.parentId : before.parentId,
        title: patch.title ?? before.title,
        description: patch.description !== undefined ? patch.description : before.description,
        ownerName: patch.ownerName ?? before.ownerName,
        department: patch.department ?? before.department,
        contribution: patch.contribution !== undefined ? patch.contribution : before.contribution,
        status: patch.status ?? before.status,
        // A new period without a new due date moves the due date to the new period's end.
        dueOn: patch.dueOn !== undefined ? patch.dueOn : periodChanged ? null : before.dueOn,
        completedOn:
          patch.completedOn !== undefined
            ? patch.completedOn
            : patch.status === 'done' && before.status !== 'done'
              ? null
              : before.completedOn,
        progressNote: patch.progressNote !== undefined ? patch.progressNote : before.progressNote,
      };
      const values = await this.checked(em, merged, today, before);
      const repo = em.getRepository(PlanTaskEntity);
      await repo.save({ ...before, ...values }).catch((e: unknown) => {
        throw translateDbError(e, 'plan task', repo.metadata.columns);
      });
      const row = await this.row(em, id);
      await audited(em, actor, 'update', id, before, row);
      return planTaskView(row, today);
    });
  }

  /** Soft-deletes a task; one that other (not deleted) tasks were split from is refused (RECORD_CONFLICT). */
  async remove(actor: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const before = await this.row(em, id, true);
      const children = await em.getRepository(PlanTaskEntity).countBy({ parentId: id });
      if (children > 0)
        throw new RecordsError(
          'RECORD_CONFLICT',
          `id: ${children} task(s) were split from this one; delete or move them first`,
          { field: 'id', children },
        );
      await em.getRepository(PlanTaskEntity).softDelete({ id });
      await audited(em, actor, 'delete', id, before, null);
    });
  }

  /** The values to store: the period checked, the parent's period containing this one, the due date and status. */
  private async checked(
    em: EntityManager,
    input: PlanTaskInput,
    today: string,
    self: PlanTaskEntity | null,
  ): Promise<Omit<PlanTaskEntity, 'id' | 'isDemo' | 'createdAt' | 'updatedAt' | 'deletedAt'>> {
    const problem = periodProblem(input.periodKind, input.periodNumber);
    if (problem) throw invalid('periodNumber', problem.replace(/^periodNumber: /, ''));
    if (input.indicator !== null && !(PLAN_INDICATORS as readonly string[]).includes(input.indicator))
      throw invalid('indicator', `one of ${PLAN_INDICATORS.join(', ')}`);
    let indicator = input.indicator;
    if (input.parentId !== null) {
      if (self && input.parentId === self.id) throw invalid('parentId', 'a task cannot be split from itself');
      const parent = await em.getRepository(PlanTaskEntity).findOneBy({ id: input.parentId });
      if (!parent) throw invalid('parentId', `no plan task ${input.parentId}`);
      if (!periodWithin(input, parent))
        throw invalid(
          'parentId',
          `the task's period must lie within the period of the task it is split from (${parent.year} ${parent.periodKind}${parent.periodNumber === null ? '' : ` ${parent.periodNumber}`})`,
        );
      if (parent.indicator !== null && indicator !== null && indicator !== parent.indicator)
        throw invalid('indicator', `the task it is split from counts towards ${parent.indicator}`);
      indicator = indicator ?? parent.indicator;
    }
    if (input.contribution !== null && indicator === null)
      throw invalid('contribution', 'a contribution counts towards an indicator: choose the indicator');
    const dueOn = input.dueOn ?? periodEnd(input.year, input.periodKind, input.periodNumber);
    let completedOn: string | null = null;
    if (input.status === 'done') {
      completedOn = input.completedOn ?? today;
      if (completedOn > today)
        throw invalid('completedOn', `a task is done once done: ${completedOn} is after today (${today})`);
    } else if (input.completedOn !== null && self?.completedOn !== input.completedOn)
      throw invalid('completedOn', 'only a done task has a completion day');
    return {
      year: input.year,
      periodKind: input.periodKind,
      periodNumber: input.periodNumber,
      indicator,
      parentId: input.parentId,
      title: input.title,
      description: input.description,
      ownerName: input.ownerName,
      department: input.department,
      contribution: input.contribution,
      status: input.status,
      dueOn,
      completedOn,
      progressNote: input.progressNote,
    };
  }

  private async row(em: EntityManager, id: string, lock = false): Promise<PlanTaskEntity> {
    const row = await em
      .getRepository(PlanTaskEntity)
      .findOne({ where: { id }, ...(lock ? rowLockOption(em) : {}) });
    if (!row) throw notFound('plan-task', id);
    return row;
  }
}

export function planTaskView(t: PlanTaskEntity, today: string): PlanTaskView {
  return {
    id: t.id,
    year: t.year,
    periodKind: t.periodKind,
    periodNumber: t.periodNumber,
    indicator: t.indicator,
    parentId: t.parentId,
    title: t.title,
    description: t.description,
    ownerName: t.ownerName,
    department: t.department,
    contribution: t.contribution,
    unit: t.indicator ? PLAN_INDICATOR_UNITS[t.indicator] : null,
    status: t.status,
    dueOn: t.dueOn,
    completedOn: t.completedOn,
    progressNote: t.progressNote,
    overdueDays: taskOverdueDays(t, today),
    isDemo: t.isDemo,
    createdAt: new Date(t.createdAt).toISOString(),
    updatedAt: new Date(t.updatedAt).toISOString(),
  };
}

/** An indicator's target and current value as the plan dashboard has them (GET /api/analytics/progress). */
export interface IndicatorStanding {
  readonly indicator: PlanIndicator;
  readonly unit: string;
  readonly value: number | null;
  readonly target: number | null;
  readonly comparator: 'gt' | 'gte' | null;
}

const sum = (xs: readonly (number | null)[]) =>
  Math.round(xs.reduce<number>((a, x) => a + (x ?? 0), 0) * 1000) / 1000;

/**
 * 月度督查 of `year`-`month` from the year's tasks (pure): due this month (not cancelled), overdue (open, due on or
 * before the month's end and past due on `today`), done this month; counts by department and owner; per indicator
 * the dashboard's target and value beside the tasks' contributions.
 */
export function monthlyReview(
  tasks: readonly PlanTaskEntity[],
  year: number,
  month: number,
  today: string,
  standings: readonly IndicatorStanding[],
): PlanMonthlyReview {
  const monthStart = `${year}-${String(month).padStart(2, '0')}-01`;
  const monthEnd = periodEnd(year, 'month', month);
  const inMonth = (d: string | null) => d !== null && d >= monthStart && d <= monthEnd;
  const isDue = (t: PlanTaskEntity) => t.status !== 'cancelled' && inMonth(t.dueOn);
  const isOverdue = (t: PlanTaskEntity) => isOpenTask(t.status) && t.dueOn <= monthEnd && t.dueOn < today;
  const isDone = (t: PlanTaskEntity) => t.status === 'done' && inMonth(t.completedOn);
  const views = (pick: (t: PlanTaskEntity) => boolean) =>
    tasks.filter(pick).map((t) => planTaskView(t, today));
  const groups = (key: (t: PlanTaskEntity) => string): PlanReviewGroup[] => {
    const by = new Map<string, { due: number; overdue: number; done: number }>();
    for (const t of tasks) {
      const counts = { due: isDue(t) ? 1 : 0, overdue: isOverdue(t) ? 1 : 0, done: isDone(t) ? 1 : 0 };
      if (counts.due + counts.overdue + counts.done === 0) continue;
      const g = by.get(key(t)) ?? { due: 0, overdue: 0, done: 0 };
      by.set(key(t), {
        due: g.due + counts.due,
        overdue: g.overdue + counts.overdue,
        done: g.done + counts.done,
      });
    }
    return [...by.entries()]
      .map(([name, g]) => ({ name, ...g }))
      .sort((a, b) => b.overdue - a.overdue || b.due - a.due || a.name.localeCompare(b.name, 'zh-CN'));
  };
  const splitFurther = new Set(
    tasks.filter((t) => t.parentId !== null && t.status !== 'cancelled').map((t) => t.parentId),
  );
  const indicators: PlanReviewIndicator[] = PLAN_INDICATORS.map((indicator) => {
    const standing = standings.find((s) => s.indicator === indicator);
    const mine = tasks.filter((t) => t.indicator === indicator);
    const live = mine.filter((t) => t.status !== 'cancelled');
    return {
      indicator,
      unit: standing?.unit ?? PLAN_INDICATOR_UNITS[indicator],
      target: standing?.target ?? null,
      comparator: standing?.comparator ?? null,
      value: standing?.value ?? null,
      yearlyContribution: sum(live.filter((t) => t.periodKind === 'year').map((t) => t.contribution)),
      quarterlyContribution: sum(live.filter((t) => t.periodKind === 'quarter').map((t) => t.contribution)),
      monthlyContribution: sum(live.filter((t) => t.periodKind === 'month').map((t) => t.contribution)),
      doneContribution: sum(
        mine.filter((t) => t.status === 'done' && !splitFurther.has(t.id)).map((t) => t.contribution),
      ),
      tasks: live.length,
      openTasks: mine.filter((t) => isOpenTask(t.status)).length,
      overdueTasks: mine.filter((t) => isOpenTask(t.status) && t.dueOn < today).length,
    };
  });
  const overdue = views(isOverdue).sort(
    (a, b) => b.overdueDays - a.overdueDays || a.title.localeCompare(b.title),
  );
  return {
    year,
    month,
    asOf: today,
    dueThisMonth: views(isDue),
    overdue,
    doneThisMonth: views(isDone),
    byDepartment: groups((t) => t.department),
    byOwner: groups((t) => t.ownerName),
    indicators,
  };
}

function audited(
  em: EntityManager,
  actor: string,
  action: AuditAction,
  entityId: string,
  before: object | null,
  after: object | null,
): Promise<void> {
  return recordAudit(em, {
    actor,
    action,
    entityType: 'plan-task',
    entityId,
    enterpriseId: null,
    before,
    after,
  });
}

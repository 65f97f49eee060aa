import {
  daysBetween,
  nextProjectStage,
  PROJECT_STAGES,
  type ProjectActualView,
  type ProjectDetailView,
  type ProjectMilestoneView,
  type ProjectStage,
  type ProjectView,
  type SupervisionListView,
} from '@park/contracts';
import { In, IsNull, LessThan, type DataSource, type EntityManager } from 'typeorm';
import { rowLockOption, anyColumnLike } from './dialect';
import { EnterpriseEntity } from './entities/enterprise.entity';
import { LandParcelEntity } from './entities/land-parcel.entity';
import { ProjectActualEntity } from './entities/project-actual.entity';
import { ProjectMilestoneEntity } from './entities/project-milestone.entity';
import { ProjectEntity } from './entities/project.entity';
import { recordAudit, type AuditAction } from './park/audit-trail';
import { translateDbError } from './park/audited-store';
import { likeTerm, pageOf, type Page, type PageRequest } from './park/paging';
import { notFound, RecordsError } from './park/records-errors';

export interface ProjectFilter {
  readonly q?: string;
  readonly stage?: ProjectStage;
  /** The enterprise asked for, or the energy manager's own (the service sets the scope). */
  readonly enterpriseId?: string | null;
  readonly parcelId?: string;
  /** Only projects with (true) or without (false) an open milestone past its due date. */
  readonly overdue?: boolean;
}

export const PROJECT_SORTS = {
  signedOn: 'p.signed_on',
  name: 'p.name',
  stage: 'p.stage',
  updatedAt: 'p.updated_at',
} as const;

/** What a project is created with; the stage starts at 签约 on `signedOn`. */
export interface ProjectInput {
  readonly name: string;
  readonly enterpriseId: string;
  readonly parcelId: string | null;
  readonly signedOn: string;
  readonly promisedInvestment: number | null;
  readonly promisedSales: number | null;
  readonly promisedTax: number | null;
  readonly ownerName: string;
  readonly department: string;
  readonly note: string | null;
}

/** A change to a project: any of its fields except the stage, which only `advance` moves. */
export type ProjectPatch = Partial<ProjectInput>;

export interface MilestoneInput {
  readonly title: string;
  readonly dueOn: string;
  readonly ownerName: string;
  readonly department: string;
}

export interface ActualInput {
  readonly investment: number | null;
  readonly sales: number | null;
  readonly tax: number | null;
}

/** The column that holds the day each stage was reached. */
const STAGE_DATE = {
  signed: 'signedOn',
  started: 'startedOn',
  completed: 'completedOn',
  producing: 'producingOn',
} as const satisfies Record<ProjectStage, keyof ProjectEntity>;

/** How the stages read in an error (the API's words are English; the Chinese is what staff call them). */
const STAGE_WORDS: Record<ProjectStage, string> = {
  signed: '签约 (signed)',
  started: '开工 (started)',
  completed: '竣工 (completed)',
  producing: '达产 (producing)',
};

const invalid = (field: string, message: string, details: Record<string, unknown> = {}) =>
  new RecordsError('INVALID_RECORD', `${field}: ${message}`, { field, ...details });

/**
 * 重点项目 (docs/records.md "Projects"): projects, their milestones and yearly actuals, every write audited in its
 * own transaction (entity types `project`, `project-milestone`, `project-actual`, each under the project's
 * enterprise so its trail reads alone). Days are the park's calendar days; `today` comes from the caller's clock.
 */
export class ProjectRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: ProjectFilter, page: PageRequest, today: string): Promise<Page<ProjectView>> {
    const qb = this.dataSource.getRepository(ProjectEntity).createQueryBuilder('p');
    if (filter.enterpriseId)
      qb.andWhere('p.enterprise_id = :enterprise', { enterprise: filter.enterpriseId });
    if (filter.parcelId) qb.andWhere('p.parcel_id = :parcel', { parcel: filter.parcelId });
    if (filter.stage) qb.andWhere('p.stage = :stage', { stage: filter.stage });
    if (filter.q) qb.andWhere(anyColumnLike(this.dataSource, ['p.name'], 'q'), { q: likeTerm(filter.q) });
    if (filter.overdue !== undefined)
      qb.andWhere(
        `${filter.overdue ? '' : 'NOT '}EXISTS (SELECT 1 FROM project_milestones m
          WHERE m.project_id = p.id AND m.done_on IS NULL AND m.due_on < :today)`,
        { today },
      );
    const found = await pageOf(qb, page, PROJECT_SORTS, 'signedOn');
    const views = await this.views(this.dataSource.manager, found.items, today);
    return { ...found, items: views };
  }

  /** One project with its milestones and actuals; `RECORD_NOT_FOUND` when there is none. */
  async get(id: string, today: string): Promise<ProjectDetailView> {
    return this.detail(this.dataSource.manager, await this.row(this.dataSource.manager, id), today);
  }

  /** The enterprise a project belongs to (for the caller's scope check), or not found. */
  async enterpriseOf(id: string): Promise<string> {
    return (await this.row(this.dataSource.manager, id)).enterpriseId;
  }

  async create(actor: string, input: ProjectInput, today: string): Promise<ProjectDetailView> {
    if (input.signedOn > today) throw invalid('signedOn', `a signing date cannot be after today (${today})`);
    return this.dataSource.transaction(async (em) => {
      await this.checkLinks(em, input.enterpriseId, input.parcelId);
      const repo = em.getRepository(ProjectEntity);
      const saved = await repo.save(repo.create({ ...input, stage: 'signed' })).catch((e: unknown) => {
        throw translateDbError(e, 'project', repo.metadata.columns);
      });
      const row = await this.row(em, saved.id);
      await audited(em, actor, 'create', 'project', row.id, row.enterpriseId, null, row);
      return this.detail(em, row, today);
    });
  }

  async update(actor: string, id: string, patch: ProjectPatch, today: string): Promise<ProjectDetailView> {
    return this.dataSource.transaction(async (em) => {
      const before = await this.row(em, id, true);
      const after = { ...before, ...patch };
      if (patch.signedOn !== undefined) {
        if (patch.signedOn > today)
          throw invalid('signedOn', `a signing date cannot be after today (${today})`);
        if (before.startedOn && patch.signedOn > before.startedOn)
          throw invalid('signedOn', `the project started on ${before.startedOn}; it was signed before that`);
      }
      if (patch.enterpriseId !== undefined || patch.parcelId !== undefined)
        await this.checkLinks(em, after.enterpriseId, after.parcelId);
      const repo = em.getRepository(ProjectEntity);
      await repo.save(after).catch((e: unknown) => {
        throw translateDbError(e, 'project', repo.metadata.columns);
      });
      const row = await this.row(em, id);
      await audited(em, actor, 'update', 'project', id, row.enterpriseId, before, row);
      return this.detail(em, row, today);
    });
  }

  /**
   * Moves the project one stage forward, reached on `on`: 签约 → 开工 → 竣工 → 达产 and nothing else. A skipped stage,
   * a step back or standing still is `PROJECT_STAGE_ORDER`; a day before the previous stage's or after today is
   * `INVALID_RECORD` on `on`.
   */
  async advance(
    actor: string,
    id: string,
    to: ProjectStage,
    on: string,
    today: string,
  ): Promise<ProjectDetailView> {
    return this.dataSource.transaction(async (em) => {
      const before = await this.row(em, id, true);
      const next = nextProjectStage(before.stage);
      if (to !== next) {
        const why =
          next === null
            ? `the project is already at ${STAGE_WORDS[before.stage]}, the last stage`
            : PROJECT_STAGES.indexOf(to) <= PROJECT_STAGES.indexOf(before.stage)
              ? `a project cannot go back or stay: it is at ${STAGE_WORDS[before.stage]}, the next stage is ${STAGE_WORDS[next]}`
              : `a project advances one stage at a time: it is at ${STAGE_WORDS[before.stage]}, the next stage is ${STAGE_WORDS[next]}, not ${STAGE_WORDS[to]}`;
        throw new RecordsError('PROJECT_STAGE_ORDER', `stage: ${why}`, {
          field: 'stage',
          current: before.stage,
          expected: next,
        });
      }
      const previousDay = before[STAGE_DATE[before.stage]] as string;
      if (on < previousDay)
        throw invalid(
          'on',
          `${STAGE_WORDS[to]} cannot be before ${STAGE_WORDS[before.stage]} on ${previousDay}`,
          {
            earliest: previousDay,
          },
        );
      if (on > today)
        throw invalid('on', `a stage is recorded once reached: ${on} is after today (${today})`);
      const repo = em.getRepository(ProjectEntity);
      await repo.save({ ...before, stage: to, [STAGE_DATE[to]]: on });
      const row = await this.row(em, id);
      await audited(em, actor, 'update', 'project', id, row.enterpriseId, before, row);
      return this.detail(em, row, today);
    });
  }

  async addMilestone(
    actor: string,
    projectId: string,
    input: MilestoneInput,
    today: string,
  ): Promise<ProjectMilestoneView> {
    return this.dataSource.transaction(async (em) => {
      const project = await this.row(em, projectId, true);
      assertDueOn(project, input.dueOn);
      const repo = em.getRepository(ProjectMilestoneEntity);
      const saved = await repo.save(repo.create({ ...input, projectId, isDemo: false }));
      const row = await this.milestoneRow(em, projectId, saved.id);
      await audited(em, actor, 'create', 'project-milestone', row.id, project.enterpriseId, null, row);
      return milestoneView(row, today);
    });
  }

  async updateMilestone(
    actor: string,
    projectId: string,
    milestoneId: string,
    patch: Partial<MilestoneInput>,
    today: string,
  ): Promise<ProjectMilestoneView> {
    return this.dataSource.transaction(async (em) => {
      const project = await this.row(em, projectId, true);
      const before = await this.milestoneRow(em, projectId, milestoneId);
      if (patch.dueOn !== undefined) assertDueOn(project, patch.dueOn);
      await em.getRepository(ProjectMilestoneEntity).save({ ...before, ...patch });
      const row = await this.milestoneRow(em, projectId, milestoneId);
      await audited(em, actor, 'update', 'project-milestone', row.id, project.enterpriseId, before, row);
      return milestoneView(row, today);
    });
  }

  /** Marks a milestone done on `doneOn` (not after today, not before the project was signed); done once. */
  async completeMilestone(
    actor: string,
    projectId: string,
    milestoneId: string,
    doneOn: string,
    today: string,
  ): Promise<ProjectMilestoneView> {
    return this.dataSource.transaction(async (em) => {
      const project = await this.row(em, projectId, true);
      const before = await this.milestoneRow(em, projectId, milestoneId);
      if (before.doneOn !== null)
        throw new RecordsError(
          'RECORD_CONFLICT',
          `doneOn: this milestone was already done on ${before.doneOn}`,
          {
            field: 'doneOn',
            doneOn: before.doneOn,
          },
        );
      if (doneOn > today)
        throw invalid('doneOn', `a milestone is done once done: ${doneOn} is after today (${today})`);
      if (doneOn < project.signedOn)
        throw invalid('doneOn', `before the project was signed (${project.signedOn})`, {
          earliest: project.signedOn,
        });
      await em.getRepository(ProjectMilestoneEntity).save({ ...before, doneOn });
      const row = await this.milestoneRow(em, projectId, milestoneId);
      await audited(em, actor, 'update', 'project-milestone', row.id, project.enterpriseId, before, row);
      return milestoneView(row, today);
    });
  }

  /** Sets what the project reached in `year` (from its signing year to this one); the same figures again write nothing. */
  async upsertActual(
    actor: string,
    projectId: string,
    year: number,
    input: ActualInput,
    today: string,
  ): Promise<ProjectActualView> {
    return this.dataSource.transaction(async (em) => {
      const project = await this.row(em, projectId, true);
      const first = Number(project.signedOn.slice(0, 4));
      const last = Number(today.slice(0, 4));
      if (year < first || year > last)
        throw invalid('year', `a project's actuals run from its signing year ${first} to ${last}`, {
          earliest: first,
          latest: last,
        });
      const repo = em.getRepository(ProjectActualEntity);
      const before = await repo.findOneBy({ projectId, year });
      const values = { investment: input.investment, sales: input.sales, tax: input.tax };
      const saved = await repo.save(
        before ? { ...before, ...values } : repo.create({ projectId, year, ...values }),
      );
      const row = await repo.findOneByOrFail({ id: saved.id });
      await audited(
        em,
        actor,
        before ? 'update' : 'create',
        'project-actual',
        row.id,
        project.enterpriseId,
        before,
        row,
      );
      return actualView(row);
    });
  }

  /** 督办清单: every open milestone past its due date, most overdue first, within the scope. */
  async supervision(today: string, enterpriseId: string | null): Promise<SupervisionListView> {
    const qb = this.dataSource
      .getRepository(ProjectMilestoneEntity)
      .createQueryBuilder('m')
      .innerJoin(ProjectEntity, 'p', 'p.id = m.project_id')
      .where('m.done_on IS NULL')
      .andWhere('m.due_on < :today', { today })
      .orderBy('m.due_on', 'ASC')
      .addOrderBy('m.id', 'ASC');
    if (enterpriseId) qb.andWhere('p.enterprise_id = :enterprise', { enterprise: enterpriseId });
    const milestones = await qb.getMany();
    const projects = await this.dataSource
      .getRepository(ProjectEntity)
      .findBy({ id: In([...new Set(milestones.map((m) => m.projectId))]) });
    const views = new Map((await this.views(this.dataSource.manager, projects, today)).map((p) => [p.id, p]));
    return {
      asOf: today,
      items: milestones.map((m) => {
        const project = views.get(m.projectId)!;
        return {
          milestone: milestoneView(m, today),
          projectId: project.id,
          projectName: project.name,
          stage: project.stage,
          enterpriseId: project.enterpriseId,
          enterpriseName: project.enterpriseName,
        };
      }),
    };
  }

  private async row(em: EntityManager, id: string, lock = false): Promise<ProjectEntity> {
    const row = await em
      .getRepository(ProjectEntity)
      .findOne({ where: { id }, ...(lock ? rowLockOption(em) : {}) });
    if (!row) throw notFound('project', id);
    return row;
  }

  private async milestoneRow(
    em: EntityManager,
    projectId: string,
    id: string,
  ): Promise<ProjectMilestoneEntity> {
    const row = await em.getRepository(ProjectMilestoneEntity).findOneBy({ id, projectId });
    if (!row) throw notFound('project-milestone', id);
    return row;
  }

  private async checkLinks(em: EntityManager, enterpriseId: string, parcelId: string | null): Promise<void> {
    if (!(await em.getRepository(EnterpriseEntity).existsBy({ id: enterpriseId })))
      throw invalid('enterpriseId', `no enterprise ${enterpriseId}`);
    if (parcelId && !(await em.getRepository(LandParcelEntity).existsBy({ id: parcelId })))
      throw invalid('parcelId', `no parcel ${parcelId}`);
  }

  private async detail(em: EntityManager, row: ProjectEntity, today: string): Promise<ProjectDetailView> {
    const [view] = await this.views(em, [row], today);
    const milestones = await em
      .getRepository(ProjectMilestoneEntity)
      .find({ where: { projectId: row.id }, order: { dueOn: 'ASC', title: 'ASC' } });
    const actuals = await em
      .getRepository(ProjectActualEntity)
      .find({ where: { projectId: row.id }, order: { year: 'ASC' } });
    return {
      ...view,
      milestones: milestones.map((m) => milestoneView(m, today)),
      actuals: actuals.map(actualView),
    };
  }

  /** The rows as views, with their enterprise's and parcel's names and how many milestones are overdue. */
  private async views(
    em: EntityManager,
    rows: readonly ProjectEntity[],
    today: string,
  ): Promise<ProjectView[]> {
    if (rows.length === 0) return [];
    const enterprises = await em
      .getRepository(EnterpriseEntity)
      .find({ where: { id: In(rows.map((r) => r.enterpriseId)) }, withDeleted: true });
    const parcelIds = rows.map((r) => r.parcelId).filter((id): id is string => id !== null);
    const parcels = parcelIds.length
      ? await em.getRepository(LandParcelEntity).find({ where: { id: In(parcelIds) }, withDeleted: true })
      : [];
    const overdue = await em.getRepository(ProjectMilestoneEntity).find({
      select: { projectId: true },
      where: { projectId: In(rows.map((r) => r.id)), doneOn: IsNull(), dueOn: LessThan(today) },
    });
    const enterpriseName = new Map(enterprises.map((e) => [e.id, e.name]));
    const parcelName = new Map(parcels.map((p) => [p.id, `${p.name}（${p.code}）`]));
    return rows.map((p) => ({
      id: p.id,
      name: p.name,
      enterpriseId: p.enterpriseId,
      enterpriseName: enterpriseName.get(p.enterpriseId) ?? '',
      parcelId: p.parcelId,
      parcelName: p.parcelId ? (parcelName.get(p.parcelId) ?? null) : null,
      stage: p.stage,
      stageDates: {
        signed: p.signedOn,
        started: p.startedOn,
        completed: p.completedOn,
        producing: p.producingOn,
      },
      promisedInvestment: p.promisedInvestment,
      promisedSales: p.promisedSales,
      promisedTax: p.promisedTax,
      ownerName: p.ownerName,
      department: p.department,
      note: p.note,
      overdueMilestones: overdue.filter((m) => m.projectId === p.id).length,
      createdAt: new Date(p.createdAt).toISOString(),
      updatedAt: new Date(p.updatedAt).toISOString(),
    }));
  }
}

function assertDueOn(project: ProjectEntity, dueOn: string): void {
  if (dueOn < project.signedOn)
    throw invalid('dueOn', `before the project was signed (${project.signedOn})`, {
      earliest: project.signedOn,
    });
}

function milestoneView(m: ProjectMilestoneEntity, today: string): ProjectMilestoneView {
  return {
    id: m.id,
    projectId: m.projectId,
    title: m.title,
    dueOn: m.dueOn,
    doneOn: m.doneOn,
    ownerName: m.ownerName,
    department: m.department,
    overdueDays: m.doneOn === null ? Math.max(0, daysBetween(m.dueOn, today)) : 0,
  };
}

function actualView(a: ProjectActualEntity): ProjectActualView {
  return {
    year: a.year,
    investment: a.investment,
    sales: a.sales,
    tax: a.tax,
    updatedAt: new Date(a.updatedAt).toISOString(),
  };
}

function audited(
  em: EntityManager,
  actor: string,
  action: AuditAction,
  entityType: string,
  entityId: string,
  enterpriseId: string,
  before: object | null,
  after: object | null,
): Promise<void> {
  return recordAudit(em, { actor, action, entityType, entityId, enterpriseId, before, after });
}

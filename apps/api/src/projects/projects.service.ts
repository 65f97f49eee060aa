import { Inject, Injectable } from '@nestjs/common';
import { enterpriseScope, type Principal } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import {
  parkCalendarDay,
  type Page,
  type ProjectActualView,
  type ProjectDetailView,
  type ProjectMilestoneView,
  type ProjectView,
  type SupervisionListView,
} from '@park/contracts';
import { ProjectRepository, type PageRequest, type ProjectFilter } from '@park/records';
import { assertInScope } from '../records-common/actor';
import type {
  AdvanceProjectDto,
  CreateMilestoneDto,
  CreateProjectDto,
  ProjectActualDto,
  UpdateMilestoneDto,
  UpdateProjectDto,
} from './project.dto';

/**
 * 重点项目 on behalf of a principal: admins and officers write (the controller's roles), every role reads, an
 * energy manager only their own enterprise's projects — another enterprise's answers as a missing one (404). Days
 * are counted on the park's calendar from the injected clock.
 */
@Injectable()
export class ProjectsService {
  constructor(
    private readonly projects: ProjectRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(principal: Principal, filter: ProjectFilter, page: PageRequest): Promise<Page<ProjectView>> {
    const scope = enterpriseScope(principal);
    // A manager asking for another enterprise gets an empty list, not a wider one.
    if (scope !== null && filter.enterpriseId && filter.enterpriseId !== scope)
      return Promise.resolve({ items: [], total: 0, page: page.page, pageSize: page.pageSize });
    return this.projects.list({ ...filter, enterpriseId: scope ?? filter.enterpriseId }, page, this.today());
  }

  supervision(principal: Principal): Promise<SupervisionListView> {
    return this.projects.supervision(this.today(), enterpriseScope(principal));
  }

  async get(principal: Principal, id: string): Promise<ProjectDetailView> {
    const project = await this.projects.get(id, this.today());
    assertInScope(principal, 'project', id, project.enterpriseId);
    return project;
  }

  create(principal: Principal, dto: CreateProjectDto): Promise<ProjectDetailView> {
    return this.projects.create(
      principal.username,
      {
        name: dto.name,
        enterpriseId: dto.enterpriseId,
        parcelId: dto.parcelId ?? null,
        signedOn: dto.signedOn,
        promisedInvestment: dto.promisedInvestment ?? null,
        promisedSales: dto.promisedSales ?? null,
        promisedTax: dto.promisedTax ?? null,
        ownerName: dto.ownerName,
        department: dto.department,
        note: dto.note ?? null,
      },
      this.today(),
    );
  }

  async update(principal: Principal, id: string, dto: UpdateProjectDto): Promise<ProjectDetailView> {
    await this.inScope(principal, id);
    const patch = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
    return this.projects.update(principal.username, id, patch, this.today());
  }

  async advance(principal: Principal, id: string, dto: AdvanceProjectDto): Promise<ProjectDetailView> {
    await this.inScope(principal, id);
    return this.projects.advance(principal.username, id, dto.stage, dto.on, this.today());
  }

  async addMilestone(
    principal: Principal,
    id: string,
    dto: CreateMilestoneDto,
  ): Promise<ProjectMilestoneView> {
    await this.inScope(principal, id);
    return this.projects.addMilestone(
      principal.username,
      id,
      { title: dto.title, dueOn: dto.dueOn, ownerName: dto.ownerName, department: dto.department },
      this.today(),
    );
  }

  async updateMilestone(
    principal: Principal,
    id: string,
    milestoneId: string,
    dto: UpdateMilestoneDto,
  ): Promise<ProjectMilestoneView> {
    await this.inScope(principal, id);
    const patch = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined));
    return this.projects.updateMilestone(principal.username, id, milestoneId, patch, this.today());
  }

  async completeMilestone(
    principal: Principal,
    id: string,
    milestoneId: string,
    doneOn: string,
  ): Promise<ProjectMilestoneView> {
    await this.inScope(principal, id);
    return this.projects.completeMilestone(principal.username, id, milestoneId, doneOn, this.today());
  }

  async putActual(
    principal: Principal,
    id: string,
    year: number,
    dto: ProjectActualDto,
  ): Promise<ProjectActualView> {
    await this.inScope(principal, id);
    return this.projects.upsertActual(
      principal.username,
      id,
      year,
      { investment: dto.investment ?? null, sales: dto.sales ?? null, tax: dto.tax ?? null },
      this.today(),
    );
  }

  private async inScope(principal: Principal, id: string): Promise<void> {
    assertInScope(principal, 'project', id, await this.projects.enterpriseOf(id));
  }

  private today(): string {
    return parkCalendarDay(this.clock.now());
  }
}

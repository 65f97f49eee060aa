import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import { parkCalendarDay, type Page, type PlanMonthlyReview, type PlanTaskView } from '@park/contracts';
import {
  monthlyReview,
  PlanTaskRepository,
  type PageRequest,
  type PlanTaskFilter,
  type PlanTaskPatch,
} from '@park/records';
import { AnalyticsService } from '../analytics/analytics.service';
import type { CreatePlanTaskDto, UpdatePlanTaskDto } from './plan-task.dto';

/**
 * 计划任务 on behalf of a principal (the controller's roles decide who): every write audited under the
 * principal's username; days counted on the park's calendar from the injected clock. The monthly review takes
 * each indicator's target and current value from the plan dashboard's own computation (AnalyticsService.progress).
 */
@Injectable()
export class PlanTasksService {
  constructor(
    private readonly tasks: PlanTaskRepository,
    private readonly analytics: AnalyticsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(filter: PlanTaskFilter, page: PageRequest): Promise<Page<PlanTaskView>> {
    return this.tasks.list(filter, page, this.today());
  }

  get(id: string): Promise<PlanTaskView> {
    return this.tasks.get(id, this.today());
  }

  create(principal: Principal, dto: CreatePlanTaskDto): Promise<PlanTaskView> {
    return this.tasks.create(
      principal.username,
      {
        year: dto.year,
        periodKind: dto.periodKind,
        periodNumber: dto.periodNumber ?? null,
        indicator: dto.indicator ?? null,
        parentId: dto.parentId ?? null,
        title: dto.title,
        description: dto.description ?? null,
        ownerName: dto.ownerName,
        department: dto.department,
        contribution: dto.contribution ?? null,
        status: dto.status ?? 'not-started',
        dueOn: dto.dueOn ?? null,
        completedOn: dto.completedOn ?? null,
        progressNote: dto.progressNote ?? null,
      },
      this.today(),
    );
  }

  update(principal: Principal, id: string, dto: UpdatePlanTaskDto): Promise<PlanTaskView> {
    const patch = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as PlanTaskPatch;
    return this.tasks.update(principal.username, id, patch, this.today());
  }

  remove(principal: Principal, id: string): Promise<void> {
    return this.tasks.remove(principal.username, id);
  }

  async review(year: number, month: number): Promise<PlanMonthlyReview> {
    const [tasks, progress] = await Promise.all([
      this.tasks.ofYear(year),
      this.analytics.progress(year, year),
    ]);
    return monthlyReview(tasks, year, month, this.today(), progress[0]?.indicators ?? []);
  }

  private today(): string {
    return parkCalendarDay(this.clock.now());
  }
}

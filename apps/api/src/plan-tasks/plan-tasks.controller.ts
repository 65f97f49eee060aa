import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@park/auth';
import type { Page, PlanMonthlyReview, PlanTaskView } from '@park/contracts';
import { CurrentPrincipal, Edits, Roles } from '../auth/auth.decorators';
import { ApiView } from '../openapi/api-view';
import { pageRequest } from '../records-common/list-query.dto';
import { CreatePlanTaskDto, PlanReviewQuery, PlanTaskListQuery, UpdatePlanTaskDto } from './plan-task.dto';
import { PlanTasksService } from './plan-tasks.service';

/**
 * The park's staff read the plan's tasks; an energy manager does not (the tasks are the committee's own). Writes are
 * the plan's keepers': the admin and the 经发 department (edit area `targets`, libs/contracts/src/departments.ts).
 */
const READERS = ['admin', 'officer', 'operator', 'staff'] as const;

@ApiTags('plan-tasks 计划任务')
@ApiBearerAuth()
@Controller('api/plan-tasks')
export class PlanTasksController {
  constructor(private readonly tasks: PlanTasksService) {}

  @Roles(...READERS)
  @Get()
  @ApiView('PlanTaskPage')
  list(@Query() q: PlanTaskListQuery): Promise<Page<PlanTaskView>> {
    return this.tasks.list(
      {
        q: q.q,
        year: q.year,
        periodKind: q.periodKind,
        periodNumber: q.periodNumber,
        status: q.status,
        indicator: q.indicator,
        ownerName: q.ownerName,
        department: q.department,
        parentId: q.parentId,
        overdue: q.overdue,
      },
      pageRequest(q),
    );
  }

  /** 月度督查: the month's due, overdue and done tasks, by department and owner, and each indicator's standing. */
  @Roles(...READERS)
  @Get('review')
  @ApiView('PlanMonthlyReview')
  review(@Query() q: PlanReviewQuery): Promise<PlanMonthlyReview> {
    return this.tasks.review(q.year, q.month);
  }

  @Roles(...READERS)
  @Get(':id')
  @ApiView('PlanTask')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<PlanTaskView> {
    return this.tasks.get(id);
  }

  @Edits('targets')
  @Post()
  @ApiView('PlanTask')
  create(@CurrentPrincipal() p: Principal, @Body() body: CreatePlanTaskDto): Promise<PlanTaskView> {
    return this.tasks.create(p, body);
  }

  /** Any field; a status change to done sets completedOn (today unless given), away from done clears it. */
  @Edits('targets')
  @Patch(':id')
  @ApiView('PlanTask')
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdatePlanTaskDto,
  ): Promise<PlanTaskView> {
    return this.tasks.update(p, id, body);
  }

  /** Soft delete: the row and its audit trail stay; a task others were split from is refused (409). */
  @Edits('targets')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.tasks.remove(p, id);
  }
}

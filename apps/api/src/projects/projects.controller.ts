import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Patch,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@park/auth';
import type {
  Page,
  ProjectActualView,
  ProjectDetailView,
  ProjectMilestoneView,
  ProjectView,
  SupervisionListView,
} from '@park/contracts';
import { CurrentPrincipal, Edits, Roles } from '../auth/auth.decorators';
import { ApiView } from '../openapi/api-view';
import { pageRequest } from '../records-common/list-query.dto';
import {
  AdvanceProjectDto,
  CompleteMilestoneDto,
  CreateMilestoneDto,
  CreateProjectDto,
  ProjectActualDto,
  ProjectListQuery,
  UpdateMilestoneDto,
  UpdateProjectDto,
} from './project.dto';
import { ProjectsService } from './projects.service';

/** Every role reads; an energy manager only their own enterprise's projects (the service scopes). */
const READERS = ['admin', 'officer', 'operator', 'staff', 'energy-manager'] as const;
/** Writes: admins, officers and staff of the departments that keep projects (@Edits('projects')). */

@ApiTags('projects 重点项目')
@ApiBearerAuth()
@Controller('api/projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Roles(...READERS)
  @Get()
  @ApiView('ProjectPage')
  list(@CurrentPrincipal() p: Principal, @Query() q: ProjectListQuery): Promise<Page<ProjectView>> {
    return this.projects.list(
      p,
      { q: q.q, stage: q.stage, enterpriseId: q.enterpriseId, parcelId: q.parcelId, overdue: q.overdue },
      pageRequest(q),
    );
  }

  /** 督办清单: open milestones past their due date, with the days overdue, most overdue first. */
  @Roles(...READERS)
  @Get('supervision')
  @ApiView('SupervisionList')
  supervision(@CurrentPrincipal() p: Principal): Promise<SupervisionListView> {
    return this.projects.supervision(p);
  }

  @Roles(...READERS)
  @Get(':id')
  @ApiView('ProjectDetail')
  get(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ProjectDetailView> {
    return this.projects.get(p, id);
  }

  @Edits('projects', 'officer')
  @Post()
  @ApiView('ProjectDetail')
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateProjectDto): Promise<ProjectDetailView> {
    return this.projects.create(p, body);
  }

  @Edits('projects', 'officer')
  @Patch(':id')
  @ApiView('ProjectDetail')
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateProjectDto,
  ): Promise<ProjectDetailView> {
    return this.projects.update(p, id, body);
  }

  /** One stage forward (签约 → 开工 → 竣工 → 达产) on the day it was reached; anything else is a 409. */
  @Edits('projects', 'officer')
  @Post(':id/advance')
  @HttpCode(200)
  @ApiView('ProjectDetail')
  advance(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AdvanceProjectDto,
  ): Promise<ProjectDetailView> {
    return this.projects.advance(p, id, body);
  }

  @Edits('projects', 'officer')
  @Post(':id/milestones')
  @ApiView('ProjectMilestone')
  addMilestone(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateMilestoneDto,
  ): Promise<ProjectMilestoneView> {
    return this.projects.addMilestone(p, id, body);
  }

  @Edits('projects', 'officer')
  @Patch(':id/milestones/:milestoneId')
  @ApiView('ProjectMilestone')
  updateMilestone(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('milestoneId', ParseUUIDPipe) milestoneId: string,
    @Body() body: UpdateMilestoneDto,
  ): Promise<ProjectMilestoneView> {
    return this.projects.updateMilestone(p, id, milestoneId, body);
  }

  @Edits('projects', 'officer')
  @Post(':id/milestones/:milestoneId/complete')
  @HttpCode(200)
  @ApiView('ProjectMilestone')
  completeMilestone(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('milestoneId', ParseUUIDPipe) milestoneId: string,
    @Body() body: CompleteMilestoneDto,
  ): Promise<ProjectMilestoneView> {
    return this.projects.completeMilestone(p, id, milestoneId, body.doneOn);
  }

  /** What the project reached in `year` (万元), replacing that year's figures. */
  @Edits('projects', 'officer')
  @Put(':id/actuals/:year')
  @ApiView('ProjectActual')
  putActual(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: ProjectActualDto,
  ): Promise<ProjectActualView> {
    return this.projects.putActual(p, id, year, body);
  }
}

import {
  Body,
  Controller,
  Delete,
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
import type { EditArea, Principal } from '@park/auth';
import type {
  AuditEntryView,
  EnterpriseIndicatorsView,
  EnterpriseView,
  Page,
  RecordEventView,
} from '@park/contracts';
import { CurrentPrincipal, Edits, requireEdits, Roles } from '../auth/auth.decorators';
import { ApiView } from '../openapi/api-view';
import { pageRequest } from '../records-common/list-query.dto';
import {
  AuditQuery,
  CreateEnterpriseDto,
  CreateEventDto,
  EnterpriseListQuery,
  IndicatorsDto,
  UpdateEnterpriseDto,
} from './enterprise.dto';
import { EnterprisesService } from './enterprises.service';

const READERS = ['admin', 'officer', 'operator', 'staff', 'energy-manager'] as const;

/** The permit fields (排污许可) are 环保's to edit; every other field of the record is the enterprise area's. */
const PERMIT_FIELDS: readonly string[] = ['permitLimits', 'permitO2Reference'];

function enterpriseEditAreas(body: UpdateEnterpriseDto): Set<EditArea> {
  const areas = new Set<EditArea>();
  for (const [field, value] of Object.entries(body))
    if (value !== undefined) areas.add(PERMIT_FIELDS.includes(field) ? 'permits' : 'enterprises');
  return areas;
}

@ApiTags('enterprises 一企一档')
@ApiBearerAuth()
@Controller('api/enterprises')
export class EnterprisesController {
  constructor(private readonly enterprises: EnterprisesService) {}

  @Roles(...READERS)
  @Get()
  @ApiView('EnterprisePage')
  list(@CurrentPrincipal() p: Principal, @Query() q: EnterpriseListQuery): Promise<Page<EnterpriseView>> {
    return this.enterprises.list(
      p,
      { q: q.q, industry: q.industry, carrierId: q.carrierId, library: q.library },
      pageRequest(q),
      q.grade === undefined ? undefined : { grade: q.grade, year: q.gradeYear },
    );
  }

  @Roles(...READERS)
  @Get(':id')
  @ApiView('Enterprise')
  get(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<EnterpriseView> {
    return this.enterprises.get(p, id);
  }

  @Edits('enterprises')
  @Post()
  @ApiView('Enterprise')
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateEnterpriseDto): Promise<EnterpriseView> {
    requireEdits(p, ['enterprises', ...enterpriseEditAreas(body)]);
    return this.enterprises.create(p, body);
  }

  @Edits(['enterprises', 'permits'])
  @Patch(':id')
  @ApiView('Enterprise')
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateEnterpriseDto,
  ): Promise<EnterpriseView> {
    requireEdits(p, enterpriseEditAreas(body));
    return this.enterprises.update(p, id, body);
  }

  /** Soft delete: the record, its indicators, events and audit trail stay. */
  @Edits('enterprises')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.enterprises.remove(p, id);
  }

  @Edits('enterprises')
  @Post(':id/restore')
  @HttpCode(200)
  @ApiView('Enterprise')
  restore(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<EnterpriseView> {
    return this.enterprises.restore(p, id);
  }

  @Roles(...READERS)
  @Get(':id/indicators')
  @ApiView('EnterpriseIndicatorsList')
  indicators(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<EnterpriseIndicatorsView[]> {
    return this.enterprises.indicators(p, id);
  }

  @Edits('indicators')
  @Put(':id/indicators/:year')
  @ApiView('EnterpriseIndicators')
  putIndicators(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: IndicatorsDto,
  ): Promise<EnterpriseIndicatorsView> {
    return this.enterprises.putIndicators(p, id, year, body);
  }

  @Roles(...READERS)
  @Get(':id/events')
  @ApiView('RecordEventList')
  events(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<RecordEventView[]> {
    return this.enterprises.events(p, id);
  }

  @Edits('events')
  @Post(':id/events')
  @ApiView('RecordEvent')
  addEvent(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateEventDto,
  ): Promise<RecordEventView> {
    return this.enterprises.addEvent(p, id, body);
  }

  @Roles('admin')
  @Get(':id/audit')
  @ApiView('AuditPage')
  audit(@Param('id', ParseUUIDPipe) id: string, @Query() q: AuditQuery): Promise<Page<AuditEntryView>> {
    return this.enterprises.audit({ enterpriseId: id }, pageRequest(q));
  }
}

/** The whole audit log (the 操作日志 page), newest first, filterable by record, enterprise, who, action and days. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(private readonly enterprises: EnterprisesService) {}

  @Roles('admin')
  @Get()
  @ApiView('AuditPage')
  list(@Query() q: AuditQuery): Promise<Page<AuditEntryView>> {
    return this.enterprises.audit(
      {
        entityType: q.entityType,
        entityId: q.entityId,
        enterpriseId: q.enterpriseId,
        actor: q.actor,
        action: q.action,
        from: q.from,
        to: q.to,
      },
      pageRequest(q),
    );
  }
}

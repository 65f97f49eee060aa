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
import type { Principal } from '@park/auth';
import type {
  AuditEntryEntity,
  EnterpriseEntity,
  EnterpriseIndicatorEntity,
  Page,
  RecordEventEntity,
} from '@park/records';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
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

const READERS = ['admin', 'officer', 'operator', 'energy-manager'] as const;

@ApiTags('enterprises 一企一档')
@ApiBearerAuth()
@Controller('api/enterprises')
export class EnterprisesController {
  constructor(private readonly enterprises: EnterprisesService) {}

  @Roles(...READERS)
  @Get()
  list(@CurrentPrincipal() p: Principal, @Query() q: EnterpriseListQuery): Promise<Page<EnterpriseEntity>> {
    return this.enterprises.list(
      p,
      { q: q.q, industry: q.industry, carrierId: q.carrierId, library: q.library },
      pageRequest(q),
    );
  }

  @Roles(...READERS)
  @Get(':id')
  get(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<EnterpriseEntity> {
    return this.enterprises.get(p, id);
  }

  @Roles('admin')
  @Post()
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateEnterpriseDto): Promise<EnterpriseEntity> {
    return this.enterprises.create(p, body);
  }

  @Roles('admin')
  @Patch(':id')
  update(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateEnterpriseDto,
  ): Promise<EnterpriseEntity> {
    return this.enterprises.update(p, id, body);
  }

  /** Soft delete: the record, its indicators, events and audit trail stay. */
  @Roles('admin')
  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentPrincipal() p: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.enterprises.remove(p, id);
  }

  @Roles('admin')
  @Post(':id/restore')
  @HttpCode(200)
  restore(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<EnterpriseEntity> {
    return this.enterprises.restore(p, id);
  }

  @Roles(...READERS)
  @Get(':id/indicators')
  indicators(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<EnterpriseIndicatorEntity[]> {
    return this.enterprises.indicators(p, id);
  }

  @Roles('admin')
  @Put(':id/indicators/:year')
  putIndicators(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: IndicatorsDto,
  ): Promise<EnterpriseIndicatorEntity> {
    return this.enterprises.putIndicators(p, id, year, body);
  }

  @Roles(...READERS)
  @Get(':id/events')
  events(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<RecordEventEntity[]> {
    return this.enterprises.events(p, id);
  }

  @Roles('admin')
  @Post(':id/events')
  addEvent(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: CreateEventDto,
  ): Promise<RecordEventEntity> {
    return this.enterprises.addEvent(p, id, body);
  }

  @Roles('admin')
  @Get(':id/audit')
  audit(@Param('id', ParseUUIDPipe) id: string, @Query() q: AuditQuery): Promise<Page<AuditEntryEntity>> {
    return this.enterprises.audit({ enterpriseId: id }, pageRequest(q));
  }
}

/** The whole audit log, newest first, filterable by record. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(private readonly enterprises: EnterprisesService) {}

  @Roles('admin')
  @Get()
  list(@Query() q: AuditQuery): Promise<Page<AuditEntryEntity>> {
    return this.enterprises.audit(
      { entityType: q.entityType, entityId: q.entityId, enterpriseId: q.enterpriseId },
      pageRequest(q),
    );
  }
}

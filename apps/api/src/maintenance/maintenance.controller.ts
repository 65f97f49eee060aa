import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@park/auth';
import type { MaintenanceWindowView } from '@park/records';
import { CurrentPrincipal, Edits, Roles } from '../auth/auth.decorators';
import { CreateMaintenanceWindowDto, MaintenanceListQuery } from './maintenance.dto';
import { MaintenanceService } from './maintenance.service';
import { ApiView } from '../openapi/api-view';

const READERS = ['admin', 'officer', 'operator', 'staff', 'energy-manager'] as const;

/** Maintenance windows (检修): officers plan and end them; everyone who sees alerts sees why some are held back. */
@ApiTags('maintenance')
@ApiBearerAuth()
@Controller('api/maintenance-windows')
export class MaintenanceController {
  constructor(private readonly maintenance: MaintenanceService) {}

  @Roles(...READERS)
  @Get()
  @ApiView('MaintenanceWindowList')
  list(@CurrentPrincipal() p: Principal, @Query() q: MaintenanceListQuery): Promise<MaintenanceWindowView[]> {
    return this.maintenance.list(p, {
      subjectType: q.subjectType,
      subjectId: q.subjectId,
      enterpriseId: q.enterprise,
      current: q.current === true,
      limit: q.limit ?? 100,
    });
  }

  @Roles(...READERS)
  @Get(':id')
  @ApiView('MaintenanceWindow')
  get(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<MaintenanceWindowView> {
    return this.maintenance.get(p, id);
  }

  @Edits('maintenance', 'officer')
  @Post()
  @ApiView('MaintenanceWindow')
  create(
    @CurrentPrincipal() p: Principal,
    @Body() body: CreateMaintenanceWindowDto,
  ): Promise<MaintenanceWindowView> {
    return this.maintenance.create(p, body);
  }

  /** Ends the window now; what it held back and still holds goes live within the rules service's tick. */
  @Edits('maintenance', 'officer')
  @Post(':id/end')
  @HttpCode(200)
  @ApiView('MaintenanceWindow')
  end(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<MaintenanceWindowView> {
    return this.maintenance.end(p, id);
  }
}

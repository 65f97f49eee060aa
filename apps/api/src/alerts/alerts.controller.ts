import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import type { Principal } from '@park/auth';
import { type AlertEvent, type AlertView } from '@park/contracts';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { AlertsService } from './alerts.service';
import { ApiView } from '../openapi/api-view';
import { ListAlertsQuery, AssignAlertDto, ResolveAlertDto } from './alerts.dto';

@Controller('api/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Roles('admin', 'officer', 'operator', 'staff', 'energy-manager')
  @Get()
  @ApiView('AlertList')
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListAlertsQuery): Promise<AlertView[]> {
    return this.alerts.list(principal, {
      status: query.status,
      severity: query.severity,
      kind: query.kind,
      enterpriseId: query.enterprise,
      subjectId: query.device,
      from: query.from,
      to: query.to,
      limit: query.limit ?? 100,
    });
  }

  @Roles('admin', 'officer', 'operator', 'staff', 'energy-manager')
  @Get(':id')
  @ApiView('Alert')
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AlertView> {
    return this.alerts.get(principal, id);
  }

  /** The alert's audit trail: every transition with who and when. */
  @Roles('admin', 'officer', 'operator', 'staff', 'energy-manager')
  @Get(':id/events')
  @ApiView('AlertEventList')
  trail(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AlertEvent[]> {
    return this.alerts.trail(principal, id);
  }

  @Roles('admin', 'officer')
  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiView('AlertEvent')
  acknowledge(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AlertEvent> {
    return this.alerts.acknowledge(principal, id);
  }

  @Roles('admin', 'officer')
  @Post(':id/resolve')
  @HttpCode(200)
  @ApiView('AlertEvent')
  resolve(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ResolveAlertDto,
  ): Promise<AlertEvent> {
    return this.alerts.resolve(principal, id, body.note);
  }

  @Roles('admin', 'officer')
  @Post(':id/assign')
  @HttpCode(200)
  @ApiView('AlertEvent')
  assign(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: AssignAlertDto,
  ): Promise<AlertEvent> {
    return this.alerts.assign(principal, id, body.assignee);
  }
}

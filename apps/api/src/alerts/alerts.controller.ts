import { ApiPropertyOptional } from '@nestjs/swagger';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import type { Principal } from '@park/auth';
import {
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  type AlertEvent,
  type AlertSeverity,
  type AlertStatus,
  type AlertView,
} from '@park/contracts';
import { RULE_KINDS, type RuleKind } from '@park/rules-engine';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { AlertsService } from './alerts.service';
import { MAX_EPOCH_MS } from '../records-common/list-query.dto';
import { ApiView } from '../openapi/api-view';

export class ListAlertsQuery {
  @ApiPropertyOptional({ enum: ALERT_STATUSES })
  @IsOptional()
  @IsIn(ALERT_STATUSES)
  status?: AlertStatus;

  @ApiPropertyOptional({ enum: ALERT_SEVERITIES })
  @IsOptional()
  @IsIn(ALERT_SEVERITIES)
  severity?: AlertSeverity;

  /** Rule kind: threshold, device-offline, treatment-power … */
  @ApiPropertyOptional({ enum: RULE_KINDS })
  @IsOptional()
  @IsIn(RULE_KINDS)
  kind?: RuleKind;

  /** Ignored for an energy manager, who only ever sees their own enterprise. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  enterprise?: string;

  /** Opened at or after (epoch ms). */
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_EPOCH_MS,
    description: 'opened at or after, epoch ms',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_EPOCH_MS)
  from?: number;

  /** Opened before (epoch ms). */
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_EPOCH_MS,
    description: 'opened before, epoch ms',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_EPOCH_MS)
  to?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class AssignAlertDto {
  /** Username of the person who should handle it. */
  @IsString()
  @Length(1, 64)
  assignee!: string;
}

export class ResolveAlertDto {
  @IsString()
  @Length(1, 2000)
  note!: string;
}

@Controller('api/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Roles('admin', 'officer', 'operator', 'energy-manager')
  @Get()
  @ApiView('AlertList')
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListAlertsQuery): Promise<AlertView[]> {
    return this.alerts.list(principal, {
      status: query.status,
      severity: query.severity,
      kind: query.kind,
      enterpriseId: query.enterprise,
      from: query.from,
      to: query.to,
      limit: query.limit ?? 100,
    });
  }

  @Roles('admin', 'officer', 'operator', 'energy-manager')
  @Get(':id')
  @ApiView('Alert')
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AlertView> {
    return this.alerts.get(principal, id);
  }

  /** The alert's audit trail: every transition with who and when. */
  @Roles('admin', 'officer', 'operator', 'energy-manager')
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

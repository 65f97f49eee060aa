/** The alerts routes' query and bodies: the list's filters, assigning and resolving an alert. */
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ALERT_SEVERITIES,
  ALERT_STATUSES,
  DEVICE_ID_PATTERN,
  type AlertSeverity,
  type AlertStatus,
} from '@park/contracts';
import { RULE_KINDS, type RuleKind } from '@park/rules-engine';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { MAX_EPOCH_MS } from '../records-common/list-query.dto';

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

  /** Alerts about this device (their subject), for the device page; an energy manager's scope still applies. */
  @ApiPropertyOptional({
    example: 'demo-cems-001',
    description: 'alerts whose subject is this device (a production line’s alerts are not listed)',
  })
  @IsOptional()
  @IsString()
  @Matches(DEVICE_ID_PATTERN, { message: 'device is not a device id' })
  device?: string;

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

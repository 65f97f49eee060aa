/**
 * The alarm statistics' and history's queries: the alert list's own filters (status, severity, kind, enterprise,
 * from, to — ListAlertsQuery, so the three routes and the list cannot read a filter differently) without its
 * `limit`, plus what each route adds.
 */
import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ListAlertsQuery } from '../alerts/alerts.dto';
import { MAX_PAGE, MAX_PAGE_SIZE } from '../records-common/list-query.dto';

/** GET /api/alerts/export.xlsx: the filters alone. */
export class AlertSearchQuery extends OmitType(ListAlertsQuery, ['limit'] as const) {}

export class AlertStatisticsQuery extends AlertSearchQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 2,
    maximum: 1000,
    default: 3,
    description: 'the least number of alerts in the window that makes a device or line a repeat offender',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2)
  @Max(1000)
  repeatThreshold?: number;
}

export class AlertHistoryQuery extends AlertSearchQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

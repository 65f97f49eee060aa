import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Principal } from '@park/auth';
import type { AlertStatistics, AlertView, Page } from '@park/contracts';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { ApiView } from '../openapi/api-view';
import { ALERT_SHEET_HEADER } from './alert-export';
import { AlertHistoryQuery, AlertSearchQuery, AlertStatisticsQuery } from './alert-stats.dto';
import { AlertStatsService } from './alert-stats.service';

const READERS = ['admin', 'officer', 'operator', 'staff', 'energy-manager'] as const;

/**
 * Alarm statistics, the alert history and its export, under /api/alerts. Listed before AlertsController in
 * API_CONTROLLERS: its `GET /api/alerts/:id` would otherwise take `statistics` for an alert id.
 */
@Controller('api/alerts')
export class AlertStatsController {
  constructor(private readonly stats: AlertStatsService) {}

  @Roles(...READERS)
  @Get('statistics')
  @ApiOperation({
    summary: 'Alarm statistics over a window (docs/alerts.md "Statistics")',
    description:
      'Alerts opened in [from, to) (default: the 30 days before now, at most 400 days): per Asia/Shanghai day, by rule kind, enterprise, severity and status; mean, median and p90 seconds to acknowledge and to resolve; repeat offenders. An energy manager counts only their own enterprise.',
  })
  @ApiView('AlertStatistics')
  statistics(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AlertStatisticsQuery,
  ): Promise<AlertStatistics> {
    return this.stats.statistics(principal, query);
  }

  @Roles(...READERS)
  @Get('history')
  @ApiOperation({
    summary: 'The alert history: the matching alerts page by page, newest first, with the total',
  })
  @ApiView('AlertPage')
  history(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AlertHistoryQuery,
  ): Promise<Page<AlertView>> {
    return this.stats.history(principal, query);
  }

  @Roles(...READERS)
  @Get('export.xlsx')
  @ApiOperation({
    summary:
      'The matching alerts of a window and their statistics as XLSX (Chinese headers, park-time dates)',
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({
    description: `XLSX: sheet 报警明细 (${ALERT_SHEET_HEADER.join(', ')}) and sheet 统计`,
    schema: { type: 'string', format: 'binary' },
  })
  @Header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  async exportXlsx(
    @CurrentPrincipal() principal: Principal,
    @Query() query: AlertSearchQuery,
  ): Promise<StreamableFile> {
    const file = await this.stats.exportXlsx(principal, query);
    return new StreamableFile(file.body, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="${file.filename}"`,
    });
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@park/auth';
import type { AlertView, PlanProgressYear, WallSummary } from '@park/contracts';
import { AlertsService } from '../alerts/alerts.service';
import { AnalyticsService } from '../analytics/analytics.service';
import { ProgressQuery } from '../analytics/analytics.dto';
import { CurrentPrincipal, Roles } from '../auth/auth.decorators';
import { WallService } from './wall.service';
import { ApiView } from '../openapi/api-view';
import { WallAlertsQuery } from './wall.dto';

/**
 * What the wall display (数据大屏) reads, and all a `display` session may read over REST: the live summary, the
 * latest alerts for its ticker and the plan's progress. The park-wide roles may read them too (the wall also
 * opens with a signed-in session).
 */
@ApiTags('wall')
@ApiBearerAuth()
@Controller('api/wall')
export class WallController {
  constructor(
    private readonly wall: WallService,
    private readonly alerts: AlertsService,
    private readonly analytics: AnalyticsService,
  ) {}

  @Roles('admin', 'officer', 'operator', 'staff', 'display')
  @Get('summary')
  @ApiView('WallSummary')
  summary(): Promise<WallSummary> {
    return this.wall.summary();
  }

  /** The latest alerts, newest first (the ticker; socket `alert` events keep it live). */
  @Roles('admin', 'officer', 'operator', 'staff', 'display')
  @Get('alerts')
  @ApiView('AlertList')
  latestAlerts(@CurrentPrincipal() p: Principal, @Query() q: WallAlertsQuery): Promise<AlertView[]> {
    return this.alerts.list(p, { limit: q.limit ?? 20 });
  }

  /** Progress against the plan's targets, per year (the same figures as GET /api/analytics/progress). */
  @Roles('admin', 'officer', 'operator', 'staff', 'display')
  @Get('progress')
  @ApiView('PlanProgress')
  progress(@Query() q: ProgressQuery): Promise<PlanProgressYear[]> {
    return this.analytics.progress(q.from, q.to);
  }
}

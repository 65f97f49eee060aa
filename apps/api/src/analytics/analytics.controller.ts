import { Body, Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@park/auth';
import type {
  CarrierPerformance,
  CultivationEntry,
  CultivationLibrary,
  EvaluationBenchmarks,
  EvaluationHistory,
  EvaluationRow,
  EvaluationScheme,
  GradeMovers,
  PlanIndicator,
  PlanProgressYear,
  PlanYearToDate,
  PlanTargetView,
} from '@park/contracts';
import { CurrentPrincipal, Edits, Roles } from '../auth/auth.decorators';
import { AnalyticsService } from './analytics.service';
import { ApiView } from '../openapi/api-view';
import { YearQuery, ProgressQuery, TargetDto, SchemeDto } from './analytics.dto';

const PARK_READERS = ['admin', 'officer', 'operator', 'staff'] as const;

@ApiTags('analytics 亩均 / plan')
@ApiBearerAuth()
@Controller('api/analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  /** 亩均效益评价 of every enterprise in a year, graded A/B/C/D. */
  @Roles(...PARK_READERS)
  @Get('evaluation/enterprises')
  @ApiView('EvaluationList')
  enterprises(@Query() q: YearQuery): Promise<EvaluationRow[]> {
    return this.analytics.evaluateEnterprises(q.year);
  }

  /** One enterprise's evaluation year by year; an energy manager reads only their own enterprise's. */
  @Roles(...PARK_READERS, 'energy-manager')
  @Get('evaluation/enterprises/:id/history')
  @ApiView('EvaluationHistory')
  history(
    @CurrentPrincipal() p: Principal,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<EvaluationHistory> {
    return this.analytics.history(p, id);
  }

  /** Who changed grade from the year before to this one, and the indicator that moved them. */
  @Roles(...PARK_READERS)
  @Get('evaluation/movers')
  @ApiView('GradeMovers')
  movers(@Query() q: YearQuery): Promise<GradeMovers> {
    return this.analytics.movers(q.year);
  }

  /** The benchmarks, weights and each grade's lowest score that the year's enterprises and carriers are held to. */
  @Roles(...PARK_READERS)
  @Get('evaluation/benchmarks')
  @ApiView('EvaluationBenchmarks')
  benchmarks(@Query() q: YearQuery): Promise<EvaluationBenchmarks> {
    return this.analytics.benchmarks(q.year);
  }

  /** Carriers: occupancy, tenants and 亩均 performance. */
  @Roles(...PARK_READERS)
  @Get('evaluation/carriers')
  @ApiView('CarrierPerformanceList')
  carriers(@Query() q: YearQuery): Promise<CarrierPerformance[]> {
    return this.analytics.carrierPerformance(q.year);
  }

  @Roles(...PARK_READERS)
  @Get('evaluation/scheme')
  @ApiView('EvaluationScheme')
  scheme(): Promise<EvaluationScheme> {
    return this.analytics.scheme();
  }

  @Edits('targets')
  @Put('evaluation/scheme')
  @ApiView('EvaluationScheme')
  putScheme(@CurrentPrincipal() p: Principal, @Body() body: SchemeDto): Promise<EvaluationScheme> {
    return this.analytics.putScheme(p, body.scheme);
  }

  /** Progress against the plan's targets, per year, computed from the records. */
  @Roles(...PARK_READERS)
  @Get('progress')
  @ApiView('PlanProgress')
  progress(@Query() q: ProgressQuery): Promise<PlanProgressYear[]> {
    return this.analytics.progress(q.from, q.to);
  }

  /** The current year so far (monthly/quarterly source figures) against the annual targets: 截至X月. */
  @Roles(...PARK_READERS)
  @Get('progress/year-to-date')
  @ApiView('PlanYearToDate')
  yearToDate(@Query() q: YearQuery): Promise<PlanYearToDate> {
    return this.analytics.yearToDate(q.year);
  }

  @Roles(...PARK_READERS)
  @Get('targets')
  @ApiView('PlanTargetList')
  targets(): Promise<PlanTargetView[]> {
    return this.analytics.targets();
  }

  @Edits('targets')
  @Put('targets/:indicator/:year')
  @ApiView('PlanTarget')
  putTarget(
    @CurrentPrincipal() p: Principal,
    @Param('indicator') indicator: string,
    @Param('year', ParseIntPipe) year: number,
    @Body() body: TargetDto,
  ): Promise<PlanTargetView> {
    return this.analytics.putTarget(
      p,
      indicator as PlanIndicator,
      year,
      body.target,
      body.comparator ?? 'gte',
    );
  }

  /** The four cultivation libraries (规上, 高新技术, 上市, 销售过亿) with each member's progress. */
  @Roles(...PARK_READERS)
  @Get('cultivation')
  @ApiView('Cultivation')
  cultivation(@Query() q: YearQuery): Promise<Record<CultivationLibrary, CultivationEntry[]>> {
    return this.analytics.cultivation(q.year);
  }
}

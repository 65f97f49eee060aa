import { Inject, Injectable } from '@nestjs/common';
import { enterpriseScope, type Principal } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import type { AlertStatistics, AlertView, Page } from '@park/contracts';
import { AlertRepository, AlertStatisticsRepository, notFound, type AlertFilter } from '@park/records';
import { writeWorkbookOnWorker } from '../imports/xlsx-worker';
import { alertWorkbook, EXPORT_MAX_ROWS, exportFilename } from './alert-export';
import {
  alertWindow,
  assembleStatistics,
  DEFAULT_REPEAT_THRESHOLD,
  REPEAT_OFFENDERS_LISTED,
} from './alert-statistics';
import type { AlertHistoryQuery, AlertSearchQuery, AlertStatisticsQuery } from './alert-stats.dto';

/**
 * Alarm statistics, the searchable alert history and its XLSX export, on behalf of a principal (docs/alerts.md
 * "Statistics"). An energy manager's scope replaces any enterprise filter they send, as in AlertsService: they
 * only ever count, page through and export their own enterprise's alerts.
 */
@Injectable()
export class AlertStatsService {
  constructor(
    private readonly statisticsRepository: AlertStatisticsRepository,
    private readonly alerts: AlertRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async statistics(principal: Principal, query: AlertStatisticsQuery): Promise<AlertStatistics> {
    const window = alertWindow(query, this.clock.now());
    const filter = { ...this.filterFor(principal, query), ...window };
    const threshold = query.repeatThreshold ?? DEFAULT_REPEAT_THRESHOLD;
    const rows = await this.statisticsRepository.statistics(filter, {
      threshold,
      limit: REPEAT_OFFENDERS_LISTED,
    });
    return assembleStatistics(window, filter.enterpriseId ?? null, threshold, rows);
  }

  /** A page of the matching alerts, newest first; without from/to the whole history. */
  history(principal: Principal, query: AlertHistoryQuery): Promise<Page<AlertView>> {
    return this.alerts.page(this.filterFor(principal, query), query.page ?? 1, query.pageSize ?? 20);
  }

  /** The matching alerts of the window (at most EXPORT_MAX_ROWS, newest first) and their statistics, as XLSX. */
  async exportXlsx(
    principal: Principal,
    query: AlertSearchQuery,
  ): Promise<{ body: Buffer; filename: string }> {
    const stats = await this.statistics(principal, query);
    const alerts = await this.alerts.list({
      ...this.filterFor(principal, query),
      from: stats.from,
      to: stats.to,
      limit: EXPORT_MAX_ROWS,
    });
    return {
      body: await writeWorkbookOnWorker(alertWorkbook(alerts, stats)),
      filename: exportFilename(stats),
    };
  }

  /** The query's filters, confined to the principal's enterprise; an energy manager without one sees nothing. */
  private filterFor(principal: Principal, query: AlertSearchQuery): AlertFilter {
    if (principal.role === 'energy-manager' && !principal.enterpriseId)
      throw notFound('enterprise', query.enterprise ?? '');
    return {
      status: query.status,
      severity: query.severity,
      kind: query.kind,
      enterpriseId: enterpriseScope(principal) ?? query.enterprise,
      subjectId: query.device,
      from: query.from,
      to: query.to,
    };
  }
}

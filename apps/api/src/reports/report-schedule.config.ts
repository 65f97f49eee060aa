import { bool, int } from '@park/config';

/** The monthly schedule's settings (docs/reports.md). */
export const reportScheduleSpec = {
  REPORTS_SCHEDULE: bool(
    "generate last month's reports (every outlet's 排放月报, every metered enterprise's and the park's 能耗月报, the park's 告警月报 and 园区月度运行报告) on REPORTS_SCHEDULE_DAY from REPORTS_SCHEDULE_HOUR, Beijing time",
    true,
  ),
  REPORTS_SCHEDULE_DAY: int('day of the month the scheduled reports are generated (Asia/Shanghai)', 1, 1, 28),
  REPORTS_SCHEDULE_HOUR: int(
    'hour (0–23, Asia/Shanghai) from which the scheduled reports are generated',
    8,
    0,
    23,
  ),
};

export interface ReportScheduleSettings {
  readonly enabled: boolean;
  readonly day: number;
  readonly hour: number;
}

export const REPORT_SCHEDULE_SETTINGS = Symbol('ReportScheduleSettings');

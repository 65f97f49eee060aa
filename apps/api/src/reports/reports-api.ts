import type { Provider } from '@nestjs/common';
import {
  DeviceAdmin,
  EnterpriseRecords,
  repositoryProvider,
  ReportNoticeRepository,
  ReportRepository,
} from '@park/records';
import type { ApiConfig } from '../api.config';
import { DEFAULT_REPORT_NOTICE_TIMING, REPORT_NOTICE_TIMING, ReportNotices } from './report-notices';
import { ReportRecords } from './report-sources';
import { ReportSchedule } from './report-schedule';
import { REPORT_SCHEDULE_SETTINGS } from './report-schedule.config';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** The reports' controller (GET/POST /api/reports, the files). */
export const REPORTS_CONTROLLERS = [ReportsController];

/**
 * Its providers; DeviceAdmin and EnterpriseRecords come from the records providers, EnergyService from the energy
 * providers and TELEMETRY_STORE from the API module.
 */
export function reportsProviders(config: ApiConfig): Provider[] {
  return [
    repositoryProvider(ReportRepository),
    repositoryProvider(ReportNoticeRepository),
    {
      provide: ReportRecords,
      inject: [DeviceAdmin, EnterpriseRecords],
      useFactory: (devices: DeviceAdmin, enterprises: EnterpriseRecords) =>
        new ReportRecords(devices, enterprises),
    },
    {
      provide: REPORT_SCHEDULE_SETTINGS,
      useValue: {
        enabled: config.REPORTS_SCHEDULE,
        day: config.REPORTS_SCHEDULE_DAY,
        hour: config.REPORTS_SCHEDULE_HOUR,
      },
    },
    { provide: REPORT_NOTICE_TIMING, useValue: DEFAULT_REPORT_NOTICE_TIMING },
    ReportsService,
    ReportNotices,
    ReportSchedule,
  ];
}

import { Initial1764230400000 } from './1764230400000-initial';
import { RecordsAndPlan1764921600000 } from './1764921600000-records-and-plan';
import { AlertLifecycle1765008000000 } from './1765008000000-alert-lifecycle';
import { DeviceRuleSettings1765094400000 } from './1765094400000-device-rule-settings';
import { DisplayTokens1765180800000 } from './1765180800000-display-tokens';
import { EnterprisePermit1765267200000 } from './1765267200000-enterprise-permit';
import { UserSessions1765353600000 } from './1765353600000-user-sessions';
import { DeviceProcessLimits1765440000000 } from './1765440000000-device-process-limits';
import { MaintenanceWindows1765526400000 } from './1765526400000-maintenance-windows';
import { NotificationChannels1765699200000 } from './1765699200000-notification-channels';
import { DutyRosterAndEscalation1765872000000 } from './1765872000000-duty-roster-and-escalation';
import { Reports1765958400000 } from './1765958400000-reports';
import { Projects1766138400000 } from './1766138400000-projects';
import { ReportNotices1766224800000 } from './1766224800000-report-notices';
import { Qualifications1766311200000 } from './1766311200000-qualifications';
import { ParcelDossier1766397600000 } from './1766397600000-parcel-dossier';
import { ExpiryReminders1766656800000 } from './1766656800000-expiry-reminders';
import { UserDepartments1766484000000 } from './1766484000000-user-departments';
import { PlanTasks1766570400000 } from './1766570400000-plan-tasks';
import { RecordEventDocuments1766743200000 } from './1766743200000-record-event-documents';
import { DataExchange1766829600000 } from './1766829600000-data-exchange';
import { Policies1766916000000 } from './1766916000000-policies';

/**
 * Every PostgreSQL migration, oldest first. A new one is appended here, and its SQLite counterpart to
 * `./sqlite/index.ts`; `npm run check:schema` (either URL) and records-schema.int-spec fail on drift.
 */
export const MIGRATIONS = [
  Initial1764230400000,
  RecordsAndPlan1764921600000,
  AlertLifecycle1765008000000,
  DeviceRuleSettings1765094400000,
  DisplayTokens1765180800000,
  EnterprisePermit1765267200000,
  UserSessions1765353600000,
  DeviceProcessLimits1765440000000,
  MaintenanceWindows1765526400000,
  NotificationChannels1765699200000,
  DutyRosterAndEscalation1765872000000,
  Reports1765958400000,
  Projects1766138400000,
  ReportNotices1766224800000,
  Qualifications1766311200000,
  ParcelDossier1766397600000,
  ExpiryReminders1766656800000,
  UserDepartments1766484000000,
  PlanTasks1766570400000,
  RecordEventDocuments1766743200000,
  DataExchange1766829600000,
  Policies1766916000000,
];

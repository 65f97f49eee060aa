import { SqliteBaseline1765612800000 } from './1765612800000-sqlite-baseline';
import { SqliteNotificationChannels1765699200000 } from './1765699200000-sqlite-notification-channels';
import { SqliteDutyRosterAndEscalation1765872000000 } from './1765872000000-sqlite-duty-roster-and-escalation';
import { SqliteReports1765958400000 } from './1765958400000-sqlite-reports';
import { SqliteProjects1766138400000 } from './1766138400000-sqlite-projects';
import { SqliteReportNotices1766224800000 } from './1766224800000-sqlite-report-notices';
import { SqliteQualifications1766311200000 } from './1766311200000-sqlite-qualifications';
import { SqliteParcelDossier1766397600000 } from './1766397600000-sqlite-parcel-dossier';
import { SqliteExpiryReminders1766656800000 } from './1766656800000-sqlite-expiry-reminders';
import { SqliteUserDepartments1766484000000 } from './1766484000000-sqlite-user-departments';
import { SqlitePlanTasks1766570400000 } from './1766570400000-sqlite-plan-tasks';
import { SqliteRecordEventDocuments1766743200000 } from './1766743200000-sqlite-record-event-documents';
import { SqliteDataExchange1766829600000 } from './1766829600000-sqlite-data-exchange';
import { SqlitePolicies1766916000000 } from './1766916000000-sqlite-policies';

/**
 * The SQLite migrations (standalone mode), oldest first: the same schema as the PostgreSQL migrations in
 * `../index.ts`, in SQLite's SQL. A change to the entities gets a migration in both lists; the drift check
 * (`npm run check:schema -- sqlite::memory:`) fails when this list falls behind the entities.
 */
export const SQLITE_MIGRATIONS = [
  SqliteBaseline1765612800000,
  SqliteNotificationChannels1765699200000,
  SqliteDutyRosterAndEscalation1765872000000,
  SqliteReports1765958400000,
  SqliteProjects1766138400000,
  SqliteReportNotices1766224800000,
  SqliteQualifications1766311200000,
  SqliteParcelDossier1766397600000,
  SqliteExpiryReminders1766656800000,
  SqliteUserDepartments1766484000000,
  SqlitePlanTasks1766570400000,
  SqliteRecordEventDocuments1766743200000,
  SqliteDataExchange1766829600000,
  SqlitePolicies1766916000000,
];

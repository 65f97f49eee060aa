import { AlertEscalationEntity } from './entities/alert-escalation.entity';
import { DutyShiftEntity } from './entities/duty-shift.entity';
import { EscalationStepEntity } from './entities/escalation-step.entity';
import { NotificationDigestEntity } from './entities/notification-digest.entity';
import { NotificationExpiryReminderEntity } from './entities/notification-expiry-reminder.entity';
import { NotificationReportNoticeEntity } from './entities/notification-report-notice.entity';

/**
 * Who gets what, and when: the duty roster, the escalation chain and what it fired, the digests and the monthly
 * reports' notices and the certificates' expiry reminders sent.
 */
export const DUTY_ENTITIES = [
  DutyShiftEntity,
  EscalationStepEntity,
  AlertEscalationEntity,
  NotificationDigestEntity,
  NotificationReportNoticeEntity,
  NotificationExpiryReminderEntity,
];

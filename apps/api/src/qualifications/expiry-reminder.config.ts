import { bool, int } from '@park/config';

/** The daily expiry reminders' settings (资质到期提醒, docs/notifications.md). */
export const expiryReminderSpec = {
  EXPIRY_REMINDERS: bool(
    'send the certificates’ expiry reminders (资质到期提醒: 90, 30 and 7 days before expiry and on the day) once a day from EXPIRY_REMINDERS_HOUR, Beijing time',
    true,
  ),
  EXPIRY_REMINDERS_HOUR: int(
    'hour (0–23, Asia/Shanghai) from which the day’s expiry reminders are sent',
    8,
    0,
    23,
  ),
};

export interface ExpiryReminderSettings {
  readonly enabled: boolean;
  readonly hour: number;
}

export const EXPIRY_REMINDER_SETTINGS = Symbol('ExpiryReminderSettings');

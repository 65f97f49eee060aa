import type { Provider } from '@nestjs/common';
import { ExpiryReminderRepository, repositoryProvider } from '@park/records';
import type { ApiConfig } from '../api.config';
import { EXPIRY_REMINDER_SETTINGS } from './expiry-reminder.config';
import { ExpiryReminderSchedule } from './expiry-reminder-schedule';
import { DEFAULT_EXPIRY_REMINDER_TIMING, EXPIRY_REMINDER_TIMING, ExpiryReminders } from './expiry-reminders';

/** The daily expiry reminders (资质到期提醒); NOTIFICATION_ADAPTERS and the clock come from the API module. */
export function expiryReminderProviders(config: ApiConfig): Provider[] {
  return [
    repositoryProvider(ExpiryReminderRepository),
    {
      provide: EXPIRY_REMINDER_SETTINGS,
      useValue: { enabled: config.EXPIRY_REMINDERS, hour: config.EXPIRY_REMINDERS_HOUR },
    },
    { provide: EXPIRY_REMINDER_TIMING, useValue: DEFAULT_EXPIRY_REMINDER_TIMING },
    ExpiryReminders,
    ExpiryReminderSchedule,
  ];
}

/**
 * The expiry reminders' labels (资质到期提醒: a channel's event type `expiry`), in Simplified Chinese (the default)
 * and English; messages.ts spreads both into its dictionaries. Pure module.
 */
export const EXPIRY_REMINDER_MESSAGES_ZH = {
  'notify.event.expiry': '资质到期',
} as const;

export const EXPIRY_REMINDER_MESSAGES_EN: Readonly<Record<keyof typeof EXPIRY_REMINDER_MESSAGES_ZH, string>> =
  {
    'notify.event.expiry': 'Certificate expiry',
  };

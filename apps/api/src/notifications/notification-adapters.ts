import { createChannelAdapters } from '@park/notifications';

/** Injection token of the channel adapters 发送测试消息 sends through: the set the rules service's dispatcher uses. */
export const NOTIFICATION_ADAPTERS = Symbol('NotificationAdapters');

export const notificationAdaptersProvider = {
  provide: NOTIFICATION_ADAPTERS,
  useFactory: () => createChannelAdapters(),
};

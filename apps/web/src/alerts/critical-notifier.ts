/** Browser notifications for critical alerts, shown only where the user granted permission. */
export type NotificationAccess = NotificationPermission | 'unsupported';

export function notificationAccess(): NotificationAccess {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function requestNotificationAccess(): Promise<NotificationAccess> {
  if (typeof Notification === 'undefined') return 'unsupported';
  try {
    return await Notification.requestPermission();
  } catch {
    return Notification.permission;
  }
}

/** One notification per alert (`tag`): an escalation replaces the earlier one instead of stacking. */
export function showNotification(options: {
  title: string;
  body: string;
  tag: string;
  onClick: () => void;
}): void {
  if (notificationAccess() !== 'granted') return;
  try {
    const notification = new Notification(options.title, {
      body: options.body,
      tag: options.tag,
      requireInteraction: true,
    });
    notification.onclick = () => {
      window.focus();
      options.onClick();
      notification.close();
    };
  } catch {
    // Some platforms only allow notifications from a service worker; the sound and the banner still alert.
  }
}

/**
 * Notification channels (企业微信, 钉钉, 飞书, e-mail, SMS) and their deliveries as the API shows them. Epoch ms.
 * The channel kinds themselves are `CHANNEL_KINDS` of @park/notifications.
 */

/** The alert event types a channel receives unless its admin chooses otherwise: news someone must act on. */
export const DEFAULT_NOTIFIED_EVENT_TYPES = ['opened', 'escalated', 'overdue'] as const;

/** Event types never sent to a channel: a repeat only raises a count; a suppressed alert is held back on purpose. */
export const NEVER_NOTIFIED_EVENT_TYPES = ['repeated', 'suppressed'] as const;

/** The event type of a delivery an admin asked for with 发送测试消息 (it belongs to no alert). */
export const TEST_DELIVERY_EVENT_TYPE = 'test';

/**
 * The month's reports (月度报表): a channel whose event types include it is sent the notice that the monthly
 * schedule has generated them — the list, a link to the reports page and, by e-mail, the PDFs. The robots and e-mail
 * carry it; SMS does not (docs/reports.md). Its deliveries are recorded with this event type too.
 */
export const REPORT_NOTICE_EVENT_TYPE = 'report';

/**
 * 资质到期提醒: a channel whose event types include it is sent a reminder when a certificate (资质认定) reaches 90, 30
 * and 7 days before its expiry and on the day (EXPIRY_REMINDER_STEPS) — park-wide channels for every enterprise's,
 * a channel scoped to an enterprise for that enterprise's. Robots and e-mail carry it; SMS does not (an SMS is an
 * alert template). Its deliveries are recorded with this event type too.
 */
export const EXPIRY_REMINDER_EVENT_TYPE = 'expiry';

/** A person a person-addressed channel (e-mail, SMS) writes to. */
export interface NotificationRecipientView {
  readonly name: string;
  /** E-mail address or mobile phone number. */
  readonly address: string;
}

export interface NotificationChannelView {
  readonly id: string;
  readonly name: string;
  /** One of CHANNEL_KINDS (@park/notifications): wecom, dingtalk, feishu, email, aliyun-sms, tencent-sms. */
  readonly kind: string;
  /**
   * The kind's settings. Secret fields (keys, secrets, passwords, tokens, robot URLs) are masked as `••••1234`
   * (their last four characters); an update that leaves one out, empty or still masked keeps the stored value.
   */
  readonly config: Readonly<Record<string, unknown>>;
  /** The names of the masked fields in `config`. */
  readonly secretFields: readonly string[];
  /** Alert severities sent (`info`, `warning`, `critical`). */
  readonly severities: readonly string[];
  /** Alert event types sent (default `opened`, `escalated`, `overdue`; never `repeated` or `suppressed`). */
  readonly eventTypes: readonly string[];
  /** Only this enterprise's alerts; null: the whole park's. */
  readonly enterpriseId: string | null;
  readonly enterpriseName: string | null;
  /** Who an e-mail or SMS channel writes to (empty for group robots, which post to their group). */
  readonly recipients: readonly NotificationRecipientView[];
  readonly enabled: boolean;
  readonly createdBy: string;
  readonly updatedBy: string;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export const NOTIFICATION_DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'failed'] as const;
export type NotificationDeliveryStatus = (typeof NOTIFICATION_DELIVERY_STATUSES)[number];

/** One message to one recipient (or group) through one channel, with its latest attempt. */
export interface NotificationDeliveryView {
  readonly id: string;
  readonly channelId: string;
  readonly channelName: string;
  readonly channelKind: string;
  /** Null for a test message (eventType `test`) and a reports notice (`report`). */
  readonly alertId: string | null;
  readonly eventSeq: number | null;
  /** The alert event type (`opened`, `escalated`, `overdue` …), `test`, or `report` (the monthly reports' notice). */
  readonly eventType: string;
  /** Null for a group robot's post. */
  readonly recipient: NotificationRecipientView | null;
  /** pending: waiting for its (next) attempt; sending: leased by a dispatcher; delivered; failed: out of attempts. */
  readonly status: NotificationDeliveryStatus;
  readonly attempts: number;
  /** When the next attempt is due (pending), or when the current lease runs out (sending). */
  readonly nextAttemptAt: number;
  readonly lastAttemptAt: number | null;
  /** The provider's last HTTP status or SMTP reply code; null when nothing answered (timeout, refused). */
  readonly lastStatus: number | null;
  /** The provider's last answer as it came (at most 1,000 characters). */
  readonly lastAnswer: string | null;
  readonly createdAt: number;
  readonly deliveredAt: number | null;
}

/** What POST /api/notification-channels/:id/test answered: the provider's answer, and the delivery it recorded. */
export interface NotificationTestResult {
  readonly ok: boolean;
  readonly status: number | null;
  readonly answer: string;
  readonly delivery: NotificationDeliveryView;
}

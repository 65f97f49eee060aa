import type { AlertEvent } from '@park/contracts';

/**
 * The kinds of notification channel an admin can configure. `webhook` is the park's signed HMAC webhook (its own
 * queue, apps/rules/src/webhook-dispatcher.ts); the others are adapters behind {@link ChannelAdapter}.
 */
export const CHANNEL_KINDS = ['wecom', 'dingtalk', 'feishu', 'email', 'aliyun-sms', 'tencent-sms'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/**
 * One message, already worded: every channel renders the same facts (severity, what, where, value vs limit, time,
 * link) in its own format — markdown for the robots, plain text and HTML for e-mail, template parameters for SMS.
 */
export interface NotificationMessage {
  /** Short title, e.g. `【二级报警】烟感报警`. */
  readonly title: string;
  /** The facts as ordered label/value lines (Chinese), e.g. ['企业', '华源化工'], ['数值', '1.2 MPa（限值 1.0 MPa）']. */
  readonly lines: readonly (readonly [label: string, value: string])[];
  /** Absolute link to the alert's mobile page (signed, short-lived), or null when no public URL is configured. */
  readonly link: string | null;
  /**
   * The alert event the message is about (for adapters that fill provider template parameters); null for a message
   * about no alert — the monthly reports' notice — which only the robots and e-mail carry (SMS sends alerts only).
   */
  readonly event: AlertEvent | null;
  /** Files sent with the message where the channel carries files (e-mail); the robots show `link` instead. */
  readonly attachments?: readonly MessageAttachment[];
}

/** A message about one alert event: what SMS templates are filled from. */
export type AlertNotificationMessage = NotificationMessage & { readonly event: AlertEvent };

export function isAlertMessage(message: NotificationMessage): message is AlertNotificationMessage {
  return message.event !== null;
}

/** What an SMS adapter answers for a message about no alert (it is never sent: a template carries one alert). */
export const SMS_ALERTS_ONLY_ANSWER: ProviderAnswer = {
  ok: false,
  status: null,
  answer: '短信只发送报警消息（服务商审核的报警模板），未发送',
};

/** A file attached to a message, e.g. a report's PDF. */
export interface MessageAttachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
}

/** Who receives it on channels that address a person (e-mail address, mobile phone); null for group robots. */
export interface Recipient {
  readonly name: string;
  /** E-mail address (email) or mobile phone in E.164 or 11-digit mainland form (SMS). */
  readonly address: string;
}

/** What the provider answered: kept on the delivery record as it came (trimmed), so an admin can see why. */
export interface ProviderAnswer {
  readonly ok: boolean;
  /** HTTP status, or the SMTP reply code; null if nothing was answered (timeout, refused connection). */
  readonly status: number | null;
  /** The provider's answer body or message, at most 1,000 characters. */
  readonly answer: string;
}

/**
 * Sends one message through one configured channel. Implementations never throw for a provider's refusal: they
 * return `{ ok: false }` with the answer; they throw only for a failure to reach it (the dispatcher treats both as
 * a failed attempt and retries with backoff). `signal` aborts a send that ran past the dispatcher's timeout.
 */
export interface ChannelAdapter<Config = unknown> {
  readonly kind: ChannelKind;
  /** Checks an admin's configuration; returns the problems in Chinese (empty: valid). */
  validate(config: unknown): string[];
  send(
    config: Config,
    message: NotificationMessage,
    recipient: Recipient | null,
    signal: AbortSignal,
  ): Promise<ProviderAnswer>;
}

import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import {
  EXPIRY_REMINDER_EVENT_TYPE,
  POLICY_NOTICE_EVENT_TYPE,
  REPORT_NOTICE_EVENT_TYPE,
  type NotificationChannelView,
  type NotificationDeliveryView,
  type NotificationTestResult,
  type Page,
} from '@park/contracts';
import {
  adapterFor,
  sendWithTimeout,
  testMessage,
  type ChannelAdapters,
  type ChannelKind,
  resolveWebhookTarget,
  WebhookTargetError,
} from '@park/notifications';
import {
  NotificationRepository,
  RecordsError,
  type NotificationChannelInput,
  type NotificationDeliveryFilter,
} from '@park/records';
import { API_CONFIG, type ApiConfig } from '../api.config';
import { NOTIFICATION_ADAPTERS } from './notification-adapters';
import type { NotificationChannelDto } from './notifications.dto';

/** Kinds that write to people (an address each); the others post to a group and take no recipients. */
const PERSON_ADDRESSED: ReadonlySet<ChannelKind> = new Set(['email', 'aliyun-sms', 'tencent-sms']);
const SMS_KINDS: ReadonlySet<ChannelKind> = new Set(['aliyun-sms', 'tencent-sms']);

/**
 * Notification channels on behalf of an admin: the settings checked by the kind's adapter, recipients as the kind
 * needs them, every URL in the settings held to the webhooks' target rule, and 发送测试消息 sent through the
 * same bounded send the dispatcher uses, its answer recorded as a delivery.
 */
@Injectable()
export class NotificationChannelsService {
  constructor(
    private readonly notifications: NotificationRepository,
    @Inject(NOTIFICATION_ADAPTERS) private readonly adapters: ChannelAdapters,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  list(): Promise<NotificationChannelView[]> {
    return this.notifications.list();
  }

  get(id: string): Promise<NotificationChannelView> {
    return this.notifications.get(id);
  }

  async create(principal: Principal, dto: NotificationChannelDto): Promise<NotificationChannelView> {
    const input = await this.checked(dto);
    return this.notifications.create(principal.username, input, (kind, config) =>
      this.problems(kind, config),
    );
  }

  async update(
    principal: Principal,
    id: string,
    dto: NotificationChannelDto,
  ): Promise<NotificationChannelView> {
    const input = await this.checked(dto);
    return this.notifications.update(principal.username, id, input, (kind, config) =>
      this.problems(kind, config),
    );
  }

  remove(principal: Principal, id: string): Promise<void> {
    return this.notifications.remove(principal.username, id);
  }

  /**
   * Sends a test message now, to the channel's group or its first recipient, and waits for the provider's answer
   * (at most NOTIFY_TEST_TIMEOUT_MS). Recorded as a delivery of event type `test`, whatever the answer.
   */
  async test(id: string): Promise<NotificationTestResult> {
    const channel = await this.notifications.sendable(id);
    const adapter = adapterFor(this.adapters, channel.kind);
    const recipient = channel.recipients[0] ?? null;
    const now = this.clock.now();
    const answer = adapter
      ? await sendWithTimeout(
          adapter,
          channel.config,
          testMessage(channel.name, now),
          recipient,
          this.config.NOTIFY_TEST_TIMEOUT_MS,
        )
      : { ok: false, status: null, answer: `no adapter for channel kind ${channel.kind}` };
    const delivery = await this.notifications.recordTest(channel.id, recipient, answer, this.clock.now());
    return { ok: answer.ok, status: answer.status, answer: answer.answer, delivery };
  }

  deliveries(
    filter: NotificationDeliveryFilter,
    page: { page: number; pageSize: number },
  ): Promise<Page<NotificationDeliveryView>> {
    return this.notifications.deliveries(filter, page);
  }

  /** What the DTO cannot say alone: recipients as the kind needs them, and URLs the platform may call. */
  private async checked(dto: NotificationChannelDto): Promise<NotificationChannelInput> {
    const recipients = dto.recipients ?? [];
    if (PERSON_ADDRESSED.has(dto.kind) && recipients.length === 0)
      throw invalid('recipients', 'an e-mail or SMS channel needs at least one recipient');
    if (!PERSON_ADDRESSED.has(dto.kind) && recipients.length > 0)
      throw invalid('recipients', 'a group robot posts to its group: it takes no recipients');
    if (SMS_KINDS.has(dto.kind) && dto.eventTypes?.includes(REPORT_NOTICE_EVENT_TYPE))
      throw invalid(
        'eventTypes',
        'an SMS is an alert template: the monthly reports notice goes to robots and e-mail',
      );
    if (SMS_KINDS.has(dto.kind) && dto.eventTypes?.includes(EXPIRY_REMINDER_EVENT_TYPE))
      throw invalid(
        'eventTypes',
        'an SMS is an alert template: the certificates’ expiry reminders go to robots and e-mail',
      );
    if (SMS_KINDS.has(dto.kind) && dto.eventTypes?.includes(POLICY_NOTICE_EVENT_TYPE))
      throw invalid('eventTypes', 'an SMS is an alert template: 惠企政策 notices go to robots and e-mail');
    const badAddress = recipients.find((r) => !addressFits(dto.kind, r.address));
    if (badAddress)
      throw invalid(
        'recipients',
        `${badAddress.name}: ${dto.kind === 'email' ? 'not an e-mail address' : 'not a mobile number (11 digits, or +country code)'}`,
      );
    for (const [field, value] of Object.entries(dto.config)) {
      if (typeof value !== 'string' || !/^https?:\/\//i.test(value)) continue;
      await this.checkTarget(field, value);
    }
    return {
      name: dto.name,
      kind: dto.kind,
      config: dto.config,
      severities: dto.severities,
      eventTypes: dto.eventTypes,
      enterpriseId: dto.enterpriseId ?? null,
      recipients,
      enabled: dto.enabled ?? true,
    };
  }

  /** The adapter's own check of the (merged) settings. */
  private problems(kind: string, config: Readonly<Record<string, unknown>>): string[] {
    const adapter = adapterFor(this.adapters, kind);
    if (!adapter) return [`不支持的渠道类型 ${kind}`];
    return adapter.validate(config);
  }

  /**
   * A URL in the settings (a robot's webhook, an SMS endpoint) is held to the webhooks' rule (docs/alerts.md,
   * "Where a webhook may point"): public, or in WEBHOOK_ALLOWED_TARGETS. A masked secret URL sent back unchanged
   * is not a URL and keeps the stored one, checked when it was saved.
   */
  private async checkTarget(field: string, url: string): Promise<void> {
    try {
      await resolveWebhookTarget(url, this.config.WEBHOOK_ALLOWED_TARGETS);
    } catch (error) {
      if (error instanceof WebhookTargetError)
        throw new RecordsError('INVALID_RECORD', `config.${field}: ${error.message}`, {
          field: `config.${field}`,
        });
      throw error;
    }
  }
}

/** An e-mail channel writes to e-mail addresses, an SMS channel to mobile numbers (mainland 11 digits or E.164). */
function addressFits(kind: ChannelKind, address: string): boolean {
  if (kind === 'email') return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address);
  if (kind === 'aliyun-sms' || kind === 'tencent-sms')
    return /^(?:\+?86)?1\d{10}$|^\+[1-9]\d{6,14}$/.test(address);
  return true;
}

function invalid(field: string, message: string): RecordsError {
  return new RecordsError('INVALID_RECORD', `${field}: ${message}`, { field });
}

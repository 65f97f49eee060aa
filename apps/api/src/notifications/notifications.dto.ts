import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ALERT_EVENT_TYPES,
  ALERT_SEVERITIES,
  NEVER_NOTIFIED_EVENT_TYPES,
  EXPIRY_REMINDER_EVENT_TYPE,
  POLICY_NOTICE_EVENT_TYPE,
  REPORT_NOTICE_EVENT_TYPE,
  NOTIFICATION_DELIVERY_STATUSES,
  type AlertEventType,
  type AlertSeverity,
  type NotificationDeliveryStatus,
} from '@park/contracts';
import { CHANNEL_KINDS, type ChannelKind } from '@park/notifications';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_PAGE } from '../records-common/list-query.dto';

/** The event types a channel may receive: every alert event type but `repeated` and `suppressed`. */
export const NOTIFIABLE_EVENT_TYPES = ALERT_EVENT_TYPES.filter(
  (t) => !(NEVER_NOTIFIED_EVENT_TYPES as readonly string[]).includes(t),
);

/**
 * What a channel may receive: those alert events, `report`, the monthly reports' notice, and `expiry`, the
 * certificates' expiry reminders, and `policy`, the 惠企政策 notices (all three robots and e-mail only).
 */
export const CHANNEL_EVENT_TYPES = [
  ...NOTIFIABLE_EVENT_TYPES,
  REPORT_NOTICE_EVENT_TYPE,
  EXPIRY_REMINDER_EVENT_TYPE,
  POLICY_NOTICE_EVENT_TYPE,
] as const;

/** The most recipients one channel writes to; a larger list is a mailing list's job. */
export const MAX_RECIPIENTS = 50;

export class NotificationRecipientDto {
  @IsString()
  @Length(1, 64)
  name!: string;

  /** E-mail address (email) or mobile number (SMS); the channel's adapter checks its form. */
  @IsString()
  @Length(3, 200)
  address!: string;
}

export class NotificationChannelDto {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsIn(CHANNEL_KINDS)
  kind!: ChannelKind;

  /**
   * The kind's settings (robot URL and 加签 secret, SMTP server, SMS keys and template …), checked by its adapter.
   * A secret field left out, empty, or sent back masked (`••••1234`) keeps its stored value.
   */
  @IsObject()
  config!: Record<string, unknown>;

  @IsArray()
  @ArrayNotEmpty()
  @IsIn(ALERT_SEVERITIES, { each: true })
  severities!: AlertSeverity[];

  /**
   * Default `opened`, `escalated`, `overdue`. `report`: the notice of the month's reports when the schedule has
   * generated them; `expiry`: the certificates' expiry reminders (资质到期提醒); `policy`: the 惠企政策 notices sent
   * from a policy's page — group robots and e-mail only, an SMS channel refuses them.
   */
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(CHANNEL_EVENT_TYPES, { each: true })
  eventTypes?: (
    | AlertEventType
    | typeof REPORT_NOTICE_EVENT_TYPE
    | typeof EXPIRY_REMINDER_EVENT_TYPE
    | typeof POLICY_NOTICE_EVENT_TYPE
  )[];

  /** Only this enterprise's alerts; null or absent: the whole park's (IsOptional lets null through). */
  @IsOptional()
  @IsUUID()
  enterpriseId?: string | null;

  /** Who an e-mail or SMS channel writes to; none for a group robot. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RECIPIENTS)
  @ValidateNested({ each: true })
  @Type(() => NotificationRecipientDto)
  recipients?: NotificationRecipientDto[];

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** GET /api/notification-deliveries: newest first, paged. */
export class NotificationDeliveryQuery {
  @ApiPropertyOptional({ description: 'only this channel' })
  @IsOptional()
  @IsUUID()
  channel?: string;

  @ApiPropertyOptional({ enum: NOTIFICATION_DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(NOTIFICATION_DELIVERY_STATUSES)
  status?: NotificationDeliveryStatus;

  @ApiPropertyOptional({ description: 'only deliveries about this alert' })
  @IsOptional()
  @IsUUID()
  alert?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1, { message: 'page must be at least 1' })
  @Max(MAX_PAGE, { message: `page must be at most ${MAX_PAGE}` })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number' })
  @Min(1, { message: 'pageSize must be at least 1' })
  @Max(200, { message: 'pageSize must be at most 200' })
  pageSize?: number;
}

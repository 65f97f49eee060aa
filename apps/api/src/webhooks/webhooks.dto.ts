import { ALERT_SEVERITIES, type AlertSeverity } from '@park/contracts';
import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Length,
} from 'class-validator';

export class WebhookDto {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  url!: string;

  /** Shared HMAC-SHA256 key the receiver verifies `X-Park-Signature` with. */
  @IsString()
  @Length(16, 200)
  secret!: string;

  @IsArray()
  @ArrayNotEmpty()
  @IsIn(ALERT_SEVERITIES, { each: true })
  severities!: AlertSeverity[];

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** PUT /api/webhooks/:id: as a new one, but the secret may be left out to keep the stored one. */
export class UpdateWebhookDto {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  url!: string;

  /** A new shared key; left out, the stored one stays (the API never shows it). */
  @IsOptional()
  @IsString()
  @Length(16, 200)
  secret?: string;

  @IsArray()
  @ArrayNotEmpty()
  @IsIn(ALERT_SEVERITIES, { each: true })
  severities!: AlertSeverity[];

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

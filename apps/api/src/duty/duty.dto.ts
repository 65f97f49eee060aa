import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ALERT_SEVERITIES,
  DUTY_ROLES,
  ESCALATION_TARGETS,
  type DutyRole,
  type EscalationTarget,
} from '@park/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_EPOCH_MS } from '../records-common/list-query.dto';

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** A blank optional text is no text. */
const blankToNull = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? (value.trim() === '' ? null : value.trim()) : value;

/** A mainland mobile number (11 digits from 1) or an E.164 number, as the SMS providers take it. */
export const PHONE_PATTERN = /^(\+?[1-9]\d{6,14}|1\d{10})$/;
/** The chain's longest wait: a day; beyond that it is the daily digest's job. */
export const MAX_AFTER_MINUTES = 24 * 60;
export const MAX_CHAIN_STEPS = 20;

export class DutyPersonDto {
  @IsString()
  @Transform(trimmed)
  @Length(1, 64)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'mobile phone (SMS, robot @mention)' })
  @IsOptional()
  @Transform(blankToNull)
  @Matches(PHONE_PATTERN, {
    message: 'phone must be a mobile number (11 digits, or +country code and number)',
  })
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Transform(blankToNull)
  @IsEmail()
  @Length(3, 200)
  email?: string | null;
}

export class DutyShiftDto extends DutyPersonDto {
  @ApiProperty({ enum: DUTY_ROLES, description: 'officer (值班员) or leader (带班领导)' })
  @IsIn(DUTY_ROLES)
  duty!: DutyRole;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'uuid', description: "the person's account" })
  @IsOptional()
  @IsUUID()
  userId?: string | null;

  @ApiProperty({ description: 'epoch ms' })
  @IsInt()
  @Min(0)
  @Max(MAX_EPOCH_MS)
  startsAt!: number;

  @ApiProperty({ description: 'epoch ms, after startsAt, at most 7 days later' })
  @IsInt()
  @Min(0)
  @Max(MAX_EPOCH_MS)
  endsAt!: number;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Transform(blankToNull)
  @IsString()
  @Length(1, 500)
  note?: string | null;
}

/** GET /api/duty/shifts: the shifts overlapping [from, to). */
export class DutyShiftQuery {
  @ApiProperty({ description: 'epoch ms' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_EPOCH_MS)
  from!: number;

  @ApiProperty({ description: 'epoch ms, after from, at most 62 days later' })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_EPOCH_MS)
  to!: number;
}

export class EscalationStepDto {
  @ApiProperty({
    minimum: 1,
    maximum: MAX_CHAIN_STEPS,
    description: "the step's place in the chain (unique)",
  })
  @IsInt()
  @Min(1)
  @Max(MAX_CHAIN_STEPS)
  position!: number;

  @ApiProperty({
    minimum: 0,
    maximum: MAX_AFTER_MINUTES,
    description: 'minutes after the alert opened; 0: at once',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_AFTER_MINUTES)
  afterMinutes!: number;

  @ApiProperty({ enum: ESCALATION_TARGETS })
  @IsIn(ESCALATION_TARGETS)
  target!: EscalationTarget;

  /** For target `people`: whom the step names. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DutyPersonDto)
  people?: DutyPersonDto[];

  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(10)
  @IsUUID('all', { each: true })
  channelIds!: string[];

  @ApiPropertyOptional({ description: 'empty: warning and critical (info waits for the daily digest)' })
  @IsOptional()
  @IsArray()
  @IsIn(ALERT_SEVERITIES, { each: true })
  severities?: string[];

  @ApiPropertyOptional({ description: 'rule kinds (threshold, device-offline …); empty: all' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  ruleKinds?: string[];

  @ApiPropertyOptional({ description: 'empty: every enterprise' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  enterpriseIds?: string[];

  @ApiPropertyOptional({ description: 'areas, as carriers (产业载体); empty: the whole park' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  carrierIds?: string[];

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class SafetyContactDto {
  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Transform(blankToNull)
  @IsString()
  @Length(1, 64)
  name?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Transform(blankToNull)
  @Matches(PHONE_PATTERN, {
    message: 'phone must be a mobile number (11 digits, or +country code and number)',
  })
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Transform(blankToNull)
  @IsEmail()
  @Length(3, 200)
  email?: string | null;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  QUALIFICATION_LEVELS,
  QUALIFICATION_REMINDER_DAYS,
  QUALIFICATION_TYPES,
  type QualificationLevel,
  type QualificationType,
} from '@park/contracts';
import { IsDateString, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { IsRequired } from '../records-common/is-required';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = (field: string) => `${field} must be a date written YYYY-MM-DD (e.g. 2026-12-07)`;
const typeMessage = `type must be one of ${QUALIFICATION_TYPES.join(', ')}`;
const levelMessage = `level must be one of ${QUALIFICATION_LEVELS.join(', ')}`;

/** PATCH: the fields that change; null clears level, expiry or note. The whole is checked again after merging. */
export class UpdateQualificationDto {
  @ApiPropertyOptional({ enum: QUALIFICATION_TYPES })
  @IsOptional()
  @IsIn(QUALIFICATION_TYPES, { message: typeMessage })
  type?: QualificationType;

  @ApiPropertyOptional({ enum: QUALIFICATION_LEVELS, nullable: true })
  @IsOptional()
  @IsIn(QUALIFICATION_LEVELS, { message: levelMessage })
  level?: QualificationLevel | null;

  @ApiPropertyOptional({ example: 'GR202432001234', minLength: 1, maxLength: 64 })
  @IsOptional()
  @IsString()
  @Length(1, 64, { message: 'certificateNo must be 1 to 64 characters' })
  certificateNo?: string;

  @ApiPropertyOptional({ example: '2024-11-19' })
  @IsOptional()
  @Matches(DATE, { message: dateMessage('issuedOn') })
  @IsDateString({ strict: true }, { message: dateMessage('issuedOn') })
  issuedOn?: string;

  @ApiPropertyOptional({ example: '2027-11-18', nullable: true })
  @IsOptional()
  @Matches(DATE, { message: dateMessage('expiresOn') })
  @IsDateString({ strict: true }, { message: dateMessage('expiresOn') })
  expiresOn?: string | null;

  @ApiPropertyOptional({ maxLength: 1000, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 1000, { message: 'note must be at most 1000 characters' })
  note?: string | null;
}

export class CreateQualificationDto extends UpdateQualificationDto {
  @ApiProperty({ enum: QUALIFICATION_TYPES })
  @IsRequired()
  @IsIn(QUALIFICATION_TYPES, { message: typeMessage })
  declare type: QualificationType;

  @ApiProperty({ example: 'GR202432001234', minLength: 1, maxLength: 64 })
  @IsRequired()
  @IsString({ message: 'certificateNo is required (证书编号; a listing: its stock code)' })
  @Length(1, 64, { message: 'certificateNo must be 1 to 64 characters' })
  declare certificateNo: string;

  @ApiProperty({ example: '2024-11-19' })
  @IsRequired()
  @Matches(DATE, { message: dateMessage('issuedOn') })
  @IsDateString({ strict: true }, { message: dateMessage('issuedOn') })
  declare issuedOn: string;
}

export const QUALIFICATION_STATES = ['valid', 'expiring', 'expired'] as const;

/** The park-wide list: by type, by state (expiring within `withinDays`, or expired), by enterprise. */
export class QualificationListQuery {
  @ApiPropertyOptional({ enum: QUALIFICATION_TYPES })
  @IsOptional()
  @IsIn(QUALIFICATION_TYPES, { message: typeMessage })
  type?: QualificationType;

  @ApiPropertyOptional({ enum: QUALIFICATION_STATES })
  @IsOptional()
  @IsIn(QUALIFICATION_STATES, { message: `state must be one of ${QUALIFICATION_STATES.join(', ')}` })
  state?: (typeof QUALIFICATION_STATES)[number];

  @ApiPropertyOptional({
    description: 'the reminder window in days: a certificate expiring within it is `expiring`',
    minimum: 1,
    maximum: 730,
    default: QUALIFICATION_REMINDER_DAYS,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'withinDays must be a whole number' })
  @Min(1, { message: 'withinDays must be at least 1' })
  @Max(730, { message: 'withinDays must be at most 730' })
  withinDays?: number;
}

/** The reminder window on an enterprise's own list. */
export class EnterpriseQualificationsQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 730, default: QUALIFICATION_REMINDER_DAYS })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'withinDays must be a whole number' })
  @Min(1, { message: 'withinDays must be at least 1' })
  @Max(730, { message: 'withinDays must be at most 730' })
  withinDays?: number;
}

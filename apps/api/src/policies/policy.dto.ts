/** 惠企政策 bodies and queries. The criteria are checked by `checkCriteria` (@park/contracts) in the service. */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PolicyCondition } from '@park/contracts';
import { Transform } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDateString,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { IsRequired } from '../records-common/is-required';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = (field: string) => `${field} must be a date written YYYY-MM-DD (e.g. 2026-12-07)`;

const CRITERIA_DESCRIPTION =
  'Conditions, all of which must hold (docs/policies.md): {field, comparator?, value?, grade?, codes?, year?}. ' +
  'field: industry (codes: GB/T 4754 prefixes), core-industry, manufacturer, qualification (codes: types), ' +
  'library (codes: cultivation libraries), grade (grade: lowest grade), or a figure compared with comparator gte/lte ' +
  'and value: revenue 万元, rd-intensity %, employees 人, tax 万元, output 万元, invention-patents 件. year: the ' +
  'figures’ year, none for the latest year with indicators.';

/** PATCH: the fields that change; null clears an optional one. */
export class UpdatePolicyDto {
  @ApiPropertyOptional({ example: '高新技术企业认定奖励（示例）', minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name?: string;

  @ApiPropertyOptional({ example: '启东高新区管委会经济发展局', minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'issuer must be 1 to 200 characters' })
  issuer?: string;

  @ApiPropertyOptional({ example: '示例〔2026〕1号', maxLength: 100, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 100, { message: 'documentNo must be at most 100 characters' })
  documentNo?: string | null;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 2000, { message: 'summary must be at most 2000 characters' })
  summary?: string | null;

  @ApiPropertyOptional({ example: '一次性奖励 20 万元', maxLength: 1000, nullable: true })
  @IsOptional()
  @IsString()
  @Length(0, 1000, { message: 'benefit must be at most 1000 characters' })
  benefit?: string | null;

  @ApiPropertyOptional({ example: '2026-01-01', nullable: true })
  @IsOptional()
  @Matches(DATE, { message: dateMessage('validFrom') })
  @IsDateString({ strict: true }, { message: dateMessage('validFrom') })
  validFrom?: string | null;

  @ApiPropertyOptional({ example: '2026-12-31', nullable: true })
  @IsOptional()
  @Matches(DATE, { message: dateMessage('validTo') })
  @IsDateString({ strict: true }, { message: dateMessage('validTo') })
  validTo?: string | null;

  @ApiPropertyOptional({ example: 'https://www.example.gov.cn/policy/1', maxLength: 500, nullable: true })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    { message: 'url must be an http(s) address' },
  )
  @Length(0, 500, { message: 'url must be at most 500 characters' })
  url?: string | null;

  @ApiPropertyOptional({
    description: CRITERIA_DESCRIPTION,
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [{ field: 'revenue', comparator: 'gte', value: 2000 }],
  })
  @IsOptional()
  @IsArray({ message: 'criteria must be a list of conditions' })
  criteria?: PolicyCondition[];

  @ApiPropertyOptional({ minimum: 0, maximum: 100, description: '% of a threshold counted as nearly met' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  nearMarginPercent?: number;
}

export class CreatePolicyDto extends UpdatePolicyDto {
  @ApiProperty({ example: '高新技术企业认定奖励（示例）', minLength: 1, maxLength: 200 })
  @IsRequired()
  @IsString()
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  declare name: string;

  @ApiProperty({ example: '启东高新区管委会经济发展局', minLength: 1, maxLength: 200 })
  @IsRequired()
  @IsString()
  @Length(1, 200, { message: 'issuer must be 1 to 200 characters' })
  declare issuer: string;

  @ApiProperty({
    description: CRITERIA_DESCRIPTION,
    type: 'array',
    items: { type: 'object', additionalProperties: true },
  })
  @IsRequired()
  @IsArray({ message: 'criteria must be a list of conditions' })
  declare criteria: PolicyCondition[];
}

export class NotifyPolicyDto {
  @ApiPropertyOptional({ description: 'Send again to enterprises already notified', default: false })
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}

export class PolicyListQuery {
  @ApiPropertyOptional({ description: 'Part of the name, issuer or 文号', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(0, 100)
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  q?: string;
}

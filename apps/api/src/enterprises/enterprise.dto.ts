import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GRADES, type Grade } from '@park/contracts';
import { Type } from 'class-transformer';
import {
  CULTIVATION_LIBRARIES,
  ENTERPRISE_SORTS,
  RECORD_EVENT_TYPES,
  type CultivationLibrary,
  type RecordEventType,
} from '@park/records';
import {
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNumber,
  Matches,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { IsCreditCode } from '../records-common/credit-code.validator';
import { IsIndustryCode } from '../records-common/industry-code';
import { ListQueryDto } from '../records-common/list-query.dto';
import { IsRequired } from '../records-common/is-required';
import { IsSortKey } from '../records-common/sort-keys';

export class EnterpriseListQuery extends ListQueryDto {
  @IsOptional()
  @IsSortKey(ENTERPRISE_SORTS)
  declare sort?: string;

  /** GB/T 4754 prefix. */
  @ApiPropertyOptional({ description: 'GB/T 4754 code prefix' })
  @IsOptional()
  @IsIndustryCode()
  industry?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  carrierId?: string;

  @ApiPropertyOptional({ enum: CULTIVATION_LIBRARIES })
  @IsOptional()
  @IsIn(CULTIVATION_LIBRARIES)
  library?: CultivationLibrary;

  /** 亩均 grade in `gradeYear` (the 亩均效益评价 of that year decides; an ungraded enterprise matches none). */
  @ApiPropertyOptional({ enum: GRADES, description: '亩均 grade (A/B/C/D) in gradeYear' })
  @IsOptional()
  @IsIn(GRADES, { message: 'grade: one of A, B, C, D' })
  grade?: Grade;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1990,
    maximum: 2100,
    description: 'the evaluation year of `grade`; last year when omitted',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'gradeYear: a year such as 2025' })
  @Min(1990, { message: 'gradeYear: a year such as 2025' })
  @Max(2100, { message: 'gradeYear: a year such as 2025' })
  gradeYear?: number;
}

export class UpdateEnterpriseDto {
  @ApiPropertyOptional({ example: '启东某某科技有限公司' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({
    example: '91350100M000100Y43',
    description: '统一社会信用代码 (GB 32100, check character verified); unique among the enterprises',
  })
  @IsOptional()
  @IsCreditCode()
  creditCode?: string;

  @ApiPropertyOptional({ example: '2614', description: 'GB/T 4754-2017 code, 2–4 digits' })
  @IsOptional()
  @IsIndustryCode()
  industryCode?: string | null;

  @IsOptional()
  @IsUUID()
  carrierId?: string | null;

  @IsOptional()
  @IsString()
  @Length(0, 64)
  contactName?: string | null;

  @IsOptional()
  @IsString()
  @Length(0, 32)
  contactPhone?: string | null;

  @IsOptional()
  @IsString()
  @Length(0, 300)
  address?: string | null;

  @IsOptional() @IsBoolean() aboveScale?: boolean;
  @IsOptional() @IsBoolean() highTech?: boolean;
  @IsOptional() @IsBoolean() listed?: boolean;
  @IsOptional() @IsBoolean() revenueOver100m?: boolean;
  @IsOptional() @IsBoolean() manufacturer?: boolean;
  @IsOptional() @IsBoolean() coreIndustry?: boolean;
  @IsOptional() @IsBoolean() incubating?: boolean;

  @IsOptional()
  @IsArray()
  @IsIn(CULTIVATION_LIBRARIES, { each: true })
  cultivation?: CultivationLibrary[];

  @ApiPropertyOptional({
    example: { so2: 50, nox: 150, pm: 20, cod: 500 },
    description:
      "the enterprise's discharge permit (排污许可证): metric → limit, for its stack-gas and wastewater devices that state none",
  })
  @IsOptional()
  @IsObject()
  permitLimits?: Record<string, number> | null;

  @ApiPropertyOptional({
    example: 3.5,
    description: "the permit's reference O₂, %VOL, for its stack-gas devices that state none (GB 13271-2014)",
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(20.9)
  permitO2Reference?: number | null;
}

export class CreateEnterpriseDto extends UpdateEnterpriseDto {
  @IsRequired()
  @ApiProperty({ example: '启东某某科技有限公司' })
  @IsString()
  @Length(1, 200)
  declare name: string;

  @IsRequired()
  @ApiProperty({
    example: '91350100M000100Y43',
    description: '统一社会信用代码 (GB 32100, check character verified)',
  })
  @IsCreditCode()
  declare creditCode: string;
}

const money = () => [IsOptional(), IsNumber({ allowNaN: false, allowInfinity: false }), Min(0)];
const apply =
  (...ds: PropertyDecorator[]): PropertyDecorator =>
  (t, k) =>
    ds.forEach((d) => d(t, k));

/** One year's indicators; money in 万元, energy in 吨标准煤. Fields left out are left as they are. */
export class IndicatorsDto {
  @ApiPropertyOptional({ description: '营业收入, 万元' }) @apply(...money()) revenue?: number | null;
  @ApiPropertyOptional({ description: '应税销售, 万元' }) @apply(...money()) taxableSales?: number | null;
  @ApiPropertyOptional({ description: '税收, 万元' }) @apply(...money()) tax?: number | null;
  @ApiPropertyOptional({ description: '研发投入, 万元' }) @apply(...money()) rdExpense?: number | null;
  @ApiPropertyOptional({ description: '有效发明专利, 件' })
  @IsOptional()
  @IsInt()
  @Min(0)
  inventionPatents?: number | null;
  @ApiPropertyOptional({ description: '工业总产值, 万元' }) @apply(...money()) output?: number | null;
  @ApiPropertyOptional({ description: '高新技术产业产值, 万元' }) @apply(...money()) highTechOutput?:
    number | null;
  @ApiPropertyOptional({ description: '高新技术投资, 万元' }) @apply(...money()) highTechInvestment?:
    number | null;
  @ApiPropertyOptional({ description: '综合能耗, 吨标准煤' }) @apply(...money()) energyTce?: number | null;
  @ApiPropertyOptional({ description: '从业人员, 人' })
  @IsOptional()
  @IsInt()
  @Min(0)
  employees?: number | null;
}

export class CreateEventDto {
  @ApiProperty({ enum: RECORD_EVENT_TYPES })
  @IsIn(RECORD_EVENT_TYPES)
  type!: RecordEventType;

  @ApiProperty({ example: '2024-06-30' })
  @IsDateString({ strict: true })
  occurredOn!: string;

  @ApiProperty({ example: '股东变更：上海某投资有限公司受让 30% 股权' })
  @IsString()
  @Length(1, 1000)
  summary!: string;

  @IsOptional()
  @IsObject()
  details?: Record<string, unknown>;
}

/** The actions an audit entry records (libs/records audit-trail.ts AuditAction). */
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'restore', 'import'] as const;

export class AuditQuery extends ListQueryDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 32 })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  entityType?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 64 })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  enterpriseId?: string;

  @ApiPropertyOptional({ description: 'who: the username the entry records', minLength: 1, maxLength: 64 })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  actor?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: (typeof AUDIT_ACTIONS)[number];

  @ApiPropertyOptional({ description: 'first day, Beijing time (YYYY-MM-DD)', example: '2026-12-01' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({
    description: 'last day, Beijing time (YYYY-MM-DD), included',
    example: '2026-12-31',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}

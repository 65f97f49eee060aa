import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PLAN_INDICATORS,
  PLAN_PERIOD_KINDS,
  PLAN_TASK_STATUSES,
  PLAN_TASK_YEARS,
  type PlanIndicator,
  type PlanPeriodKind,
  type PlanTaskStatus,
} from '@park/contracts';
import { PLAN_TASK_SORTS } from '@park/records';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { IsCalendarDay } from '../projects/project.dto';
import { IsRequired } from '../records-common/is-required';
import { BooleanQuery, ListQueryDto } from '../records-common/list-query.dto';
import { IsSortKey } from '../records-common/sort-keys';

/** The largest contribution a task carries (1 万亿 of any unit): past it a figure is a typing slip. */
const MAX_CONTRIBUTION = 100_000_000;

const Year = () => (target: object, key: string) => {
  Type(() => Number)(target, key);
  IsInt({ message: `${key}: a whole year` })(target, key);
  Min(PLAN_TASK_YEARS.min, { message: `${key}: from ${PLAN_TASK_YEARS.min}` })(target, key);
  Max(PLAN_TASK_YEARS.max, { message: `${key}: to ${PLAN_TASK_YEARS.max}` })(target, key);
};

export class PlanTaskListQuery extends ListQueryDto {
  @IsOptional()
  @IsSortKey(PLAN_TASK_SORTS)
  declare sort?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: PLAN_TASK_YEARS.min, maximum: PLAN_TASK_YEARS.max })
  @IsOptional()
  @Year()
  year?: number;

  @ApiPropertyOptional({ enum: PLAN_PERIOD_KINDS })
  @IsOptional()
  @IsIn(PLAN_PERIOD_KINDS, { message: `periodKind: one of ${PLAN_PERIOD_KINDS.join(', ')}` })
  periodKind?: PlanPeriodKind;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 12, description: 'quarter 1–4 or month 1–12' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'periodNumber: a whole number' })
  @Min(1, { message: 'periodNumber: from 1' })
  @Max(12, { message: 'periodNumber: to 12' })
  periodNumber?: number;

  @ApiPropertyOptional({ enum: PLAN_TASK_STATUSES })
  @IsOptional()
  @IsIn(PLAN_TASK_STATUSES, { message: `status: one of ${PLAN_TASK_STATUSES.join(', ')}` })
  status?: PlanTaskStatus;

  @ApiPropertyOptional({ enum: PLAN_INDICATORS })
  @IsOptional()
  @IsIn(PLAN_INDICATORS, { message: `indicator: one of ${PLAN_INDICATORS.join(', ')}` })
  indicator?: PlanIndicator;

  @ApiPropertyOptional({ description: '责任人, exact' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  ownerName?: string;

  @ApiPropertyOptional({ description: '责任部门, exact' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  department?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'the tasks split from this one' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'only open tasks past their due date (true) or the others',
  })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  overdue?: boolean;
}

export class PlanReviewQuery {
  @ApiProperty({ type: 'integer', minimum: PLAN_TASK_YEARS.min, maximum: PLAN_TASK_YEARS.max })
  @Year()
  year!: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 12 })
  @Type(() => Number)
  @IsInt({ message: 'month: a whole number' })
  @Min(1, { message: 'month: 1 to 12' })
  @Max(12, { message: 'month: 1 to 12' })
  month!: number;
}

export class UpdatePlanTaskDto {
  @ApiPropertyOptional({ type: 'integer', minimum: PLAN_TASK_YEARS.min, maximum: PLAN_TASK_YEARS.max })
  @IsOptional()
  @Year()
  year?: number;

  @ApiPropertyOptional({ enum: PLAN_PERIOD_KINDS, description: '年度 year / 季度 quarter / 月度 month' })
  @IsOptional()
  @IsIn(PLAN_PERIOD_KINDS, { message: `periodKind: one of ${PLAN_PERIOD_KINDS.join(', ')}` })
  periodKind?: PlanPeriodKind;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: 12,
    description: 'quarter 1–4 or month 1–12; null for a yearly task',
  })
  @IsOptional()
  @IsInt({ message: 'periodNumber: a whole number' })
  @Min(1, { message: 'periodNumber: from 1' })
  @Max(12, { message: 'periodNumber: to 12' })
  periodNumber?: number | null;

  @ApiPropertyOptional({ enum: PLAN_INDICATORS, nullable: true })
  @IsOptional()
  @IsIn(PLAN_INDICATORS, { message: `indicator: one of ${PLAN_INDICATORS.join(', ')}` })
  indicator?: PlanIndicator | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'the task this one is split from' })
  @IsOptional()
  @IsUUID(undefined, { message: 'parentId: a plan task id' })
  parentId?: string | null;

  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'title: 1 to 200 characters' })
  title?: string;

  @IsOptional()
  @IsString()
  @Length(0, 2000, { message: 'description: at most 2000 characters' })
  description?: string | null;

  @ApiPropertyOptional({ description: '责任人' })
  @IsOptional()
  @IsString()
  @Length(1, 50, { message: 'ownerName: 1 to 50 characters' })
  ownerName?: string;

  @ApiPropertyOptional({ description: '责任部门' })
  @IsOptional()
  @IsString()
  @Length(1, 50, { message: 'department: 1 to 50 characters' })
  department?: string;

  @ApiPropertyOptional({
    nullable: true,
    minimum: 0,
    maximum: MAX_CONTRIBUTION,
    description: "the part of the indicator's annual target the task carries, in the indicator's unit",
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'contribution: a number' })
  @Min(0, { message: 'contribution: not negative' })
  @Max(MAX_CONTRIBUTION, { message: `contribution: at most ${MAX_CONTRIBUTION}` })
  contribution?: number | null;

  @ApiPropertyOptional({
    enum: PLAN_TASK_STATUSES,
    description: 'done sets completedOn (today unless given)',
  })
  @IsOptional()
  @IsIn(PLAN_TASK_STATUSES, { message: `status: one of ${PLAN_TASK_STATUSES.join(', ')}` })
  status?: PlanTaskStatus;

  @ApiPropertyOptional({ example: '2026-03-31', description: "期限; default the period's last day" })
  @IsOptional()
  @IsCalendarDay()
  dueOn?: string;

  @ApiPropertyOptional({ example: '2026-03-28', description: 'the day it was done (status done only)' })
  @IsOptional()
  @IsCalendarDay()
  completedOn?: string;

  @ApiPropertyOptional({ description: '进展情况' })
  @IsOptional()
  @IsString()
  @Length(0, 2000, { message: 'progressNote: at most 2000 characters' })
  progressNote?: string | null;
}

export class CreatePlanTaskDto extends UpdatePlanTaskDto {
  @ApiProperty({ type: 'integer', minimum: PLAN_TASK_YEARS.min, maximum: PLAN_TASK_YEARS.max })
  @IsRequired()
  @Year()
  declare year: number;

  @ApiProperty({ enum: PLAN_PERIOD_KINDS, description: '年度 year / 季度 quarter / 月度 month' })
  @IsRequired()
  @IsIn(PLAN_PERIOD_KINDS, { message: `periodKind: one of ${PLAN_PERIOD_KINDS.join(', ')}` })
  declare periodKind: PlanPeriodKind;

  @IsRequired()
  @IsString()
  @Length(1, 200, { message: 'title: 1 to 200 characters' })
  declare title: string;

  @ApiProperty({ description: '责任人' })
  @IsRequired()
  @IsString()
  @Length(1, 50, { message: 'ownerName: 1 to 50 characters' })
  declare ownerName: string;

  @ApiProperty({ description: '责任部门' })
  @IsRequired()
  @IsString()
  @Length(1, 50, { message: 'department: 1 to 50 characters' })
  declare department: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROJECT_STAGES, type ProjectStage } from '@park/contracts';
import { PROJECT_SORTS } from '@park/records';
import {
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateBy,
} from 'class-validator';
import { IsRequired } from '../records-common/is-required';
import { BooleanQuery, ListQueryDto } from '../records-common/list-query.dto';
import { IsSortKey } from '../records-common/sort-keys';

/** The largest amount a project's figures take, 万元 (1 万亿元): past it a figure is a typing slip. */
const MAX_WAN_YUAN = 100_000_000;

/** A calendar day `YYYY-MM-DD` that exists (no 2025-02-30), not a timestamp. */
export const IsCalendarDay = () =>
  ValidateBy({
    name: 'isCalendarDay',
    validator: {
      validate: (v: unknown) =>
        typeof v === 'string' &&
        /^\d{4}-\d{2}-\d{2}$/.test(v) &&
        !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) &&
        new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v,
      defaultMessage: (args) => `${args?.property}: a calendar day YYYY-MM-DD that exists`,
    },
  });

const Amount = () => (target: object, key: string) => {
  ApiPropertyOptional({ description: '万元', nullable: true, minimum: 0, maximum: MAX_WAN_YUAN })(
    target,
    key,
  );
  IsOptional()(target, key);
  IsNumber({ allowNaN: false, allowInfinity: false }, { message: `${key}: a number of 万元` })(target, key);
  Min(0, { message: `${key}: not negative` })(target, key);
  Max(MAX_WAN_YUAN, { message: `${key}: at most ${MAX_WAN_YUAN} 万元` })(target, key);
};

export class ProjectListQuery extends ListQueryDto {
  @IsOptional()
  @IsSortKey(PROJECT_SORTS)
  declare sort?: string;

  @ApiPropertyOptional({ enum: PROJECT_STAGES })
  @IsOptional()
  @IsIn(PROJECT_STAGES, { message: `stage: one of ${PROJECT_STAGES.join(', ')}` })
  stage?: ProjectStage;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  enterpriseId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  parcelId?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'only projects with (true) or without (false) an overdue milestone',
  })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  overdue?: boolean;
}

export class UpdateProjectDto {
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'name: 1 to 200 characters' })
  name?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID(undefined, { message: 'enterpriseId: an enterprise id' })
  enterpriseId?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID(undefined, { message: 'parcelId: a parcel id' })
  parcelId?: string | null;

  @ApiPropertyOptional({ example: '2024-03-18', description: '签约日期' })
  @IsOptional()
  @IsCalendarDay()
  signedOn?: string;

  @Amount()
  promisedInvestment?: number | null;

  @Amount()
  promisedSales?: number | null;

  @Amount()
  promisedTax?: number | null;

  @ApiPropertyOptional({ description: '项目责任人' })
  @IsOptional()
  @IsString()
  @Length(1, 50, { message: 'ownerName: 1 to 50 characters' })
  ownerName?: string;

  @ApiPropertyOptional({ description: '责任部门' })
  @IsOptional()
  @IsString()
  @Length(1, 50, { message: 'department: 1 to 50 characters' })
  department?: string;

  @IsOptional()
  @IsString()
  @Length(0, 2000, { message: 'note: at most 2000 characters' })
  note?: string | null;
}

export class CreateProjectDto extends UpdateProjectDto {
  @IsRequired()
  @IsString()
  @Length(1, 200, { message: 'name: 1 to 200 characters' })
  declare name: string;

  @ApiProperty({ format: 'uuid' })
  @IsRequired()
  @IsUUID(undefined, { message: 'enterpriseId: an enterprise id' })
  declare enterpriseId: string;

  @ApiProperty({ example: '2024-03-18', description: '签约日期' })
  @IsRequired()
  @IsCalendarDay()
  declare signedOn: string;

  @ApiProperty({ description: '项目责任人' })
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

export class AdvanceProjectDto {
  @ApiProperty({ enum: PROJECT_STAGES, description: 'the next stage: 签约 → 开工 → 竣工 → 达产' })
  @IsIn(PROJECT_STAGES, { message: `stage: one of ${PROJECT_STAGES.join(', ')}` })
  stage!: ProjectStage;

  @ApiProperty({ example: '2025-04-01', description: 'the day the stage was reached' })
  @IsCalendarDay()
  on!: string;
}

export class UpdateMilestoneDto {
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'title: 1 to 200 characters' })
  title?: string;

  @ApiPropertyOptional({ example: '2025-06-30' })
  @IsOptional()
  @IsCalendarDay()
  dueOn?: string;

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
}

export class CreateMilestoneDto extends UpdateMilestoneDto {
  @IsRequired()
  @IsString()
  @Length(1, 200, { message: 'title: 1 to 200 characters' })
  declare title: string;

  @ApiProperty({ example: '2025-06-30' })
  @IsRequired()
  @IsCalendarDay()
  declare dueOn: string;

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

export class CompleteMilestoneDto {
  @ApiProperty({ example: '2025-06-28', description: 'the day it was done' })
  @IsCalendarDay()
  doneOn!: string;
}

/** What the project reached in one year; a figure left out or null is 未上报. */
export class ProjectActualDto {
  @Amount()
  investment?: number | null;

  @Amount()
  sales?: number | null;

  @Amount()
  tax?: number | null;
}

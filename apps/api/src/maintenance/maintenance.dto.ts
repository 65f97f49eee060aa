import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AlertSubjectType } from '@park/contracts';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { BooleanQuery, MAX_EPOCH_MS } from '../records-common/list-query.dto';

const SUBJECT_TYPES = ['device', 'line'] as const;

export class CreateMaintenanceWindowDto {
  @ApiProperty({ enum: SUBJECT_TYPES })
  @IsIn(SUBJECT_TYPES)
  subjectType!: AlertSubjectType;

  @ApiProperty({ description: 'the device id, or the production line (unique within the enterprise)' })
  @IsString()
  @Length(1, 64)
  subjectId!: string;

  @ApiPropertyOptional({ description: "required for a line; for a device it is the device's own enterprise" })
  @IsOptional()
  @IsUUID()
  enterpriseId?: string;

  @ApiPropertyOptional({ description: 'epoch ms; default now; not in the past' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_EPOCH_MS)
  startsAt?: number;

  @ApiProperty({ description: 'epoch ms, after startsAt; at most 7 days later (90 for an admin)' })
  @IsInt()
  @Min(0)
  @Max(MAX_EPOCH_MS)
  endsAt!: number;

  @ApiProperty({ description: 'why (检修 reason), shown with every alert the window holds back' })
  @IsString()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @Length(1, 500)
  reason!: string;
}

export class MaintenanceListQuery {
  @ApiPropertyOptional({ enum: SUBJECT_TYPES })
  @IsOptional()
  @IsIn(SUBJECT_TYPES)
  subjectType?: AlertSubjectType;

  @ApiPropertyOptional({ minLength: 1, maxLength: 64 })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  subjectId?: string;

  /** Ignored for an energy manager, who only ever sees their own enterprise. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  enterprise?: string;

  /** Only windows that have not ended yet (active or planned). */
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  current?: boolean;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { REPORT_KINDS, type ReportKind } from '@park/contracts';

const PERIOD = /^\d{4}-\d{2}(-\d{2})?$/;

/** POST /api/reports: the report to generate now. */
export class GenerateReportDto {
  @ApiProperty({
    enum: REPORT_KINDS,
    description:
      'emission: 排放日报/月报 of an outlet; energy: 能耗月报; alarms: 告警月报; park: 园区月度运行报告',
  })
  @IsIn(REPORT_KINDS, { message: `kind must be one of ${REPORT_KINDS.join(', ')}` })
  kind!: ReportKind;

  @ApiProperty({
    example: '2026-11',
    description:
      'YYYY-MM (a month), or YYYY-MM-DD (a day, emission reports only), on the park clock (Asia/Shanghai)',
  })
  @IsString()
  @Matches(PERIOD, { message: 'period must be YYYY-MM or YYYY-MM-DD' })
  period!: string;

  @ApiProperty({
    example: 'park',
    description:
      "emission: the outlet's device id; energy, alarms: an enterprise id, or park for the whole park; park: park",
    maxLength: 64,
  })
  @IsString()
  @MaxLength(64)
  scope!: string;
}

/** GET /api/reports filters. */
export class ReportListQueryDto {
  @ApiPropertyOptional({ enum: REPORT_KINDS })
  @IsOptional()
  @IsIn(REPORT_KINDS, { message: `kind must be one of ${REPORT_KINDS.join(', ')}` })
  kind?: ReportKind;

  @ApiPropertyOptional({ example: '2026-11' })
  @IsOptional()
  @Matches(PERIOD, { message: 'period must be YYYY-MM or YYYY-MM-DD' })
  period?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

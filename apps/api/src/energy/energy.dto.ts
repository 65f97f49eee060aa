import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';

const INSTANT = 'must be an ISO 8601 date-time with a zone (2025-11-27T00:00:00+08:00) or epoch milliseconds';

/** `?from=`/`?to=`: epoch ms or ISO 8601 with a zone; anything else becomes NaN and fails @IsInt with INSTANT. */
export function parseInstant(value: unknown): number {
  if (typeof value !== 'string') return NaN;
  const text = value.trim();
  if (/^\d{1,15}$/.test(text)) return Number(text);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return NaN;
  return Date.parse(text);
}

const Instant = () => Transform(({ value }: { value: unknown }) => parseInstant(value));

export class EnergyQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'required for admin, officer and operator; an energy manager may omit it (their own enterprise)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'enterpriseId must be a UUID' })
  enterpriseId?: string;

  @ApiProperty({
    example: '2025-11-01T00:00:00+08:00',
    description: 'window start: ISO 8601 with a zone, or epoch ms',
  })
  @Instant()
  @IsInt({ message: `from ${INSTANT}` })
  @Min(0, { message: `from ${INSTANT}` })
  from!: number;

  @ApiProperty({
    example: '2025-12-01T00:00:00+08:00',
    description: 'window end (exclusive), after from, at most 400 days later',
  })
  @Instant()
  @IsInt({ message: `to ${INSTANT}` })
  @Min(0, { message: `to ${INSTANT}` })
  to!: number;
}

class TouSplitDto {
  @ApiProperty({ description: '峰 kWh' })
  peak!: number;

  @ApiProperty({ description: '平 kWh' })
  flat!: number;

  @ApiProperty({ description: '谷 kWh' })
  valley!: number;
}

class TouSummaryDto extends TouSplitDto {
  @ApiProperty({ example: '8-11,17-22', description: 'peak hours (Asia/Shanghai, end exclusive)' })
  peakHours!: string;

  @ApiProperty({ example: '0-8', description: 'valley hours (Asia/Shanghai, end exclusive)' })
  valleyHours!: string;
}

class DailyDto extends TouSplitDto {
  @ApiProperty({ example: '2025-11-27', description: 'Asia/Shanghai day' })
  date!: string;

  @ApiProperty({ description: 'kWh' })
  kwh!: number;
}

class MonthlyDto {
  @ApiProperty({ example: '2025-11' })
  month!: string;

  @ApiProperty({ description: 'kWh' })
  kwh!: number;
}

class MeterDto {
  @ApiProperty()
  deviceId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, nullable: true })
  line!: string | null;

  @ApiProperty({ type: String, nullable: true, enum: ['production', 'pollution-control', 'general'] })
  role!: string | null;

  @ApiProperty({ description: 'kWh' })
  kwh!: number;

  @ApiProperty({ type: TouSplitDto })
  tou!: TouSplitDto;

  @ApiProperty({ type: Number, nullable: true, description: 'highest 15-minute mean load, kW' })
  peakKw!: number | null;
}

class LineDto {
  @ApiProperty({ type: String, nullable: true, description: 'null: meters with no line' })
  line!: string | null;

  @ApiProperty({ description: 'kWh' })
  kwh!: number;

  @ApiProperty()
  meters!: number;
}

class PeakDto {
  @ApiProperty({ description: 'kW' })
  kw!: number;

  @ApiProperty({ description: 'start of the 15-minute interval, epoch ms' })
  at!: number;
}

class LoadPointDto {
  @ApiProperty({ description: 'epoch ms' })
  ts!: number;

  @ApiProperty({ description: 'kW' })
  kw!: number;
}

class YoyDto {
  @ApiProperty({ description: 'epoch ms' })
  from!: number;

  @ApiProperty({ description: 'epoch ms' })
  to!: number;

  @ApiProperty({ type: Number, nullable: true, description: 'kWh in the same window a year earlier' })
  kwh!: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'percent' })
  changePct!: number | null;
}

class CarbonDto {
  @ApiProperty({ description: 'kg CO₂ per kWh (GRID_EMISSION_FACTOR_KG_PER_KWH)' })
  factorKgPerKwh!: number;

  @ApiProperty({ description: 't CO₂' })
  tCo2e!: number;
}

class IntensityDto {
  @ApiProperty({ type: Number, nullable: true, description: '工业总产值 attributed to the window, 万元' })
  outputWan!: number | null;

  @ApiProperty({ type: [Number] })
  years!: number[];

  @ApiProperty({ type: Number, nullable: true, description: 'kWh per 万元 of output' })
  kwhPer10kYuan!: number | null;
}

export class EnergySummaryDto {
  @ApiProperty({ format: 'uuid' })
  enterpriseId!: string;

  @ApiProperty()
  enterpriseName!: string;

  @ApiProperty({ description: 'epoch ms' })
  from!: number;

  @ApiProperty({ description: 'epoch ms' })
  to!: number;

  @ApiProperty({ enum: ['Asia/Shanghai'] })
  timeZone!: 'Asia/Shanghai';

  @ApiProperty({ description: 'kWh' })
  totalKwh!: number;

  @ApiProperty({ type: PeakDto, nullable: true })
  peakDemand!: PeakDto | null;

  @ApiProperty({ type: TouSummaryDto })
  tou!: TouSummaryDto;

  @ApiProperty({ type: [DailyDto] })
  daily!: DailyDto[];

  @ApiProperty({ type: [MonthlyDto] })
  monthly!: MonthlyDto[];

  @ApiProperty({ type: [MeterDto] })
  meters!: MeterDto[];

  @ApiProperty({ type: [LineDto] })
  lines!: LineDto[];

  @ApiProperty({ type: [LoadPointDto] })
  load!: LoadPointDto[];

  @ApiProperty({ description: 'width of a load point, ms (15 min; 1 h for windows over 7 days)' })
  loadIntervalMs!: number;

  @ApiProperty({ type: YoyDto })
  yoy!: YoyDto;

  @ApiProperty({ type: CarbonDto })
  carbon!: CarbonDto;

  @ApiProperty({ type: IntensityDto })
  intensity!: IntensityDto;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { DEVICE_ID_PATTERN, SERIES_RESOLUTIONS, type SeriesResolution } from '@park/contracts';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { MAX_POINTS, MIN_POINTS, parseInstant } from './series-plan';

const INSTANT = 'must be an ISO 8601 date-time with a zone (2025-11-27T09:30:00+08:00) or epoch milliseconds';

/** `?from=`/`?to=`: epoch ms (as the alerts list takes them) or ISO 8601; NaN fails @IsInt with INSTANT. */
const Instant = () => Transform(({ value }: { value: unknown }) => parseInstant(value));

export class SeriesQuery {
  @ApiProperty({ example: 'qd-cems-01' })
  @IsString()
  @Matches(DEVICE_ID_PATTERN, { message: 'deviceId is not a device id' })
  deviceId!: string;

  @ApiProperty({
    example: 'so2',
    description: "one of the device kind's metrics (see docs/device-protocol.md)",
  })
  @IsString()
  @Length(1, 64)
  metric!: string;

  @ApiProperty({ example: '2025-11-27T09:00:00+08:00', description: 'ISO 8601 with a zone, or epoch ms' })
  @Instant()
  @IsInt({ message: `from ${INSTANT}` })
  @Min(0, { message: `from ${INSTANT}` })
  from!: number;

  @ApiProperty({ example: 1764210600000, description: 'ISO 8601 with a zone, or epoch ms; after from' })
  @Instant()
  @IsInt({ message: `to ${INSTANT}` })
  @Min(0, { message: `to ${INSTANT}` })
  to!: number;

  @ApiPropertyOptional({
    minimum: MIN_POINTS,
    maximum: MAX_POINTS,
    default: 300,
    description: 'most points to return; more raw readings than this are averaged per time bucket',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(MIN_POINTS)
  @Max(MAX_POINTS)
  points?: number;

  @ApiPropertyOptional({
    enum: SERIES_RESOLUTIONS,
    description:
      'raw: the readings (round means when more than `points`); hour: the hourly means; day: the mean of each Asia/Shanghai day’s hourly means. Absent: sized to the window. hour and day refuse a window of more than `points` buckets.',
  })
  @IsOptional()
  @IsIn(SERIES_RESOLUTIONS, { message: `resolution must be one of ${SERIES_RESOLUTIONS.join(', ')}` })
  resolution?: SeriesResolution;
}

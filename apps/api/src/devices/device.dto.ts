import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DEVICE_ID_PATTERN,
  DEVICE_KIND_NAMES,
  METER_ROLES,
  type DeviceKind,
  type MeterRole,
} from '@park/contracts';
import { DEVICE_SORTS, type ProcessLimitSettings } from '@park/records';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { BooleanQuery, ListQueryDto } from '../records-common/list-query.dto';
import { IsRequired } from '../records-common/is-required';
import { IsSortKey } from '../records-common/sort-keys';

export class DeviceListQuery extends ListQueryDto {
  @IsOptional()
  @IsSortKey(DEVICE_SORTS)
  declare sort?: string;

  @ApiPropertyOptional({ enum: DEVICE_KIND_NAMES })
  @IsOptional()
  @IsIn(DEVICE_KIND_NAMES)
  kind?: DeviceKind;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateDeviceDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: METER_ROLES, description: 'power meters only' })
  @IsOptional()
  @IsIn(METER_ROLES)
  role?: MeterRole | null;

  @ApiPropertyOptional({ description: 'production line (分表计电 correlates meters by line)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  line?: string | null;

  @IsOptional()
  @IsString()
  @Length(0, 200)
  location?: string | null;

  @ApiPropertyOptional({ description: 'expected reporting interval, s' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(86_400)
  expectedIntervalS?: number;

  @ApiPropertyOptional({
    example: { so2: 50, nox: 150, pm: 20 },
    description: 'emission devices: metric → limit',
  })
  @IsOptional()
  @IsObject()
  permitLimits?: Record<string, number> | null;

  @ApiPropertyOptional({
    example: 3.5,
    description:
      "stack-gas devices: the permit's reference O₂, %VOL (GB 13271-2014: 3.5 gas/oil boilers, 9 coal); readings are corrected to it",
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(20.9)
  permitO2Reference?: number | null;

  @ApiPropertyOptional({
    example: 900,
    description:
      'production and pollution-control power meters: normal running load, kW (分表计电 rules sum it per line)',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.001)
  @Max(1_000_000)
  normalKw?: number | null;
  @ApiPropertyOptional({
    example: { pressure: { high: 300, highHigh: 350, hysteresis: 10, delayMs: 10_000 } },
    description:
      "temperature, pressure and liquid-level devices: metric → the installation's process safety set points " +
      '(H/HH/L/LL in the metric unit, hysteresis, delayMs) that its process-limit rule judges (docs/rules.md)',
  })
  @IsOptional()
  @IsObject()
  processLimits?: Record<string, ProcessLimitSettings> | null;
}

export class CreateDeviceDto extends UpdateDeviceDto {
  @ApiProperty({ example: 'qd-meter-0101', description: 'also the MQTT username' })
  @IsString()
  @Matches(DEVICE_ID_PATTERN, {
    message: 'id must be 1–64 letters, digits, "_", "." or "-", starting with a letter or digit',
  })
  id!: string;

  @IsUUID()
  enterpriseId!: string;

  @IsRequired()
  @IsString()
  @Length(1, 200)
  declare name: string;

  @ApiProperty({ enum: DEVICE_KIND_NAMES })
  @IsIn(DEVICE_KIND_NAMES)
  kind!: DeviceKind;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ADMISSION_LEVELS, CARRIER_SORTS, type AdmissionLevel } from '@park/records';
import {
  IsDateString,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { IsIndustryCode } from '../records-common/industry-code';
import { ListQueryDto } from '../records-common/list-query.dto';
import { IsRequired } from '../records-common/is-required';
import { IsSortKey } from '../records-common/sort-keys';

export class CarrierListQuery extends ListQueryDto {
  @IsOptional()
  @IsSortKey(CARRIER_SORTS)
  declare sort?: string;
}

export class UpdateCarrierDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ description: '可租赁产业空间, m²' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(100_000_000)
  floorAreaM2?: number;

  @IsOptional()
  @IsString()
  @Length(0, 200)
  operator?: string | null;

  @IsOptional()
  @IsString()
  @Length(0, 300)
  address?: string | null;
}

export class CreateCarrierDto extends UpdateCarrierDto {
  @ApiProperty({ example: 'ZT-PD' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, {
    message: 'code must be 1–32 letters, digits, ".", "_" or "-"',
  })
  code!: string;

  @IsRequired()
  @IsString()
  @Length(1, 200)
  declare name: string;

  @IsRequired()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(100_000_000)
  declare floorAreaM2: number;
}

export class AddTenantDto {
  @IsUUID()
  enterpriseId!: string;

  @ApiProperty({ description: 'leased floor area, m²' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  areaM2!: number;

  @ApiProperty({ example: '2024-03-01' })
  @IsDateString({ strict: true })
  startDate!: string;

  @ApiPropertyOptional({
    description: 'required when the industry is on the restricted list: why admit it anyway',
  })
  @IsOptional()
  @IsString()
  @Length(5, 2000)
  overrideNote?: string;
}

export class EndTenancyDto {
  @IsDateString({ strict: true })
  endDate!: string;
}

export class AdmissionEntryDto {
  @ApiProperty({ enum: ADMISSION_LEVELS })
  @IsIn(ADMISSION_LEVELS)
  level!: AdmissionLevel;

  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class IndustryCodeParam {
  @IsIndustryCode()
  code!: string;
}

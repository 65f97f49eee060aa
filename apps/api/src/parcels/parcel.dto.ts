import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PARCEL_SORTS, type ParcelGeometry } from '@park/records';
import {
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
} from 'class-validator';
import { BooleanQuery, ListQueryDto } from '../records-common/list-query.dto';
import { IsRequired } from '../records-common/is-required';
import { IsSortKey } from '../records-common/sort-keys';
import { geometryProblem } from './geometry';

export class ParcelListQuery extends ListQueryDto {
  @IsOptional()
  @IsSortKey(PARCEL_SORTS)
  declare sort?: string;

  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean()
  inefficient?: boolean;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  carrierId?: string;
}

const IsGeometry = () =>
  ValidateBy({
    name: 'isGeometry',
    validator: {
      validate: (v: unknown) => v === null || geometryProblem(v) === null,
      defaultMessage: (args) => `geometry: ${geometryProblem(args?.value) ?? 'invalid'}`,
    },
  });

export class UpdateParcelDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ description: 'area in 亩' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(100000)
  areaMu?: number;

  @ApiPropertyOptional({ example: '工业用地' })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  landUse?: string;

  @IsOptional()
  @IsString()
  @Length(0, 200)
  owner?: string | null;

  @IsOptional()
  @IsUUID()
  enterpriseId?: string | null;

  @IsOptional()
  @IsUUID()
  carrierId?: string | null;

  @IsOptional()
  @IsBoolean()
  inefficient?: boolean;

  @IsOptional()
  @IsInt()
  @Min(2000)
  @Max(2100)
  revitalizedYear?: number | null;

  @ApiPropertyOptional({ description: 'GeoJSON Polygon or MultiPolygon, WGS 84' })
  @IsOptional()
  @IsGeometry()
  geometry?: ParcelGeometry | null;
}

export class CreateParcelDto extends UpdateParcelDto {
  @ApiProperty({ example: 'QD-GX-2023-017', description: '地块编号' })
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
  @Min(0.01)
  @Max(100000)
  declare areaMu: number;

  @IsRequired()
  @IsString()
  @Length(1, 32)
  declare landUse: string;
}

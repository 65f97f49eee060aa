import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TRANSFER_TERM_MAX_YEARS, TRANSFER_TERM_MIN_YEARS } from '@park/contracts';
import { PARCEL_SORTS, type ParcelGeometry } from '@park/records';
import {
  IsBoolean,
  IsDateString,
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

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const transferDateMessage = 'transferDate (出让日期) must be a date written YYYY-MM-DD (e.g. 2015-03-01)';
const termMessage = `transferTermYears (出让年限) must be a whole number of years from ${TRANSFER_TERM_MIN_YEARS} to ${TRANSFER_TERM_MAX_YEARS}`;
/** The longest 合同约定条款 text: a page of terms, not a whole contract. */
export const CONTRACT_TERMS_MAX = 4000;

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

  @ApiPropertyOptional({ description: '不动产权证号', example: '苏(2015)启东市不动产权第0012345号' })
  @IsOptional()
  @IsString()
  @Length(1, 64, { message: 'certificateNo (不动产权证号) must be 1 to 64 characters' })
  certificateNo?: string | null;

  @ApiPropertyOptional({ description: '出让日期, YYYY-MM-DD', example: '2015-03-01' })
  @IsOptional()
  @Matches(DATE, { message: transferDateMessage })
  @IsDateString({ strict: true }, { message: transferDateMessage })
  transferDate?: string | null;

  @ApiPropertyOptional({ description: '出让年限, years', minimum: 1, maximum: 70, example: 50 })
  @IsOptional()
  @IsInt({ message: termMessage })
  @Min(TRANSFER_TERM_MIN_YEARS, { message: termMessage })
  @Max(TRANSFER_TERM_MAX_YEARS, { message: termMessage })
  transferTermYears?: number | null;

  @ApiPropertyOptional({ description: '容积率 (dimensionless)', minimum: 0, example: 1.2 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'plotRatio (容积率) must be a number' })
  @Min(0, { message: 'plotRatio (容积率) must not be negative' })
  @Max(100, { message: 'plotRatio (容积率) must be at most 100' })
  plotRatio?: number | null;

  @ApiPropertyOptional({ description: '投资强度 in 万元/亩', minimum: 0, example: 350 })
  @IsOptional()
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    { message: 'investmentIntensity (投资强度, 万元/亩) must be a number' },
  )
  @Min(0, { message: 'investmentIntensity (投资强度, 万元/亩) must not be negative' })
  @Max(1_000_000, { message: 'investmentIntensity (投资强度, 万元/亩) must be at most 1000000' })
  investmentIntensity?: number | null;

  @ApiPropertyOptional({ description: '出让合同 / 产业协议编号' })
  @IsOptional()
  @IsString()
  @Length(1, 64, { message: 'contractNo (出让合同编号) must be 1 to 64 characters' })
  contractNo?: string | null;

  @ApiPropertyOptional({ description: '合同约定条款: 约定投资额、达产期限、亩均税收承诺…' })
  @IsOptional()
  @IsString()
  @Length(1, CONTRACT_TERMS_MAX, {
    message: `contractTerms (合同约定条款) must be 1 to ${CONTRACT_TERMS_MAX} characters`,
  })
  contractTerms?: string | null;

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

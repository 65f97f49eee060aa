import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  EXCHANGE_METRICS,
  SOURCE_KINDS,
  type ExchangeMetric,
  type ExchangeRowInput,
  type SourceKind,
} from '@park/contracts';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { BooleanQuery, ListQueryDto } from '../records-common/list-query.dto';

/** Most rows one upload may carry (a year of monthly figures of 10 000 enterprises is 120 000). */
export const MAX_UPLOAD_ROWS = 200_000;
/** A drop folder is one plain folder name: no path, no dot first. */
const DROP_FOLDER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const DROP_FOLDER_MESSAGE = 'dropFolder: 1–64 letters, digits, - or _ (a folder name, not a path)';

export class CreateSourceDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: '国网启东供电公司' })
  @IsString({ message: 'name: text' })
  @Length(1, 100, { message: 'name: 1–100 characters' })
  name!: string;

  @ApiProperty({ enum: SOURCE_KINDS })
  @IsIn(SOURCE_KINDS, { message: `kind: one of ${SOURCE_KINDS.join(', ')}` })
  kind!: SourceKind;

  @ApiProperty({ enum: EXCHANGE_METRICS, isArray: true, description: 'the metrics its key may write' })
  @IsArray({ message: 'scopes: a list of metrics' })
  @ArrayNotEmpty({ message: 'scopes: at least one metric' })
  @IsIn(EXCHANGE_METRICS, { each: true, message: `scopes: each one of ${EXCHANGE_METRICS.join(', ')}` })
  scopes!: ExchangeMetric[];

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10_000, default: 60 })
  @IsOptional()
  @IsInt({ message: 'rateLimitPerMinute: a whole number' })
  @Min(1, { message: 'rateLimitPerMinute: at least 1' })
  @Max(10_000, { message: 'rateLimitPerMinute: at most 10000' })
  rateLimitPerMinute?: number;

  @ApiPropertyOptional({ nullable: true, pattern: DROP_FOLDER.source, example: 'power-company' })
  @IsOptional()
  @IsString({ message: DROP_FOLDER_MESSAGE })
  @Matches(DROP_FOLDER, { message: DROP_FOLDER_MESSAGE })
  dropFolder?: string | null;
}

export class UpdateSourceDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @IsOptional()
  @IsString({ message: 'name: text' })
  @Length(1, 100, { message: 'name: 1–100 characters' })
  name?: string;

  @ApiPropertyOptional({ enum: EXCHANGE_METRICS, isArray: true })
  @IsOptional()
  @IsArray({ message: 'scopes: a list of metrics' })
  @ArrayNotEmpty({ message: 'scopes: at least one metric' })
  @IsIn(EXCHANGE_METRICS, { each: true, message: `scopes: each one of ${EXCHANGE_METRICS.join(', ')}` })
  scopes?: ExchangeMetric[];

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 10_000 })
  @IsOptional()
  @IsInt({ message: 'rateLimitPerMinute: a whole number' })
  @Min(1, { message: 'rateLimitPerMinute: at least 1' })
  @Max(10_000, { message: 'rateLimitPerMinute: at most 10000' })
  rateLimitPerMinute?: number;

  /** null: no drop folder (IsOptional lets null through to mean that). */
  @ApiPropertyOptional({ nullable: true, pattern: DROP_FOLDER.source })
  @IsOptional()
  @IsString({ message: DROP_FOLDER_MESSAGE })
  @Matches(DROP_FOLDER, { message: DROP_FOLDER_MESSAGE })
  dropFolder?: string | null;
}

export class BatchListQuery extends ListQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'only this source’s uploads' })
  @IsOptional()
  @IsUUID('all', { message: 'sourceId: a source id' })
  sourceId?: string;
}

/** The inbound route's body (JSON; a `text/csv` body is turned into the same shape before validation). */
export class UploadDto {
  @ApiProperty({
    type: 'array',
    maxItems: MAX_UPLOAD_ROWS,
    description: 'one figure a row: { uscc, metric, period, value }; each row is checked on its own',
  })
  @IsArray({ message: 'rows: a list of { uscc, metric, period, value }' })
  @ArrayMaxSize(MAX_UPLOAD_ROWS, { message: `rows: at most ${MAX_UPLOAD_ROWS} a request` })
  rows!: ExchangeRowInput[];

  @ApiPropertyOptional({ default: false, description: 'validate and report, store nothing' })
  @IsOptional()
  @IsBoolean({ message: 'dryRun: true or false' })
  dryRun?: boolean;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 200,
    description: 'the sender’s own reference for the batch',
  })
  @IsOptional()
  @IsString({ message: 'reference: text' })
  @Length(1, 200, { message: 'reference: 1–200 characters' })
  reference?: string;
}

export class UploadQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'validate and report, store nothing' })
  @IsOptional()
  @BooleanQuery()
  @IsBoolean({ message: 'dryRun: true or false' })
  dryRun?: boolean;
}

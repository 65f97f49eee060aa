import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { PageRequest } from '@park/records';

/**
 * The last page a list may ask for. Bounded because the database is asked for OFFSET (page - 1) × pageSize:
 * an unbounded page (1e20 is still an integer to JavaScript) failed in the database — PostgreSQL "bigint out of
 * range", SQLite "datatype mismatch" — and answered 500. 100 000 pages of 500 rows is further than any list of
 * the park reaches.
 */
export const MAX_PAGE = 100_000;
export const MAX_PAGE_SIZE = 500;
/** The last instant a JavaScript Date can hold (year 275760): a larger epoch-ms bound became an invalid date. */
export const MAX_EPOCH_MS = 8_640_000_000_000_000;

/** Paging, sorting and free-text search shared by every records list. */
export class ListQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'page must be a whole number' })
  @Min(1, { message: 'page must be at least 1' })
  @Max(MAX_PAGE, { message: `page must be at most ${MAX_PAGE}` })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'pageSize must be a whole number' })
  @Min(1, { message: 'pageSize must be at least 1' })
  @Max(MAX_PAGE_SIZE, { message: `pageSize must be at most ${MAX_PAGE_SIZE}` })
  pageSize?: number;

  @ApiPropertyOptional({
    description: "a sort key of the list (each list names its own; default the list's first)",
  })
  @IsOptional()
  @IsString()
  @Length(1, 32)
  sort?: string;

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  /** Name or code, partial, case-insensitive. */
  @ApiPropertyOptional({
    description: 'name or code, partial, case-insensitive',
    minLength: 1,
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  q?: string;
}

export function pageRequest(query: ListQueryDto): PageRequest {
  return { page: query.page ?? 1, pageSize: query.pageSize ?? 50, sort: query.sort, order: query.order };
}

/** `?flag=true|false` as a boolean (query strings are text). */
export const BooleanQuery = () =>
  Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

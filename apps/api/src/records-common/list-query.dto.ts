import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { PageRequest } from '@park/records';

/** Paging, sorting and free-text search shared by every records list. */
export class ListQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  pageSize?: number;

  @IsOptional()
  @IsString()
  @Length(1, 32)
  sort?: string;

  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  /** Name or code, partial, case-insensitive. */
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

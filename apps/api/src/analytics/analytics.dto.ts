/** The analytics routes' queries (a year, a range of years) and bodies (a plan target, the evaluation scheme). */
import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNumber, IsObject, IsOptional, Max, Min } from 'class-validator';

export class YearQuery {
  @ApiProperty({ type: 'integer', minimum: 1990, maximum: 2100 })
  @Type(() => Number)
  @IsInt()
  @Min(1990)
  @Max(2100)
  year!: number;
}

export class ProgressQuery {
  @ApiProperty({ type: 'integer', minimum: 1990, maximum: 2100, description: 'first year' })
  @Type(() => Number)
  @IsInt()
  @Min(1990)
  @Max(2100)
  from!: number;

  @ApiProperty({ type: 'integer', minimum: 1990, maximum: 2100, description: 'last year' })
  @Type(() => Number)
  @IsInt()
  @Min(1990)
  @Max(2100)
  to!: number;
}

export class TargetDto {
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  target!: number;

  @IsOptional()
  @IsIn(['gt', 'gte'])
  comparator?: 'gt' | 'gte';
}

export class SchemeDto {
  @IsObject()
  scheme!: Record<string, unknown>;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { RULE_KINDS, type RuleKind } from '@park/rules-engine';

export class BilingualDto {
  @IsString()
  @Length(1, 200)
  zh!: string;

  @IsString()
  @Length(1, 200)
  en!: string;
}

/** A rule as an admin writes it; `params` are checked by the rules engine (`parseRuleDefinition`). */
export class RuleDto {
  @IsIn(RULE_KINDS)
  kind!: RuleKind;

  @ValidateNested()
  @Type(() => BilingualDto)
  name!: BilingualDto;

  /** A device kind (libs/contracts device-kinds.ts), or '*' for every kind. */
  @IsString()
  @Length(1, 32)
  deviceKind!: string;

  @IsString()
  @Length(1, 32)
  metric!: string;

  @IsObject()
  params!: Record<string, unknown>;

  @IsOptional()
  @IsBoolean()
  autoResolve?: boolean;

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @IsOptional()
  @IsString()
  @Length(1, 500)
  source?: string;
}

export class DryRunQuery {
  /** How far back to replay, in hours (default 24, at most 168). */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 168, default: 24 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(168)
  hours?: number;
}

/** Optional body of a dry-run: params to try instead of the stored ones (checked as an update would be). */
export class DryRunBody {
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsUUID, Min } from 'class-validator';

const INSTANT = 'must be an ISO 8601 date-time with a zone (2025-11-27T00:00:00+08:00) or epoch milliseconds';

/** `?from=`/`?to=`: epoch ms or ISO 8601 with a zone; anything else becomes NaN and fails @IsInt with INSTANT. */
export function parseInstant(value: unknown): number {
  if (typeof value !== 'string') return NaN;
  const text = value.trim();
  if (/^\d{1,15}$/.test(text)) return Number(text);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return NaN;
  return Date.parse(text);
}

const Instant = () => Transform(({ value }: { value: unknown }) => parseInstant(value));

/** The window of GET /api/energy/ranking: the park-wide ranking has no enterprise. */
export class EnergyRankingQuery {
  @ApiProperty({
    example: '2025-11-01T00:00:00+08:00',
    description: 'window start: ISO 8601 with a zone, or epoch ms',
  })
  @Instant()
  @IsInt({ message: `from ${INSTANT}` })
  @Min(0, { message: `from ${INSTANT}` })
  from!: number;

  @ApiProperty({
    example: '2025-12-01T00:00:00+08:00',
    description: 'window end (exclusive), after from, at most 400 days later',
  })
  @Instant()
  @IsInt({ message: `to ${INSTANT}` })
  @Min(0, { message: `to ${INSTANT}` })
  to!: number;
}

export class EnergyQuery extends EnergyRankingQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'required for admin, officer and operator; an energy manager may omit it (their own enterprise)',
  })
  @IsOptional()
  @IsUUID('all', { message: 'enterpriseId must be a UUID' })
  enterpriseId?: string;
}

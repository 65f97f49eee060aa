import { In, type DataSource, type FindOptionsWhere } from 'typeorm';

import type { ExchangeMetric } from '@park/contracts';
import { ExchangeSourceEntity } from '../entities/exchange-source.entity';
import { SourceFigureEntity } from '../entities/source-figure.entity';

export interface SourceFigureQuery {
  readonly years?: readonly number[];
  readonly metrics?: readonly ExchangeMetric[];
  readonly enterpriseId?: string;
}

/** A stored figure with its source's name (for "which source says what"). */
export interface SourceFigureRecord {
  readonly figure: SourceFigureEntity;
  readonly sourceName: string;
}

/**
 * Reads the figures source systems sent (source_figures): what the indicators, the electricity reconciliation
 * and the plan's year-to-date figures are computed from. Writing them is the exchange's (exchange-records.ts).
 */
export class SourceFigures {
  constructor(private readonly dataSource: DataSource) {}

  /** Figures of every source, of revoked ones too (a revoked key stops new uploads, not what it sent). */
  async find(query: SourceFigureQuery = {}): Promise<SourceFigureRecord[]> {
    const where: FindOptionsWhere<SourceFigureEntity> = {};
    if (query.years) where.year = In([...query.years]);
    if (query.metrics) where.metric = In([...query.metrics]);
    if (query.enterpriseId) where.enterpriseId = query.enterpriseId;
    const [figures, sources] = await Promise.all([
      this.dataSource.getRepository(SourceFigureEntity).find({
        where,
        order: { year: 'ASC', periodKind: 'ASC', periodIndex: 'ASC' },
      }),
      this.dataSource.getRepository(ExchangeSourceEntity).find({ select: { id: true, name: true } }),
    ]);
    const names = new Map(sources.map((s) => [s.id, s.name]));
    return figures.map((figure) => ({ figure, sourceName: names.get(figure.sourceId) ?? '' }));
  }
}

import { Column, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

import type { ExchangeMetric, PeriodKind, SourceKind } from '@park/contracts';

/**
 * One figure a source sent: a metric of an enterprise over a period (month, quarter or year), in the metric's
 * unit (EXCHANGE_METRIC_UNITS). Natural key (source, enterprise, metric, period): a re-upload of the same period
 * replaces the value, never adds a second row. Figures of different sources for the same period are all kept; the
 * precedence setting decides which one the indicators use.
 */
@Entity({ name: 'source_figures' })
@Index(
  'source_figures_natural_key',
  ['sourceId', 'enterpriseId', 'metric', 'periodKind', 'year', 'periodIndex'],
  { unique: true },
)
@Index('source_figures_year_metric', ['year', 'metric'])
@Index('source_figures_enterprise', ['enterpriseId', 'year'])
export class SourceFigureEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'source_id', type: 'uuid' })
  sourceId!: string;

  /** The source's kind when the figure arrived (what precedence orders by). */
  @Column({ name: 'source_kind', type: 'varchar', length: 32 })
  sourceKind!: SourceKind;

  @Column({ name: 'enterprise_id', type: 'uuid' })
  enterpriseId!: string;

  @Column({ type: 'varchar', length: 32 })
  metric!: ExchangeMetric;

  @Column({ name: 'period_kind', type: 'varchar', length: 8 })
  periodKind!: PeriodKind;

  @Column({ type: 'smallint' })
  year!: number;

  /** 1–12 for a month, 1–4 for a quarter, 0 for a year. */
  @Column({ name: 'period_index', type: 'smallint' })
  periodIndex!: number;

  @Column({ type: 'double precision' })
  value!: number;

  /** The upload it last came in (exchange_batches). */
  @Column({ name: 'batch_id', type: 'uuid', nullable: true })
  batchId!: string | null;

  /** Sent by a demo source (the demo seed). */
  @Column({ type: 'boolean', default: false })
  demo!: boolean;

  @UpdateDateColumn({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}

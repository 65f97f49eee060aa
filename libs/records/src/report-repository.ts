import { randomUUID } from 'node:crypto';
import type { ReportKind, ReportStatus, ReportView } from '@park/contracts';
import type { DataSource } from 'typeorm';
import { ReportEntity } from './entities/report.entity';

/** What a report covers; one row per key (the unique index `reports_one_per_period`). */
export interface ReportKey {
  readonly kind: ReportKind;
  readonly period: string;
  readonly scope: string;
}

export interface ReportStart extends ReportKey {
  readonly enterpriseId: string | null;
  readonly title: string;
  readonly generatedBy: string;
  readonly generatedAt: number;
}

export interface ReportListFilter {
  /** Only this enterprise's reports (an energy manager's); undefined: every report. */
  readonly enterpriseId?: string;
  readonly kind?: ReportKind;
  /** Only these kinds (an energy manager's enterprise reports); an empty list matches nothing. */
  readonly kinds?: readonly ReportKind[];
  readonly period?: string;
  readonly limit: number;
}

export type ReportFormat = 'xlsx' | 'pdf';

/** The columns a list reads: everything but the files, with their sizes. */
const LIST_COLUMNS = [
  'r.id AS id',
  'r.kind AS kind',
  'r.period AS period',
  'r.scope AS scope',
  'r.enterprise_id AS "enterpriseId"',
  'r.title AS title',
  'r.status AS status',
  'r.error AS error',
  'r.generated_by AS "generatedBy"',
  'r.generated_at AS "generatedAt"',
  'length(r.xlsx) AS "xlsxBytes"',
  'length(r.pdf) AS "pdfBytes"',
];

interface ListRow {
  id: string;
  kind: string;
  period: string;
  scope: string;
  enterpriseId: string | null;
  title: string;
  status: string;
  error: string | null;
  generatedBy: string;
  generatedAt: Date | string;
  xlsxBytes: number | string | null;
  pdfBytes: number | string | null;
}

/**
 * The generated reports and their files (docs/reports.md). Generating is claim → complete (or fail): the claim
 * inserts the row as `generating`, so two API instances running the monthly schedule at once insert one row
 * between them and only the one whose insert won generates it.
 */
export class ReportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Inserts the report as `generating` unless one with its key exists: the new id, or null when it existed (the
   * schedule then leaves it alone: another instance is generating it, or it was generated already).
   */
  async claim(start: ReportStart): Promise<string | null> {
    const id = randomUUID();
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(ReportEntity)
      .values({ id, ...rowOf(start) })
      .orIgnore()
      .execute();
    const row = await this.dataSource.getRepository(ReportEntity).findOne({
      where: { kind: start.kind, period: start.period, scope: start.scope },
      select: { id: true },
    });
    return row?.id === id ? id : null;
  }

  /** Claims the report, or, when it exists, takes it over to generate it again (on demand): its id. */
  async restart(start: ReportStart): Promise<string> {
    const claimed = await this.claim(start);
    if (claimed) return claimed;
    const repo = this.dataSource.getRepository(ReportEntity);
    const where = { kind: start.kind, period: start.period, scope: start.scope };
    await repo.update(where, { ...rowOf(start), error: null });
    const row = await repo.findOne({ where, select: { id: true } });
    if (!row)
      throw new Error(`report ${start.kind} ${start.period} ${start.scope} vanished while restarting`);
    return row.id;
  }

  async complete(id: string, files: { xlsx: Buffer; pdf: Buffer }): Promise<void> {
    await this.dataSource
      .getRepository(ReportEntity)
      .update({ id }, { status: 'ready', error: null, xlsx: files.xlsx, pdf: files.pdf });
  }

  async fail(id: string, error: string): Promise<void> {
    await this.dataSource
      .getRepository(ReportEntity)
      .update({ id }, { status: 'failed', error: error.slice(0, 2000), xlsx: null, pdf: null });
  }

  /** Newest first, without the files. */
  async list(filter: ReportListFilter): Promise<ReportView[]> {
    const qb = this.dataSource
      .getRepository(ReportEntity)
      .createQueryBuilder('r')
      .select(LIST_COLUMNS)
      .orderBy('r.generated_at', 'DESC')
      .addOrderBy('r.id', 'ASC')
      .limit(filter.limit);
    if (filter.enterpriseId !== undefined)
      qb.andWhere('r.enterprise_id = :enterprise', { enterprise: filter.enterpriseId });
    if (filter.kind) qb.andWhere('r.kind = :kind', { kind: filter.kind });
    if (filter.kinds) {
      if (filter.kinds.length === 0) return [];
      qb.andWhere('r.kind IN (:...kinds)', { kinds: filter.kinds });
    }
    if (filter.period) qb.andWhere('r.period = :period', { period: filter.period });
    return (await qb.getRawMany<ListRow>()).map(toView);
  }

  async find(id: string): Promise<ReportView | null> {
    const row = await this.dataSource
      .getRepository(ReportEntity)
      .createQueryBuilder('r')
      .select(LIST_COLUMNS)
      .where('r.id = :id', { id })
      .getRawOne<ListRow>();
    return row ? toView(row) : null;
  }

  /** One file of a report; null when the report does not exist or has no such file (not ready). */
  async file(id: string, format: ReportFormat): Promise<Buffer | null> {
    const row = await this.dataSource
      .getRepository(ReportEntity)
      .findOne({ where: { id }, select: { id: true, [format]: true } });
    const bytes = row?.[format] ?? null;
    return bytes ? Buffer.from(bytes) : null;
  }
}

function rowOf(start: ReportStart): Omit<ReportEntity, 'id' | 'error' | 'xlsx' | 'pdf'> {
  return {
    kind: start.kind,
    period: start.period,
    scope: start.scope,
    enterpriseId: start.enterpriseId,
    title: start.title,
    status: 'generating',
    generatedBy: start.generatedBy,
    generatedAt: new Date(start.generatedAt),
  };
}

function toView(row: ListRow): ReportView {
  const size = (value: number | string | null) => (value === null ? null : Number(value));
  const at =
    row.generatedAt instanceof Date ? row.generatedAt : new Date(`${row.generatedAt.replace(' ', 'T')}Z`);
  return {
    id: row.id,
    kind: row.kind as ReportKind,
    period: row.period,
    scope: row.scope,
    enterpriseId: row.enterpriseId,
    title: row.title,
    status: row.status as ReportStatus,
    error: row.error,
    generatedBy: row.generatedBy,
    generatedAt: at.getTime(),
    xlsxBytes: size(row.xlsxBytes),
    pdfBytes: size(row.pdfBytes),
  };
}

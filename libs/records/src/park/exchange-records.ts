import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';

import type { ExchangeMetric, ExchangeRowResult, ExchangeUploadReport, SourceKind } from '@park/contracts';
import { dialectOf, lockForUpdate, sqliteTime } from '../dialect';
import { EnterpriseEntity } from '../entities/enterprise.entity';
import { ExchangeBatchEntity } from '../entities/exchange-batch.entity';
import { ExchangeSourceEntity } from '../entities/exchange-source.entity';
import { recordAudit } from './audit-trail';
import { translateDbError, type Actor } from './audited-store';
import { checkRows, figureKey, type CheckedRow } from './exchange-rows';
import type { Page, PageRequest } from './paging';
import { notFound, RecordsError } from './records-errors';

/**
 * The key-information exchange's records (docs/data-exchange.md): the source systems and their keys, and the
 * intake of the figures they send — validated row by row, stored idempotently by (source, enterprise, metric,
 * period), each upload recorded as a batch. Reading the figures is SourceFigures' (source-figures.ts).
 *
 * Keys: `pk_<12 characters>_<43 characters>` — the public prefix (9 random bytes) finds the source, the secret is
 * 32 random bytes. Only the prefix and the SHA-256 of the whole key are stored. A salted slow hash (as the device
 * credentials' PBKDF2) protects guessable secrets; a 256-bit random secret cannot be guessed whatever the hash,
 * and SHA-256 keeps every upload's check at microseconds instead of a deliberate delay.
 */

const KEY = /^(pk_[A-Za-z0-9_-]{12})_([A-Za-z0-9_-]{43})$/;

export interface SourceKeyParts {
  readonly prefix: string;
  readonly hash: string;
}

/** A new key and what is stored of it. */
export function newSourceKey(): SourceKeyParts & { readonly key: string } {
  const prefix = `pk_${randomBytes(9).toString('base64url')}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: sourceKeyHash(key) };
}

export function sourceKeyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The prefix and hash of a well-formed key; null for anything else. */
export function sourceKeyParts(key: string): SourceKeyParts | null {
  const m = KEY.exec(key);
  return m ? { prefix: m[1], hash: sourceKeyHash(key) } : null;
}

export interface SourceInput {
  readonly name: string;
  readonly kind: SourceKind;
  readonly scopes: readonly ExchangeMetric[];
  readonly rateLimitPerMinute?: number;
  readonly dropFolder?: string | null;
  readonly demo?: boolean;
}

export type SourcePatch = Partial<Pick<SourceInput, 'name' | 'scopes' | 'rateLimitPerMinute' | 'dropFolder'>>;

export interface IssuedKey {
  readonly source: ExchangeSourceEntity;
  readonly key: string;
}

export interface IntakeOptions {
  readonly dryRun: boolean;
  readonly via: 'api' | 'drop-folder';
  readonly reference: string | null;
  /** When the upload came (lastUsedAt, the batch's receivedAt). */
  readonly at: Date;
}

/** The upload's report as the API answers it (ExchangeUploadReport): counts and every row's result. */
export type IntakeReport = ExchangeUploadReport;

export interface BatchRecord {
  readonly batch: ExchangeBatchEntity;
  readonly sourceName: string;
}

/** The most problems a batch keeps (its report to the sender has them all). */
export const BATCH_PROBLEMS_KEPT = 1000;

/** Rows per INSERT: 11 parameters each, under PostgreSQL's 65 535 and SQLite's 32 766 parameters. */
const CHUNK = { postgres: 5000, sqlite: 2500 } as const;

/** What the audit trail keeps of a source: everything but its key's hash. */
function auditView(source: ExchangeSourceEntity): Record<string, unknown> {
  const { keyHash: _secret, ...rest } = source;
  return rest;
}

export class ExchangeRecords {
  constructor(private readonly dataSource: DataSource) {}

  listSources(): Promise<ExchangeSourceEntity[]> {
    return this.dataSource
      .getRepository(ExchangeSourceEntity)
      .find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async source(id: string): Promise<ExchangeSourceEntity> {
    const found = await this.dataSource.getRepository(ExchangeSourceEntity).findOneBy({ id });
    if (!found) throw notFound('exchange source', id);
    return found;
  }

  /** The live sources that have a drop folder. */
  dropFolderSources(): Promise<ExchangeSourceEntity[]> {
    return this.dataSource
      .getRepository(ExchangeSourceEntity)
      .find({ where: { revokedAt: IsNull() }, order: { createdAt: 'ASC' } })
      .then((all) => all.filter((s) => s.dropFolder));
  }

  async createSource(actor: Actor, input: SourceInput): Promise<IssuedKey> {
    const issued = newSourceKey();
    return this.write(async (tx) => {
      const repo = tx.getRepository(ExchangeSourceEntity);
      const saved = await repo.save(
        repo.create({
          name: input.name,
          kind: input.kind,
          scopes: [...new Set(input.scopes)],
          keyPrefix: issued.prefix,
          keyHash: issued.hash,
          rateLimitPerMinute: input.rateLimitPerMinute ?? 60,
          dropFolder: input.dropFolder ?? null,
          revokedAt: null,
          lastUsedAt: null,
          demo: input.demo ?? false,
          createdBy: actor.username,
        }),
      );
      await recordAudit(tx, {
        actor: actor.username,
        action: 'create',
        entityType: 'exchange-source',
        entityId: saved.id,
        enterpriseId: null,
        before: null,
        after: auditView(saved),
      });
      return { source: saved, key: issued.key };
    });
  }

  async updateSource(actor: Actor, id: string, patch: SourcePatch): Promise<ExchangeSourceEntity> {
    return this.change(actor, id, () => ({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.scopes !== undefined ? { scopes: [...new Set(patch.scopes)] } : {}),
      ...(patch.rateLimitPerMinute !== undefined ? { rateLimitPerMinute: patch.rateLimitPerMinute } : {}),
      ...(patch.dropFolder !== undefined ? { dropFolder: patch.dropFolder } : {}),
    })).then(({ source }) => source);
  }

  /** A new key; the old one is refused from now on. A revoked source gets none (409). */
  async rotateKey(actor: Actor, id: string): Promise<IssuedKey> {
    const issued = newSourceKey();
    const { source } = await this.change(actor, id, (current) =>
      current.revokedAt ? refuseRevoked() : { keyPrefix: issued.prefix, keyHash: issued.hash },
    );
    return { source, key: issued.key };
  }

  /** Refuses the source's key from now on (idempotent). What it sent stays. */
  async revoke(actor: Actor, id: string, at: Date): Promise<ExchangeSourceEntity> {
    return this.change(actor, id, (source) => (source.revokedAt ? {} : { revokedAt: at })).then(
      ({ source }) => source,
    );
  }

  /** The live source whose key this is; null for a malformed, unknown or revoked key (the caller says which: none). */
  async authenticate(key: string): Promise<ExchangeSourceEntity | null> {
    const parts = sourceKeyParts(key);
    if (!parts) return null;
    const source = await this.dataSource
      .getRepository(ExchangeSourceEntity)
      .findOneBy({ keyPrefix: parts.prefix });
    if (!source || source.revokedAt) return null;
    const [a, b] = [Buffer.from(parts.hash, 'hex'), Buffer.from(source.keyHash, 'hex')];
    return a.length === b.length && timingSafeEqual(a, b) ? source : null;
  }

  /**
   * Validates the rows and, unless a dry run, stores the new and changed figures — all in one transaction with
   * the batch, its audit entry and the source's lastUsedAt. A row equal to the stored figure is `unchanged`
   * and not written again.
   */
  async intake(
    source: ExchangeSourceEntity,
    rows: readonly unknown[],
    options: IntakeOptions,
  ): Promise<IntakeReport> {
    const enterprises = await this.enterprisesByCode();
    const { valid, problems } = checkRows(rows, {
      scopes: new Set(source.scopes),
      enterpriseOf: (code) => enterprises.get(code),
    });
    const batchId = randomUUID();
    return this.dataSource.transaction(async (tx) => {
      // One upload of a source at a time: the second waits, then sees what the first stored.
      await lockForUpdate(
        tx.createQueryBuilder(ExchangeSourceEntity, 's').where('s.id = :id', { id: source.id }),
      ).getOne();
      const existing = await this.existingFigures(tx, source.id, valid);
      const results: ExchangeRowResult[] = new Array<ExchangeRowResult>(rows.length);
      for (const [row, p] of problems) results[row - 1] = { ...p, status: 'rejected' };
      const writes: CheckedRow[] = [];
      let changed = 0;
      let unchanged = 0;
      for (const r of valid) {
        const previous = existing.get(figureKey(r.enterpriseId, r.metric, r.period));
        if (previous === undefined) {
          results[r.row - 1] = { row: r.row, status: 'stored' };
          writes.push(r);
        } else if (previous === r.value) {
          results[r.row - 1] = { row: r.row, status: 'unchanged' };
          unchanged++;
        } else {
          results[r.row - 1] = { row: r.row, status: 'changed', previous };
          writes.push(r);
          changed++;
        }
      }
      if (!options.dryRun) await this.upsertFigures(tx, source, batchId, writes);
      const counts = {
        rows: rows.length,
        stored: writes.length,
        changed,
        unchanged,
        rejected: problems.size,
      };
      await tx.getRepository(ExchangeBatchEntity).insert({
        id: batchId,
        sourceId: source.id,
        via: options.via,
        reference: options.reference,
        dryRun: options.dryRun,
        rows: counts.rows,
        stored: counts.stored,
        unchanged: counts.unchanged,
        rejected: counts.rejected,
        problems: [...problems.values()]
          .slice(0, BATCH_PROBLEMS_KEPT)
          .map((p) => ({ ...p, status: 'rejected' })),
        receivedAt: options.at,
      });
      await tx.getRepository(ExchangeSourceEntity).update({ id: source.id }, { lastUsedAt: options.at });
      // One entry per upload (not per row); a dry run changes no figure and is recorded as its batch only.
      if (!options.dryRun)
        await recordAudit(tx, {
          actor: `${source.name}（${options.via === 'api' ? '接口' : '投递目录'}）`,
          action: 'import',
          entityType: 'exchange-batch',
          entityId: batchId,
          enterpriseId: null,
          before: null,
          after: {
            sourceId: source.id,
            name: source.name,
            via: options.via,
            reference: options.reference,
            ...counts,
          },
        });
      return { batchId, dryRun: options.dryRun, ...counts, results };
    });
  }

  async batches(query: { readonly sourceId?: string }, page: PageRequest): Promise<Page<BatchRecord>> {
    const qb = this.dataSource.getRepository(ExchangeBatchEntity).createQueryBuilder('b');
    if (query.sourceId) qb.where('b.source_id = :sourceId', { sourceId: query.sourceId });
    qb.orderBy('b.received_at', 'DESC')
      .addOrderBy('b.id', 'ASC')
      .skip((page.page - 1) * page.pageSize)
      .take(page.pageSize);
    const [items, total] = await qb.getManyAndCount();
    const names = await this.sourceNames(items.map((b) => b.sourceId));
    return {
      items: items.map((batch) => ({ batch, sourceName: names.get(batch.sourceId) ?? '' })),
      total,
      page: page.page,
      pageSize: page.pageSize,
    };
  }

  async batch(id: string): Promise<BatchRecord> {
    const batch = await this.dataSource.getRepository(ExchangeBatchEntity).findOneBy({ id });
    if (!batch) throw notFound('exchange batch', id);
    const names = await this.sourceNames([batch.sourceId]);
    return { batch, sourceName: names.get(batch.sourceId) ?? '' };
  }

  private async sourceNames(ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const sources = await this.dataSource
      .getRepository(ExchangeSourceEntity)
      .find({ select: { id: true, name: true }, where: { id: In([...new Set(ids)]) } });
    return new Map(sources.map((s) => [s.id, s.name]));
  }

  /** The live enterprises by credit code, read once per upload. */
  private async enterprisesByCode(): Promise<Map<string, string>> {
    const rows = await this.dataSource
      .getRepository(EnterpriseEntity)
      .find({ select: { id: true, creditCode: true } });
    return new Map(rows.map((e) => [e.creditCode.toUpperCase(), e.id]));
  }

  /** The source's stored figures of the years the rows touch, by figureKey, read once per upload. */
  private async existingFigures(
    tx: EntityManager,
    sourceId: string,
    rows: readonly CheckedRow[],
  ): Promise<Map<string, number>> {
    const years = [...new Set(rows.map((r) => r.period.year))];
    const out = new Map<string, number>();
    if (years.length === 0) return out;
    const figures = await tx.query<
      {
        enterprise_id: string;
        metric: string;
        period_kind: string;
        year: number;
        period_index: number;
        value: number;
      }[]
    >(
      `SELECT enterprise_id, metric, period_kind, year, period_index, value FROM source_figures
        WHERE source_id = ${placeholder(tx, 1)} AND year IN (${years.map((_, i) => placeholder(tx, i + 2)).join(', ')})`,
      [sourceId, ...years],
    );
    for (const f of figures)
      out.set(
        figureKey(f.enterprise_id, f.metric, {
          kind: f.period_kind as CheckedRow['period']['kind'],
          year: Number(f.year),
          index: Number(f.period_index),
        }),
        Number(f.value),
      );
    return out;
  }

  /** Multi-row INSERT … ON CONFLICT DO UPDATE in chunks (both dialects), inside the intake's transaction. */
  private async upsertFigures(
    tx: EntityManager,
    source: ExchangeSourceEntity,
    batchId: string,
    rows: readonly CheckedRow[],
  ): Promise<void> {
    const dialect = dialectOf(tx);
    const mark = (n: number) => (dialect === 'postgres' ? `$${n}` : '?');
    const now = dialect === 'postgres' ? 'now()' : `'${sqliteTime(new Date())}'`;
    const demo = dialect === 'postgres' ? source.demo : source.demo ? 1 : 0;
    for (let start = 0; start < rows.length; start += CHUNK[dialect]) {
      const chunk = rows.slice(start, start + CHUNK[dialect]);
      const params: unknown[] = [];
      const tuples = chunk.map((r) => {
        const base = params.length;
        params.push(
          randomUUID(),
          source.id,
          source.kind,
          r.enterpriseId,
          r.metric,
          r.period.kind,
          r.period.year,
          r.period.index,
          r.value,
          batchId,
          demo,
        );
        const ps = Array.from({ length: 11 }, (_, i) => mark(base + i + 1));
        return `(${ps.join(', ')}, ${now})`;
      });
      await tx.query(
        `INSERT INTO source_figures
           (id, source_id, source_kind, enterprise_id, metric, period_kind, year, period_index, value, batch_id, demo, received_at)
         VALUES ${tuples.join(', ')}
         ON CONFLICT (source_id, enterprise_id, metric, period_kind, year, period_index) DO UPDATE SET
           value = excluded.value, batch_id = excluded.batch_id, source_kind = excluded.source_kind,
           demo = excluded.demo, received_at = excluded.received_at`,
        params,
      );
    }
  }

  /** A change of one source with its audit entry, in one transaction. */
  private async change(
    actor: Actor,
    id: string,
    patchOf: (source: ExchangeSourceEntity) => Partial<ExchangeSourceEntity>,
  ): Promise<{ source: ExchangeSourceEntity }> {
    return this.write(async (tx) => {
      const repo = tx.getRepository(ExchangeSourceEntity);
      const before = await repo.findOneBy({ id });
      if (!before) throw notFound('exchange source', id);
      const patch = patchOf(before);
      if (Object.keys(patch).length === 0) return { source: before };
      await repo.update({ id }, patch);
      const after = await repo.findOneByOrFail({ id });
      await recordAudit(tx, {
        actor: actor.username,
        action: 'update',
        entityType: 'exchange-source',
        entityId: id,
        enterpriseId: null,
        before: auditView(before),
        after: auditView(after),
      });
      return { source: after };
    });
  }

  /** A write of sources: a drop folder another source has is a 409 naming the field. */
  private async write<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.dataSource.transaction(work);
    } catch (error) {
      throw translateDbError(error, 'exchange source', [
        { databaseName: 'drop_folder', propertyName: 'dropFolder' },
        { databaseName: 'key_prefix', propertyName: 'keyPrefix' },
      ]);
    }
  }
}

function refuseRevoked(): never {
  throw new RecordsError('RECORD_CONFLICT', 'the source is revoked: create a new source instead', {
    entity: 'exchange source',
  });
}

/** The n-th (1-based) parameter: `$n` on PostgreSQL, `?` on SQLite. */
function placeholder(tx: EntityManager, n: number): string {
  return dialectOf(tx) === 'postgres' ? `$${n}` : '?';
}

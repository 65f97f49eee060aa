import {
  type DataSource,
  type DeepPartial,
  type EntityManager,
  type EntityTarget,
  type FindOptionsWhere,
  type ObjectLiteral,
} from 'typeorm';
import { constraintViolation, rowLockOption } from '../dialect';
import { recordAudit } from './audit-trail';
import { notFound, RecordsError } from './records-errors';

/** A column as TypeORM's metadata names it: in the database and on the entity. */
export interface ColumnName {
  readonly databaseName: string;
  readonly propertyName: string;
}

/**
 * Maps constraint violations to domain errors that say which field is in the way — and nothing of the database's
 * own text. The driver's message names tables, constraints and the conflicting value (PostgreSQL's
 * `Key (credit_code)=(…) already exists.`, SQLite's `UNIQUE constraint failed: enterprises.credit_code`); that
 * text used to reach the client in the 409. Only the column names are read from it, and only when they map to
 * a property of the entity (`columns`, from its metadata) are they named, as that property.
 */
export function translateDbError(error: unknown, what: string, columns: readonly ColumnName[] = []): unknown {
  const violation = constraintViolation(error);
  if (!violation) return error;
  const fields = violatedFields(error, columns);
  const named = fields.length > 0 ? fields.join(' and ') : null;
  if (violation === 'unique')
    return new RecordsError(
      'RECORD_CONFLICT',
      named
        ? `a ${what} with this ${named} already exists`
        : `this ${what} conflicts with an existing record`,
      { entity: what, ...(named ? { fields } : {}) },
    );
  const driverText = driverErrorText(error);
  const missingTarget = /is not present in table/.test(driverText);
  return new RecordsError(
    'RECORD_CONFLICT',
    missingTarget
      ? `the ${named ?? 'record'} this ${what} refers to does not exist`
      : `this ${what} refers to or is referred to by another record${named ? ` (${named})` : ''}`,
    { entity: what, ...(named ? { fields } : {}) },
  );
}

function driverErrorText(error: unknown): string {
  const driverError = (error as { driverError?: { detail?: unknown; message?: unknown } }).driverError;
  return [driverError?.detail, driverError?.message].filter((t) => typeof t === 'string').join(' ');
}

/** The entity properties behind the violated columns (PostgreSQL's `Key (a, b)=`, SQLite's `table.a, table.b`). */
function violatedFields(error: unknown, columns: readonly ColumnName[]): string[] {
  const text = driverErrorText(error);
  const pg = /Key \(([^)]*)\)=/.exec(text);
  const sqlite = /constraint failed: (.*)$/m.exec(text);
  const raw = pg ? pg[1].split(',') : sqlite ? sqlite[1].split(',').map((c) => c.split('.').pop() ?? '') : [];
  const fields: string[] = [];
  for (const name of raw.map((c) => c.trim().replace(/^"|"$/g, ''))) {
    const column = columns.find((c) => c.databaseName === name);
    if (!column) return [];
    fields.push(column.propertyName);
  }
  return fields;
}

export interface Actor {
  readonly username: string;
}

/**
 * Create / update / soft-delete of one kind of record, each change and its audit entry in one transaction.
 * `enterpriseOf` names the enterprise a record belongs to, so an enterprise's audit trail can be read alone.
 */
export class AuditedStore<T extends ObjectLiteral & { id: string }> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly target: EntityTarget<T>,
    private readonly entityType: string,
    private readonly enterpriseOf: (record: T) => string | null,
    /** Whether the entity has a `deletedAt` column (soft delete). */
    private readonly softDeletes = true,
  ) {}

  async find(id: string, options: { withDeleted?: boolean } = {}): Promise<T | null> {
    return this.dataSource
      .getRepository(this.target)
      .findOne({ where: { id } as FindOptionsWhere<T>, withDeleted: options.withDeleted ?? false });
  }

  async get(id: string): Promise<T> {
    const found = await this.find(id);
    if (!found) throw notFound(this.entityType, id);
    return found;
  }

  async create(actor: Actor, values: DeepPartial<T>, em?: EntityManager): Promise<T> {
    return this.inTransaction(em, async (tx) => {
      const repo = tx.getRepository(this.target);
      const saved = await repo.save(repo.create(values)).catch((e: unknown) => {
        throw translateDbError(e, this.entityType, repo.metadata.columns);
      });
      const fresh = await repo.findOneOrFail({ where: { id: saved.id } as FindOptionsWhere<T> });
      await recordAudit(tx, {
        actor: actor.username,
        action: 'create',
        entityType: this.entityType,
        entityId: fresh.id,
        enterpriseId: this.enterpriseOf(fresh),
        before: null,
        after: fresh,
      });
      return fresh;
    });
  }

  async update(actor: Actor, id: string, patch: DeepPartial<T>, em?: EntityManager): Promise<T> {
    return this.inTransaction(em, async (tx) => {
      const repo = tx.getRepository(this.target);
      const before = await repo.findOne({
        where: { id } as FindOptionsWhere<T>,
        ...rowLockOption(tx),
        // Restoring (deletedAt: null in the patch) is the one update a soft-deleted record accepts.
        withDeleted: this.softDeletes && 'deletedAt' in (patch as object),
      });
      if (!before) throw notFound(this.entityType, id);
      const merged = repo.merge(repo.create({ ...before }), patch);
      await repo.save(merged).catch((e: unknown) => {
        throw translateDbError(e, this.entityType, repo.metadata.columns);
      });
      const after = await repo.findOneOrFail({ where: { id } as FindOptionsWhere<T>, withDeleted: true });
      await recordAudit(tx, {
        actor: actor.username,
        action: 'update',
        entityType: this.entityType,
        entityId: id,
        enterpriseId: this.enterpriseOf(after),
        before,
        after,
      });
      return after;
    });
  }

  async softDelete(actor: Actor, id: string): Promise<void> {
    await this.inTransaction(undefined, async (tx) => {
      const repo = tx.getRepository(this.target);
      const before = await repo.findOne({ where: { id } as FindOptionsWhere<T> });
      if (!before) throw notFound(this.entityType, id);
      await repo.softDelete(id);
      const after = await repo.findOneOrFail({ where: { id } as FindOptionsWhere<T>, withDeleted: true });
      await recordAudit(tx, {
        actor: actor.username,
        action: 'delete',
        entityType: this.entityType,
        entityId: id,
        enterpriseId: this.enterpriseOf(before),
        before,
        after,
      });
    });
  }

  /**
   * Insert or update by natural key (import), one field or several (a certificate: enterprise, type and number): a
   * record that is already identical is left alone (no audit entry), and a soft-deleted one is restored. Returns
   * what happened.
   */
  async upsertBy(
    actor: Actor,
    key: (keyof T & string) | readonly (keyof T & string)[],
    values: DeepPartial<T>,
    em: EntityManager,
  ): Promise<{ record: T; outcome: 'created' | 'updated' | 'unchanged' }> {
    const repo = em.getRepository(this.target);
    const keys: readonly string[] = typeof key === 'string' ? [key] : key;
    const existing = await repo.findOne({
      where: Object.fromEntries(
        keys.map((k) => [k, (values as Record<string, unknown>)[k]]),
      ) as FindOptionsWhere<T>,
      withDeleted: true,
    });
    if (!existing) return { record: await this.create(actor, values, em), outcome: 'created' };
    const patch = this.softDeletes ? { ...values, deletedAt: null } : values;
    const merged = repo.merge(repo.create({ ...existing }), patch);
    const changed = Object.keys(patch).some(
      (k) =>
        canonicalJson((existing as Record<string, unknown>)[k] ?? null) !==
        canonicalJson((merged as Record<string, unknown>)[k] ?? null),
    );
    if (!changed) return { record: existing, outcome: 'unchanged' };
    return { record: await this.update(actor, existing.id, patch, em), outcome: 'updated' };
  }

  private inTransaction<R>(
    em: EntityManager | undefined,
    work: (tx: EntityManager) => Promise<R>,
  ): Promise<R> {
    return em ? work(em) : this.dataSource.transaction(work);
  }
}

/**
 * A value as JSON with its objects' keys in order: PostgreSQL's jsonb keeps an object's keys in its own order
 * (shorter first), so a stored {"nox":…,"so2":…} must compare equal to the {"so2":…,"nox":…} a file brings.
 */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

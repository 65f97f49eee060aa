import {
  QueryFailedError,
  type DataSource,
  type EntityManager,
  type FindOneOptions,
  type ObjectLiteral,
  type SelectQueryBuilder,
} from 'typeorm';

/**
 * The two SQL dialects the records run on: PostgreSQL (microservices) and SQLite (standalone). Everything that
 * reads differently in the two lives here, in small named helpers, so a repository says what it means once and
 * the PostgreSQL SQL stays exactly what it was.
 */
export type RecordsDialect = 'postgres' | 'sqlite';

type Db = DataSource | EntityManager;

export function dialectOf(db: Db): RecordsDialect {
  const type = ('connection' in db ? db.connection : db).options.type;
  return type === 'better-sqlite3' ? 'sqlite' : 'postgres';
}

/** Runs the variant of `work` written for the database's dialect. */
export function perDialect<T>(db: Db, work: Record<RecordsDialect, () => T>): T {
  return work[dialectOf(db)]();
}

export const isSqliteUrl = (url: string): boolean => url.startsWith('sqlite:');

/**
 * `SELECT … FOR UPDATE` (optionally `SKIP LOCKED`) on PostgreSQL. SQLite has no row locks and needs none: the
 * records serialize every transaction on its one connection (see sqlite-records.ts), so a read in a transaction
 * is already exclusive.
 */
export function lockForUpdate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  onLocked: 'wait' | 'skip-locked' = 'wait',
): SelectQueryBuilder<T> {
  if (dialectOf(qb.connection) === 'sqlite') return qb;
  qb.setLock('pessimistic_write');
  if (onLocked === 'skip-locked') qb.setOnLocked('skip_locked');
  return qb;
}

/** The `lock` of a find option: a row lock on PostgreSQL, nothing on SQLite (see `lockForUpdate`). */
export function rowLockOption(db: Db): Pick<FindOneOptions, 'lock'> {
  return dialectOf(db) === 'sqlite' ? {} : { lock: { mode: 'pessimistic_write' } };
}

/**
 * `(a ILIKE :p ESCAPE '\' OR b ILIKE :p …)`: a case-insensitive substring search (the parameter built by
 * `likeTerm`). SQLite's LIKE is case-insensitive for ASCII, which is what ILIKE gives Latin letters; Chinese has
 * no case.
 */
export function anyColumnLike(db: Db, columns: readonly string[], parameter: string): string {
  const like = dialectOf(db) === 'sqlite' ? 'LIKE' : 'ILIKE';
  return `(${columns.map((c) => `${c} ${like} :${parameter} ESCAPE '\\'`).join(' OR ')})`;
}

/** A condition "the JSON array in `column` contains `value`", with the parameter it needs. */
export function jsonArrayContains(
  db: Db,
  column: string,
  parameter: string,
  value: string,
): { sql: string; parameters: Record<string, string> } {
  return dialectOf(db) === 'sqlite'
    ? {
        sql: `EXISTS (SELECT 1 FROM json_each(${column}) WHERE json_each.value = :${parameter})`,
        parameters: { [parameter]: value },
      }
    : { sql: `${column} @> :${parameter}::jsonb`, parameters: { [parameter]: JSON.stringify([value]) } };
}

/**
 * A timestamp as SQLite keeps it: the UTC text TypeORM writes for a datetime column (`2025-01-31 08:00:00.000`),
 * so raw SQL compares and stores timestamps exactly as the entities do.
 */
export function sqliteTime(at: Date | number): string {
  return new Date(at).toISOString().replace('T', ' ').replace('Z', '');
}

/**
 * SQL for the epoch milliseconds of a timestamp column, a whole number in both dialects (SQLite's julianday
 * counts whole milliseconds inside; the rounding removes the floating-point dust of the conversion).
 */
export function epochMsSql(db: Db, column: string): string {
  return dialectOf(db) === 'sqlite'
    ? `ROUND((julianday(${column}) - 2440587.5) * 86400000)`
    : `ROUND(EXTRACT(EPOCH FROM ${column}) * 1000)`;
}

/** SQL for the whole milliseconds from timestamp column `from` to `to` (null when either is null). */
export function millisecondsBetweenSql(db: Db, from: string, to: string): string {
  return dialectOf(db) === 'sqlite'
    ? `ROUND((julianday(${to}) - julianday(${from})) * 86400000)`
    : `ROUND(EXTRACT(EPOCH FROM (${to} - ${from})) * 1000)`;
}

/**
 * SQL for the park-time calendar day (`YYYY-MM-DD`, Asia/Shanghai) of a timestamp column. China has kept UTC+8 all
 * year since 1991, so SQLite's fixed `+8 hours` and PostgreSQL's zone name agree on every date the park has.
 */
export function parkDaySql(db: Db, column: string): string {
  return dialectOf(db) === 'sqlite'
    ? `strftime('%Y-%m-%d', ${column}, '+8 hours')`
    : `to_char(${column} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;
}

/** A JSON column's value in a raw row: node-postgres parses jsonb itself, SQLite returns the text. */
export function jsonValue<T>(db: Db, raw: unknown): T {
  return (dialectOf(db) === 'sqlite' && typeof raw === 'string' ? JSON.parse(raw) : raw) as T;
}

/** Which constraint a failed write violated, in either dialect's error codes. */
export function constraintViolation(error: unknown): 'unique' | 'foreign-key' | null {
  if (!(error instanceof QueryFailedError)) return null;
  const code = (error.driverError as { code?: string }).code;
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
    return 'unique';
  if (code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'foreign-key';
  return null;
}

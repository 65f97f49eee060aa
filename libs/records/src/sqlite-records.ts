import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@nestjs/common';
import type { Database } from 'better-sqlite3';
import { DataSource, type DataSourceOptions, type QueryRunner } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { SQLITE_MIGRATIONS } from './migrations/sqlite';

/**
 * The records on SQLite (standalone mode): one better-sqlite3 connection per DataSource — the standalone app opens
 * one and every module of it uses that — with the PostgreSQL column types of the entities mapped onto SQLite's, every
 * transaction serialized on the connection, and the `park_device_changed` notification raised by triggers.
 */

/** PostgreSQL column types of the entities → the SQLite column type they are stored as. */
const STORED_AS: Readonly<Record<string, string>> = {
  timestamptz: 'datetime',
  uuid: 'varchar',
  jsonb: 'text',
  bytea: 'blob',
  char: 'character',
};

/** PostgreSQL column types → the TypeORM SQLite type whose value conversion they use (Date ↔ UTC text, JSON). */
const CONVERTED_AS: Readonly<Record<string, string>> = {
  timestamptz: 'datetime',
  jsonb: 'json',
};

/** `datetime('now')` to the millisecond, in the same UTC text TypeORM writes for a Date. */
const NOW_MS = `strftime('%Y-%m-%d %H:%M:%f', 'now')`;

type DriverColumn = Pick<ColumnMetadata, 'type'> & Partial<ColumnMetadata>;

interface SqliteDriverHooks {
  normalizeType(column: DriverColumn): string;
  preparePersistentValue(value: unknown, column: ColumnMetadata): unknown;
  prepareHydratedValue(value: unknown, column: ColumnMetadata): unknown;
  mappedDataTypes: { createDateDefault: string; updateDateDefault: string };
}

function convertedAs(column: ColumnMetadata): ColumnMetadata {
  const type = CONVERTED_AS[String(column.type)];
  return type ? (Object.create(column, { type: { value: type } }) as ColumnMetadata) : column;
}

/**
 * Teaches this DataSource's SQLite driver the entities' PostgreSQL types, without touching what PostgreSQL sees
 * (the decorators stay as they are; only this driver instance changes): timestamptz is UTC text to the
 * millisecond, uuid is text (TypeORM generates the ids), jsonb is JSON text, an auto-increment bigint is SQLite's
 * INTEGER PRIMARY KEY, and a bigint reads back as a string, as node-postgres returns it.
 */
function adaptDriver(dataSource: DataSource): void {
  const driver = dataSource.driver as unknown as SqliteDriverHooks;
  const normalize = driver.normalizeType.bind(driver);
  const persist = driver.preparePersistentValue.bind(driver);
  const hydrate = driver.prepareHydratedValue.bind(driver);
  driver.normalizeType = (column) => {
    if (column.type === 'bigint' && column.isGenerated && column.generationStrategy === 'increment')
      return 'integer';
    return STORED_AS[String(column.type)] ?? normalize(column);
  };
  driver.preparePersistentValue = (value, column) => persist(value, convertedAs(column));
  driver.prepareHydratedValue = (value, column) =>
    hydrate(
      column.type === 'bigint' && typeof value === 'number' ? String(value) : value,
      convertedAs(column),
    );
  driver.mappedDataTypes.createDateDefault = NOW_MS;
  driver.mappedDataTypes.updateDateDefault = NOW_MS;
}

/**
 * TypeORM's better-sqlite3 driver runs everything on one connection and one query runner. Two async flows that
 * each run a transaction would interleave on it — the second BEGIN becomes a savepoint inside the first, and each
 * flow's statements land in the other's transaction. The gate gives the connection to one flow at a time: a
 * transaction (or a save, which opens one) holds it from BEGIN to COMMIT, and a statement outside any transaction
 * waits for the holder to finish. A flow inside its own transaction passes straight through (nesting).
 */
export class ConnectionGate {
  private readonly scope = new AsyncLocalStorage<object>();
  private holder: object | null = null;
  private queue: Promise<void> = Promise.resolve();

  get held(): boolean {
    return this.holder !== null && this.scope.getStore() === this.holder;
  }

  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.held) return work();
    let release!: () => void;
    const turn = new Promise<void>((resolve) => (release = resolve));
    const previous = this.queue;
    this.queue = previous.then(() => turn);
    await previous;
    const token = {};
    this.holder = token;
    try {
      return await this.scope.run(token, work);
    } finally {
      this.holder = null;
      release();
    }
  }

  /** Runs `fn` outside any holder's scope (for callbacks that must not inherit the connection). */
  detached(fn: () => void): void {
    this.scope.exit(fn);
  }
}

type Listener = (deviceId: string) => void;

/**
 * The SQLite side of `park_device_changed`: triggers call `park_device_changed(id)` (a JS function registered on
 * the connection); ids are collected and announced once the write commits, dropped if it rolls back — as
 * PostgreSQL delivers a NOTIFY.
 */
export class DeviceChangeHub {
  private readonly logger = new Logger(DeviceChangeHub.name);
  private readonly listeners = new Set<Listener>();
  private pending = new Set<string>();

  constructor(private readonly gate: ConnectionGate) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  noteChanged(deviceId: string): void {
    this.pending.add(deviceId);
  }

  committed(): void {
    if (this.pending.size === 0) return;
    const ids = [...this.pending];
    this.pending = new Set();
    this.gate.detached(() =>
      setImmediate(() => {
        for (const id of ids)
          for (const listener of this.listeners) {
            try {
              listener(id);
            } catch (error) {
              this.logger.warn(`device change listener failed: ${String(error)}`);
            }
          }
      }),
    );
  }

  rolledBack(): void {
    this.pending = new Set();
  }
}

/** Routes the shared query runner and the DataSource's manager through the gate; reports commits to the hub. */
function serialize(dataSource: DataSource, gate: ConnectionGate, hub: DeviceChangeHub): void {
  const runner: QueryRunner = dataSource.createQueryRunner();
  const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
  const commit = runner.commitTransaction.bind(runner);
  const rollback = runner.rollbackTransaction.bind(runner);
  const afterStatement = () => {
    if (!runner.isTransactionActive) hub.committed();
  };
  runner.query = ((...args: unknown[]) =>
    gate.held
      ? query(...args).finally(afterStatement)
      : gate.exclusive(() => query(...args).finally(afterStatement))) as QueryRunner['query'];
  runner.commitTransaction = async () => {
    await commit();
    afterStatement();
  };
  runner.rollbackTransaction = async () => {
    await rollback();
    if (!runner.isTransactionActive) hub.rolledBack();
  };

  const manager = dataSource.manager as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const transaction = manager.transaction.bind(manager);
  // SQLite knows no READ COMMITTED; one writer at a time is stricter than any isolation level asked for.
  manager.transaction = (isolationOrWork, work) =>
    gate.exclusive(() => transaction(typeof isolationOrWork === 'function' ? isolationOrWork : work));
  // These open a transaction of their own when called outside one.
  for (const method of ['save', 'remove', 'softRemove', 'recover'] as const) {
    const original = manager[method].bind(manager);
    manager[method] = (...args) => gate.exclusive(() => original(...args));
  }
}

/**
 * Brings the schema up to date with the SQLite migrations (`migrations/sqlite`), as `npm run migrate` does on
 * PostgreSQL. A file made before SQLite had migrations (its schema synchronized from the entities on every
 * open, no `migrations` table) is adopted: synchronized one last time — the schema the migrations make, as the
 * drift check guarantees — and every migration recorded as run.
 */
async function migrate(dataSource: DataSource): Promise<void> {
  const tables = await dataSource.query<{ name: string }[]>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('migrations', 'devices')`,
  );
  const names = new Set(tables.map((t) => t.name));
  if (names.has('devices') && !names.has('migrations')) {
    new Logger('SqliteRecords').log('adopting records made before SQLite had migrations');
    await dataSource.synchronize();
    await dataSource.runMigrations({ fake: true });
    return;
  }
  await dataSource.runMigrations({ transaction: 'each' });
}

const hubs = new WeakMap<DataSource, DeviceChangeHub>();

/** `sqlite:/abs/path/park.db` → the file; `sqlite::memory:` → an in-memory database. */
export function sqlitePath(url: string): string {
  return url.slice('sqlite:'.length);
}

/**
 * Opens the SQLite records of `url`: a connection of its own, closed by its `destroy()` (idempotent). A process runs
 * one app on one file, and the app opens it once (RecordsModule); a second open of the file is a second connection,
 * which SQLite serializes with the first by its file lock (busy timeout 5 s), and `sqlite::memory:` is a new
 * database each time.
 */
export async function openSqliteRecords(
  url: string,
  entities: DataSourceOptions['entities'],
): Promise<DataSource> {
  const gate = new ConnectionGate();
  const hub = new DeviceChangeHub(gate);
  const database = sqlitePath(url);
  const dataSource = new DataSource({
    type: 'better-sqlite3',
    database,
    entities,
    migrations: SQLITE_MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    enableWAL: database !== ':memory:',
    /** busy timeout (ms): another process (a CLI) holding the write lock is waited for, not failed on. */
    timeout: 5000,
    logging: ['error'],
    prepareDatabase: (db: Database) => {
      db.function('park_device_changed', (id: unknown) => {
        hub.noteChanged(String(id));
        return null;
      });
    },
  });
  adaptDriver(dataSource);
  await dataSource.initialize();
  try {
    serialize(dataSource, gate, hub);
    await gate.exclusive(() => migrate(dataSource));
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    if (!dataSource.isInitialized) return; // closed already: a late or repeated destroy() changes nothing
    await gate.exclusive(destroy);
  };
  hubs.set(dataSource, hub);
  return dataSource;
}

/** The device-change notifications of an SQLite records DataSource. */
export function sqliteDeviceChanges(dataSource: DataSource): DeviceChangeHub {
  const hub = hubs.get(dataSource);
  if (!hub) throw new Error('not an SQLite records DataSource opened by openRecords');
  return hub;
}

import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  closeSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import Database from 'better-sqlite3';
import { PLATFORM_LOCK_FILE, runningPlatform } from './platform-lock';

/** Written last into a backup folder: without it (or with a file that disagrees with it) there is no backup. */
export const MANIFEST_FILE = 'manifest.json';
const FORMAT = 'smart-park-data-backup';
const FORMAT_VERSION = 1;

export enum DataBackupErrorCode {
  NoDataFolder = 'NO_DATA_FOLDER',
  OutputInsideDataFolder = 'OUTPUT_INSIDE_DATA_FOLDER',
  OutputExists = 'OUTPUT_EXISTS',
  PlatformRunning = 'PLATFORM_RUNNING',
  NotABackup = 'NOT_A_BACKUP',
  Incomplete = 'INCOMPLETE',
  ChecksumMismatch = 'CHECKSUM_MISMATCH',
  CorruptDatabase = 'CORRUPT_DATABASE',
}

export class DataBackupError extends Error {
  constructor(
    readonly code: DataBackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DataBackupError';
  }
}

export interface BackupFile {
  /** Relative to the data folder, `/`-separated. */
  readonly path: string;
  /** `sqlite`: copied with SQLite's online backup API and checked with `PRAGMA integrity_check`. */
  readonly kind: 'sqlite' | 'file';
  readonly bytes: number;
  readonly sha256: string;
  /** Permission bits, restored as they were (jwt-secret is 0600). */
  readonly mode: number;
}

export interface BackupManifest {
  readonly format: typeof FORMAT;
  readonly formatVersion: typeof FORMAT_VERSION;
  readonly appVersion: string;
  readonly createdAt: string;
  /** The data folder it was taken from. */
  readonly dataDir: string;
  readonly files: readonly BackupFile[];
}

/** SQLite's sidecar files: their content is carried by the backup of their database. */
const SIDECARS = ['-wal', '-shm', '-journal'];
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** Pages per backup step: all of them, so a database written meanwhile is copied in one read transaction. */
const ALL_PAGES = 0x7fffffff;

/**
 * Backs up the standalone mode's data folder, running or not, into `<outRoot>/<folder name>-<UTC time>` (outRoot
 * defaults to a `backups` folder beside the data folder): every SQLite database in it — found by its file header,
 * whoever wrote it — through SQLite's online backup API, each a consistent copy as of one instant (databases are
 * copied one after another, so their instants differ by the time a copy takes); every other file as it is (the
 * generated JWT secret, the HJ 212 devices file); sidecars (-wal, -shm) and the platform's lock left out. Each
 * copied database is checked with `PRAGMA integrity_check` and switched to a single file (journal_mode DELETE).
 * The manifest — files, sizes, SHA-256, app version, time — is written last, and the folder takes its final name
 * only then: a backup that stopped half-way is a `.partial` folder, never mistaken for a backup.
 */
export async function backupDataFolder(options: {
  readonly dataDir: string;
  readonly outRoot?: string;
  readonly appVersion: string;
  readonly now: Date;
}): Promise<{ readonly dir: string; readonly manifest: BackupManifest }> {
  const dataDir = resolve(options.dataDir);
  const files = dataFiles(dataDir);
  if (files.length === 0)
    throw new DataBackupError(
      DataBackupErrorCode.NoDataFolder,
      `no data to back up: ${dataDir} is missing or empty (PARK_DATA_DIR)`,
    );
  const outRoot = resolve(options.outRoot ?? join(dirname(dataDir), 'backups'));
  const dir = join(outRoot, `${basename(dataDir)}-${stamp(options.now)}`);
  if (isInside(dataDir, dir))
    throw new DataBackupError(
      DataBackupErrorCode.OutputInsideDataFolder,
      `the backup must not be written inside the data folder ${dataDir}: choose another --out`,
    );
  if (existsSync(dir)) throw new DataBackupError(DataBackupErrorCode.OutputExists, `${dir} exists already`);
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  try {
    const copied: BackupFile[] = [];
    for (const path of files) {
      const source = join(dataDir, path);
      const target = join(partial, path);
      mkdirSync(dirname(target), { recursive: true });
      const kind = isSqlite(source) ? 'sqlite' : 'file';
      if (kind === 'sqlite') {
        await backupDatabase(source, target);
      } else {
        copyFileSync(source, target);
      }
      const mode = statSync(source).mode & 0o777;
      chmodSync(target, mode);
      copied.push({
        path: path.split(sep).join('/'),
        kind,
        bytes: statSync(target).size,
        sha256: sha256(target),
        mode,
      });
    }
    const manifest: BackupManifest = {
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      appVersion: options.appVersion,
      createdAt: options.now.toISOString(),
      dataDir,
      files: copied,
    };
    writeFileSync(join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    renameSync(partial, dir);
    return { dir, manifest };
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Checks a backup folder without changing anything: its manifest, every file's size and SHA-256, and
 * `PRAGMA integrity_check` of every database. Throws a DataBackupError naming the first problem.
 */
export function verifyBackup(backupDir: string): BackupManifest {
  const dir = resolve(backupDir);
  const manifest = readManifest(dir);
  for (const file of manifest.files) {
    const path = join(dir, file.path);
    if (!existsSync(path))
      throw new DataBackupError(
        DataBackupErrorCode.Incomplete,
        `the backup is incomplete: ${file.path} is missing from ${dir}`,
      );
    const bytes = statSync(path).size;
    if (bytes !== file.bytes || sha256(path) !== file.sha256)
      throw new DataBackupError(
        DataBackupErrorCode.ChecksumMismatch,
        `the backup is damaged: ${file.path} does not match its checksum in ${MANIFEST_FILE}`,
      );
    if (file.kind === 'sqlite') {
      const problem = integrityProblem(path);
      if (problem)
        throw new DataBackupError(
          DataBackupErrorCode.CorruptDatabase,
          `the backup is damaged: ${file.path} fails PRAGMA integrity_check: ${problem}`,
        );
    }
  }
  return manifest;
}

/**
 * Replaces the data folder with a verified backup. Refuses while a platform runs on the folder (its lock file
 * names a live process) and refuses a backup that fails verifyBackup. The files are first copied beside the data
 * folder, then the current folder is renamed to `<folder>.before-restore-<UTC time>` (kept: delete it once
 * satisfied) and the copy takes its name — so a failure half-way leaves the current data folder as it was.
 */
export function restoreDataFolder(options: {
  readonly dataDir: string;
  readonly backupDir: string;
  readonly now: Date;
}): { readonly manifest: BackupManifest; readonly previous: string | null } {
  const dataDir = resolve(options.dataDir);
  refuseWhileRunning(dataDir);
  const backupDir = resolve(options.backupDir);
  const manifest = verifyBackup(backupDir);
  const staging = `${dataDir}.restoring-${stamp(options.now)}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  let previous: string | null = null;
  try {
    for (const file of manifest.files) {
      const target = join(staging, file.path);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(join(backupDir, file.path), target);
      chmodSync(target, file.mode);
    }
    refuseWhileRunning(dataDir); // started while the files were copied?
    if (existsSync(dataDir)) {
      previous = `${dataDir}.before-restore-${stamp(options.now)}`;
      renameSync(dataDir, previous);
    }
    renameSync(staging, dataDir);
    return { manifest, previous };
  } catch (error) {
    if (previous && !existsSync(dataDir)) renameSync(previous, dataDir);
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

function refuseWhileRunning(dataDir: string): void {
  const running = runningPlatform(dataDir);
  if (running)
    throw new DataBackupError(
      DataBackupErrorCode.PlatformRunning,
      `the platform is running on ${dataDir} (pid ${running.pid} on ${running.host}, since ${running.startedAt}): ` +
        `stop it first. If it is not running, delete ${join(dataDir, PLATFORM_LOCK_FILE)}.`,
    );
}

function readManifest(dir: string): BackupManifest {
  const path = join(dir, MANIFEST_FILE);
  let manifest: Partial<BackupManifest>;
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as Partial<BackupManifest>;
  } catch {
    throw new DataBackupError(
      DataBackupErrorCode.NotABackup,
      existsSync(dir)
        ? `${dir} is not a complete backup: its ${MANIFEST_FILE} is missing or unreadable`
        : `no backup at ${dir}`,
    );
  }
  if (
    manifest.format !== FORMAT ||
    manifest.formatVersion !== FORMAT_VERSION ||
    !Array.isArray(manifest.files)
  )
    throw new DataBackupError(
      DataBackupErrorCode.NotABackup,
      `${path} is not a manifest of this platform's backups (format ${FORMAT} ${FORMAT_VERSION})`,
    );
  for (const file of manifest.files as unknown[]) {
    const entry = (file ?? {}) as Partial<BackupFile>;
    const path = typeof entry.path === 'string' ? entry.path : '';
    if (!path || isAbsolute(path) || path.split('/').includes('..') || path === MANIFEST_FILE)
      throw new DataBackupError(
        DataBackupErrorCode.NotABackup,
        `${MANIFEST_FILE} names a file outside the backup: ${path}`,
      );
  }
  return manifest as BackupManifest;
}

/** Files of the data folder to back up, relative paths, sorted: SQLite sidecars and the lock left out. */
function dataFiles(dataDir: string, under = ''): string[] {
  let entries;
  try {
    entries = readdirSync(join(dataDir, under), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const entry of entries) {
    const path = under ? join(under, entry.name) : entry.name;
    if (entry.isDirectory()) out.push(...dataFiles(dataDir, path));
    else if (
      entry.isFile() &&
      path !== PLATFORM_LOCK_FILE &&
      !SIDECARS.some((suffix) => entry.name.endsWith(suffix))
    )
      out.push(path);
  }
  return out.sort();
}

function isSqlite(path: string): boolean {
  if (lstatSync(path).size < SQLITE_MAGIC.length) return false;
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(SQLITE_MAGIC.length);
    readSync(fd, header, 0, header.length, 0);
    return header.equals(SQLITE_MAGIC);
  } finally {
    closeSync(fd);
  }
}

/** A consistent copy of a live database (SQLite's online backup API, in one step), checked and made one file. */
async function backupDatabase(source: string, target: string): Promise<void> {
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 10000');
    await db.backup(target, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
  const copy = new Database(target, { fileMustExist: true });
  try {
    // No -wal beside the copy: the backup is self-contained (the platform switches its files back to WAL on start).
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  const problem = integrityProblem(target);
  if (problem)
    throw new DataBackupError(
      DataBackupErrorCode.CorruptDatabase,
      `the copy of ${source} fails PRAGMA integrity_check: ${problem}`,
    );
}

/** null when `PRAGMA integrity_check` answers ok, else what it (or opening the file) reported. */
function integrityProblem(path: string): string | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const report = rows.map((r) => r.integrity_check);
    return report.length === 1 && report[0] === 'ok' ? null : report.slice(0, 5).join('; ');
  } catch (error) {
    return (error as Error).message;
  } finally {
    db?.close();
  }
}

/** SHA-256 of a file, read 1 MiB at a time (a telemetry database can be gigabytes). */
function sha256(path: string): string {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(1 << 20);
  const fd = openSync(path, 'r');
  try {
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk))
      hash.update(chunk.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** 2026-12-07T06-30-00Z: sortable, and valid in a file name everywhere. */
function stamp(at: Date): string {
  return at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
}

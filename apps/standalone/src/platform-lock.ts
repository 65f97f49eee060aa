import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** The file a running standalone platform keeps in its data folder (removed when it stops). */
export const PLATFORM_LOCK_FILE = 'platform.lock';

/** Who holds a data folder: written by the platform on start, read by `npm run restore`. */
export interface PlatformLock {
  readonly pid: number;
  readonly host: string;
  /** The process's start time in clock ticks since boot (/proc/<pid>/stat), so a reused pid is not taken for it. */
  readonly procStart: string | null;
  readonly startedAt: string;
}

/** Another platform is running on the data folder: two on one SQLite folder would corrupt each other's bus journal. */
export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: PlatformLock,
  ) {
    super(
      `the data folder ${dataDir} is in use by another platform (pid ${holder.pid} on ${holder.host}, started ` +
        `${holder.startedAt}); stop it first, or set PARK_DATA_DIR to another folder`,
    );
    this.name = 'DataFolderInUseError';
  }
}

/**
 * Marks `dataDir` as in use by this process until `release` (the platform calls it last when it stops). Refuses
 * (DataFolderInUseError) while another live platform holds it; a lock left by a process that died is replaced. The
 * file is created exclusively, so of two platforms started together on one folder only one gets it.
 */
export function holdPlatformLock(dataDir: string, startedAt: Date): { release(): void } {
  const path = join(dataDir, PLATFORM_LOCK_FILE);
  const lock: PlatformLock = {
    pid: process.pid,
    host: hostname(),
    procStart: processStart(process.pid),
    startedAt: startedAt.toISOString(),
  };
  const content = `${JSON.stringify(lock)}\n`;
  if (!createExclusively(path, content)) {
    const holder = runningPlatform(dataDir);
    if (holder && !isThisProcess(holder)) throw new DataFolderInUseError(dataDir, holder);
    // Left by a crash (or by this process's earlier run): taken over. The exclusive create keeps out a platform
    // started together with this one on a clean folder; two taking over one crash's lock at the same instant are not.
    rmSync(path, { force: true });
    if (!createExclusively(path, content)) throw new DataFolderInUseError(dataDir, readLock(path) ?? lock);
  }
  return {
    release: () => {
      // Only our own: a platform started on this folder after us (it should not be) keeps its lock.
      if (readLock(path)?.pid === process.pid) rmSync(path, { force: true });
    },
  };
}

/** Writes `path` unless it exists (false then). */
function createExclusively(path: string, content: string): boolean {
  try {
    writeFileSync(path, content, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function isThisProcess(lock: PlatformLock): boolean {
  return lock.pid === process.pid && lock.host === hostname();
}

/**
 * The platform running on `dataDir` on this machine, or null: its lock file names a process that is alive and is
 * the same process (its start time matches), so a lock left by a crash — or a pid since reused — does not count.
 */
export function runningPlatform(dataDir: string): PlatformLock | null {
  const lock = readLock(join(dataDir, PLATFORM_LOCK_FILE));
  if (!lock) return null;
  // Another machine's processes cannot be checked (a data folder on a shared disk): taken as running.
  if (lock.host !== hostname()) return lock;
  if (!isAlive(lock.pid)) return null;
  const start = processStart(lock.pid);
  return lock.procStart && start && start !== lock.procStart ? null : lock;
}

function readLock(path: string): PlatformLock | null {
  try {
    const lock = JSON.parse(readFileSync(path, 'utf8')) as Partial<PlatformLock>;
    if (typeof lock.pid !== 'number' || typeof lock.host !== 'string') return null;
    return {
      pid: lock.pid,
      host: lock.host,
      procStart: typeof lock.procStart === 'string' ? lock.procStart : null,
      startedAt: typeof lock.startedAt === 'string' ? lock.startedAt : '',
    };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/<pid>/stat (start time since boot), or null off Linux. */
function processStart(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

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

/**
 * Marks `dataDir` as in use by this process until `release` (the platform calls it last when it stops). A lock
 * left by a process that died is overwritten: only a live holder counts (runningPlatform).
 */
export function holdPlatformLock(dataDir: string, startedAt: Date): { release(): void } {
  const path = join(dataDir, PLATFORM_LOCK_FILE);
  const lock: PlatformLock = {
    pid: process.pid,
    host: hostname(),
    procStart: processStart(process.pid),
    startedAt: startedAt.toISOString(),
  };
  writeFileSync(path, `${JSON.stringify(lock)}\n`);
  return {
    release: () => {
      // Only our own: a platform started on this folder after us (it should not be) keeps its lock.
      if (readLock(path)?.pid === process.pid) rmSync(path, { force: true });
    },
  };
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

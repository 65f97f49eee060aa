import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { holdPlatformLock, PLATFORM_LOCK_FILE, runningPlatform, type PlatformLock } from './platform-lock';

describe('the platform lock of a data folder', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'park-lock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const rewrite = (change: Partial<PlatformLock>) => {
    const path = join(dir, PLATFORM_LOCK_FILE);
    const lock = JSON.parse(readFileSync(path, 'utf8')) as PlatformLock;
    writeFileSync(path, JSON.stringify({ ...lock, ...change }));
  };

  it('names the running process until it is released', () => {
    const lock = holdPlatformLock(dir, new Date('2026-12-07T06:00:00Z'));
    expect(runningPlatform(dir)).toMatchObject({ pid: process.pid, startedAt: '2026-12-07T06:00:00.000Z' });
    lock.release();
    expect(runningPlatform(dir)).toBeNull();
  });

  it('does not count a lock left by a process that has died', () => {
    holdPlatformLock(dir, new Date());
    const exited = spawnSync(process.execPath, ['-e', '0']);
    rewrite({ pid: exited.pid });
    expect(runningPlatform(dir)).toBeNull();
  });

  it('does not count a lock whose pid now belongs to another process', () => {
    holdPlatformLock(dir, new Date());
    rewrite({ procStart: '1' });
    expect(runningPlatform(dir)).toBeNull();
  });

  it('counts a lock of another machine (a shared disk), which it cannot check', () => {
    holdPlatformLock(dir, new Date());
    rewrite({ host: `not-${hostname()}`, pid: 1 });
    expect(runningPlatform(dir)).toMatchObject({ host: `not-${hostname()}` });
  });

  it('is not removed by another process’s release', () => {
    const ours = holdPlatformLock(dir, new Date());
    rewrite({ pid: 1 });
    ours.release();
    expect(readFileSync(join(dir, PLATFORM_LOCK_FILE), 'utf8')).toContain('"pid":1');
  });
});

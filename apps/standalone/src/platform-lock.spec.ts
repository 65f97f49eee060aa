import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DataFolderInUseError,
  holdPlatformLock,
  PLATFORM_LOCK_FILE,
  runningPlatform,
  type PlatformLock,
} from './platform-lock';

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

  it('refuses a folder another live platform holds, and names it', async () => {
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => other.once('spawn', resolve));
      const procStart =
        readFileSync(`/proc/${other.pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[19] ?? null;
      const held: PlatformLock = {
        pid: other.pid!,
        host: hostname(),
        procStart,
        startedAt: '2026-12-07T06:00:00.000Z',
      };
      writeFileSync(join(dir, PLATFORM_LOCK_FILE), JSON.stringify(held));

      expect(() => holdPlatformLock(dir, new Date())).toThrow(DataFolderInUseError);
      expect(() => holdPlatformLock(dir, new Date())).toThrow(`pid ${other.pid}`);
      expect(JSON.parse(readFileSync(join(dir, PLATFORM_LOCK_FILE), 'utf8'))).toEqual(held);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('takes over the lock of a platform that died', () => {
    writeFileSync(
      join(dir, PLATFORM_LOCK_FILE),
      JSON.stringify({
        pid: spawnSync(process.execPath, ['-e', '0']).pid,
        host: hostname(),
        procStart: '1',
        startedAt: '',
      }),
    );
    const lock = holdPlatformLock(dir, new Date('2026-12-07T07:00:00Z'));
    expect(runningPlatform(dir)).toMatchObject({ pid: process.pid, startedAt: '2026-12-07T07:00:00.000Z' });
    lock.release();
  });
});

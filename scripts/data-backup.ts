/**
 * Backup and restore of the standalone mode's data folder (PARK_DATA_DIR; docs/standalone.md, "Backup, restore
 * and retention"):
 *   npm run backup -- [--out DIR]    while the platform runs or not: DIR (default: `backups` beside the data
 *                                    folder) gets a folder <data folder name>-<UTC time> with every file and a
 *                                    manifest; prints its path
 *   npm run restore -- BACKUP_DIR    with the platform stopped: checks the backup (checksums, integrity_check),
 *                                    keeps the current folder as <data folder>.before-restore-<UTC time>, and puts
 *                                    the backup in its place
 *   npm run restore -- --check BACKUP_DIR   the checks only
 * Exit status 0 on success, 1 with one line on standard error naming what is wrong.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadConfigOrExit } from '@park/config';
import {
  backupDataFolder,
  DataBackupError,
  restoreDataFolder,
  verifyBackup,
} from '../apps/standalone/src/data-backup';
import { standaloneConfigSpec } from '../apps/standalone/src/standalone.config';

const spec = { PARK_DATA_DIR: standaloneConfigSpec.PARK_DATA_DIR };

const USAGE = 'usage: npm run backup -- [--out DIR] | npm run restore -- [--check] BACKUP_DIR';

/** The version in the repository's package.json (the nearest one above this file, in src or dist). */
function appVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const path = join(dir, 'package.json');
    if (!existsSync(path)) continue;
    const pkg = JSON.parse(readFileSync(path, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'smart-park') return pkg.version ?? 'unknown';
  }
  return 'unknown';
}

async function main(command: string | undefined, args: string[]): Promise<void> {
  const config = loadConfigOrExit(`data-backup ${command ?? ''}`.trim(), spec);
  const dataDir = resolve(config.PARK_DATA_DIR);
  if (command === 'backup') {
    const out = args[0] === '--out' ? args[1] : undefined;
    if ((args.length > 0 && !out) || args.length > 2) throw new Error(USAGE);
    const { dir, manifest } = await backupDataFolder({
      dataDir,
      outRoot: out,
      appVersion: appVersion(),
      now: new Date(),
    });
    const bytes = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
    process.stdout.write(
      `backed up ${dataDir}: ${manifest.files.length} files (${manifest.files.filter((f) => f.kind === 'sqlite').length} SQLite databases), ${(bytes / 2 ** 20).toFixed(1)} MiB\n${dir}\n`,
    );
    return;
  }
  if (command === 'restore') {
    const check = args[0] === '--check';
    const backupDir = check ? args[1] : args[0];
    if (!backupDir || args.length > (check ? 2 : 1)) throw new Error(USAGE);
    if (check) {
      const manifest = verifyBackup(backupDir);
      process.stdout.write(
        `${resolve(backupDir)}: a complete backup of ${manifest.dataDir} taken ${manifest.createdAt} (app ${manifest.appVersion}), ${manifest.files.length} files, checksums and integrity_check ok\n`,
      );
      return;
    }
    const { manifest, previous } = restoreDataFolder({ dataDir, backupDir, now: new Date() });
    process.stdout.write(
      `restored ${dataDir} from the backup of ${manifest.createdAt} (app ${manifest.appVersion}, ${manifest.files.length} files)\n` +
        (previous ? `the data folder as it was is kept at ${previous}: delete it once satisfied\n` : ''),
    );
    return;
  }
  throw new Error(USAGE);
}

main(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  const message =
    error instanceof DataBackupError
      ? `${error.message} [${error.code}]`
      : error instanceof Error
        ? error.message
        : String(error);
  process.stderr.write(`${message}\n`);
  process.exit(1);
});

import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { E2E_WEB_ROOT } from './web-build';

/** Builds the web app from the current source before the end-to-end suites run (a few seconds). */
export default function buildWebApp(): void {
  const repo = join(__dirname, '..', '..', '..');
  execFileSync(
    process.execPath,
    [
      join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'),
      'build',
      '--config',
      join(repo, 'apps/web/vite.config.mts'),
      '--outDir',
      E2E_WEB_ROOT,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: repo, stdio: 'inherit' },
  );
}

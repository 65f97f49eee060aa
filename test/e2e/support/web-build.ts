import { join } from 'node:path';

/** Where the e2e global setup builds the web app (not dist/web, which a running API may be serving). */
export const E2E_WEB_ROOT = join(__dirname, '..', '..', '..', 'test-output', 'e2e', 'web');

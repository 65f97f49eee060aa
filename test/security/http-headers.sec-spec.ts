/**
 * Security headers and what the API exposes to anyone (docs/security-http.md, "Headers" and "Exposure"):
 * every answer — the web app's pages and files, API JSON, errors, the docs — carries the CSP (no inline script,
 * frame-ancestors 'none' by default), nosniff, no-referrer and X-Frame-Options, and no X-Powered-By; source maps
 * of the web build are not served; the OpenAPI document needs a signed-in staff user. The standalone mode's
 * adapters (SQLite, in-process bus) with a small built web app of its own.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@park/config';
import { openRecords, seedDemoPark } from '@park/records';
import { apiConfigSpec } from '../../apps/api/src/api.config';
import { startApi } from '../../apps/api/src/main';
import { login } from '../support/records-api';
import { expectAllHandled } from './support/tally';

const PASSWORD = 'headers-password';

interface Running {
  readonly url: string;
  stop(): Promise<void>;
}

/** The API on SQLite serving a stand-in web build (index.html, a script and its source map). */
async function startWithWebApp(settings: Record<string, string> = {}): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'park-headers-'));
  const web = join(dir, 'web');
  mkdirSync(join(web, 'assets'), { recursive: true });
  writeFileSync(
    join(web, 'index.html'),
    '<!doctype html><script type="module" src="/assets/app.js"></script>',
  );
  writeFileSync(join(web, 'assets', 'app.js'), 'console.log("app");\n//# sourceMappingURL=app.js.map\n');
  writeFileSync(join(web, 'assets', 'app.js.map'), '{"version":3,"sources":["secret-source.ts"]}');
  const databaseUrl = `sqlite:${join(dir, 'records.db')}`;
  const records = await openRecords(databaseUrl, { migrate: true });
  await seedDemoPark(records, PASSWORD);
  await records.destroy();
  const app: NestExpressApplication = await startApi(
    loadConfig(apiConfigSpec, {
      DATABASE_URL: databaseUrl,
      BUS: 'in-process',
      TELEMETRY_SQLITE_PATH: join(dir, 'telemetry.db'),
      JWT_SECRET: 'headers-test-secret-that-is-long-enough-0123456789',
      API_PORT: '0',
      ...settings,
    }),
    { webRoot: web },
  );
  return {
    url: (await app.getUrl()).replace('[::1]', '127.0.0.1'),
    stop: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Whether a CSP header forbids inline and foreign scripts, and says who may frame the page. */
function strictCsp(csp: string | null, frameAncestors: string): boolean {
  if (!csp) return false;
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values] as const),
  );
  const script = directives.get('script-src') ?? directives.get('default-src') ?? [];
  return (
    script.length > 0 &&
    !script.some(
      (s) => s === "'unsafe-inline'" || s === "'unsafe-eval'" || s === '*' || s.startsWith('http'),
    ) &&
    directives.get('object-src')?.join(' ') === "'none'" &&
    directives.get('frame-ancestors')?.join(' ') === frameAncestors &&
    !directives.has('upgrade-insecure-requests')
  );
}

describe('security headers and exposure, web app and API', () => {
  let api: Running;
  let token: string;

  beforeAll(async () => {
    api = await startWithWebApp();
    token = await login(api.url, 'officer', PASSWORD);
  });

  afterAll(async () => {
    await api?.stop();
  });

  const request = (path: string, init: RequestInit = {}) => fetch(`${api.url}${path}`, init);

  it('sends the CSP, nosniff, no-referrer, X-Frame-Options and no X-Powered-By on every kind of answer', async () => {
    const answers: { name: string; send: () => Promise<Response> }[] = [
      { name: 'GET / (index.html)', send: () => request('/') },
      { name: 'GET /alerts/123 (deep link → index.html)', send: () => request('/alerts/123') },
      { name: 'GET /assets/app.js', send: () => request('/assets/app.js') },
      { name: 'GET /health', send: () => request('/health') },
      { name: 'GET /api/enterprises without a token (401)', send: () => request('/api/enterprises') },
      {
        name: 'GET /api/enterprises as officer (200)',
        send: () => request('/api/enterprises', { headers: { authorization: `Bearer ${token}` } }),
      },
      { name: 'GET /api/nope (404)', send: () => request('/api/nope') },
      {
        name: 'POST /api/auth/login malformed (400)',
        send: () =>
          request('/api/auth/login', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{',
          }),
      },
      { name: 'GET /api/docs (UI shell)', send: () => request('/api/docs') },
    ];
    await expectAllHandled(
      'headers',
      answers.map(({ name, send }) => ({
        name: `${name}: CSP, nosniff, no-referrer, DENY, no X-Powered-By`,
        check: async () => {
          const res = await send();
          await res.arrayBuffer();
          const h = res.headers;
          return (
            strictCsp(h.get('content-security-policy'), "'none'") &&
            h.get('x-content-type-options') === 'nosniff' &&
            h.get('referrer-policy') === 'no-referrer' &&
            h.get('x-frame-options') === 'DENY' &&
            !h.has('x-powered-by')
          );
        },
      })),
    );
  });

  it('does not serve the web build’s source maps, and needs a signed-in staff user for the OpenAPI document', async () => {
    await expectAllHandled('exposure', [
      {
        name: 'GET /assets/app.js.map → 404',
        check: async () => {
          const res = await request('/assets/app.js.map');
          return res.status === 404 && !(await res.text()).includes('secret-source');
        },
      },
      {
        name: 'GET /api/docs-json without a token → 401',
        check: async () => (await request('/api/docs-json')).status === 401,
      },
      {
        name: 'GET /api/docs-json with a forged token → 401',
        check: async () =>
          (await request('/api/docs-json', { headers: { authorization: 'Bearer a.b.c' } })).status === 401,
      },
      {
        name: 'GET /api/docs-yaml and the UI init script do not hand out the document',
        check: async () => {
          const yaml = await request('/api/docs-yaml');
          const start = await (await request('/api/docs/start.js')).text();
          return (
            yaml.status === 404 && !start.includes('/api/enterprises') && start.includes('/api/docs-json')
          );
        },
      },
      {
        name: 'GET /api/docs-json as officer → 200, the document',
        check: async () => {
          const res = await request('/api/docs-json', { headers: { authorization: `Bearer ${token}` } });
          const doc = (await res.json()) as { paths?: Record<string, unknown> };
          return res.status === 200 && doc.paths !== undefined && '/api/enterprises' in doc.paths;
        },
      },
    ]);
  });

  it('lets the listed origins frame the app when API_FRAME_ANCESTORS says so, and serves maps only when asked', async () => {
    const framed = await startWithWebApp({
      API_FRAME_ANCESTORS: 'https://portal.example',
      API_SERVE_SOURCE_MAPS: 'true',
    });
    try {
      await expectAllHandled('headers', [
        {
          name: 'API_FRAME_ANCESTORS=https://portal.example → frame-ancestors lists it, no X-Frame-Options',
          check: async () => {
            const res = await fetch(`${framed.url}/`);
            return (
              strictCsp(res.headers.get('content-security-policy'), 'https://portal.example') &&
              !res.headers.has('x-frame-options')
            );
          },
        },
        {
          name: 'API_SERVE_SOURCE_MAPS=true → the map is served',
          check: async () => (await fetch(`${framed.url}/assets/app.js.map`)).status === 200,
        },
      ]);
    } finally {
      await framed.stop();
    }
  });
});

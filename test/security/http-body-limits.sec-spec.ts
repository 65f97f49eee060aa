/**
 * Request bodies a careless client or an attacker sends (docs/security-http.md, "Body limits"): over the size
 * limit → 413, JSON nested deeper than API_JSON_MAX_DEPTH → 400 (it used to overflow class-transformer's stack
 * and answer 500), malformed JSON → 400 naming the problem, unsupported charsets and encodings → 415 — each with
 * a code, never a 500, on a public route (login) and on an authenticated one. Body parsing is the same code in
 * both modes (createApi); this runs on the standalone mode's adapters (SQLite, in-process bus).
 */
import { gzipSync } from 'node:zlib';
import { login } from '../support/records-api';
import { expectAllHandled } from './support/tally';
import { sqliteApi, type ApiBackend } from './support/api-backends';

const PASSWORD = 'body-limits-password';

const LIMIT_KB = 64;
const MAX_DEPTH = 32;

interface Answer {
  readonly status: number;
  readonly body: { code?: string; message?: unknown };
}

describe('HTTP request bodies: size, depth and syntax limits', () => {
  let api: ApiBackend;
  let token: string;

  beforeAll(async () => {
    api = await sqliteApi(PASSWORD, {
      API_BODY_LIMIT_KB: String(LIMIT_KB),
      API_JSON_MAX_DEPTH: String(MAX_DEPTH),
    });
    token = await login(api.url, 'admin', PASSWORD);
  });

  afterAll(async () => {
    await api?.stop();
  });

  async function send(
    path: string,
    body: string | Buffer,
    headers: Record<string, string> = {},
    auth = true,
  ): Promise<Answer> {
    const res = await fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(auth ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      // A Buffer as its bytes: the fetch body types (with the DOM's, which @types/pdfmake brings in) take no Buffer.
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    const text = await res.text();
    let parsed: Answer['body'] = {};
    try {
      parsed = JSON.parse(text) as Answer['body'];
    } catch {
      // not JSON: the check below fails on the missing code
    }
    return { status: res.status, body: parsed };
  }

  const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const nestedArray = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
  /** A login body whose password field carries `inner` (nesting depth of inner + 1). */
  const inLogin = (inner: string) => `{"username":"admin","password":${inner}}`;
  const answers = (expected: number, code: string) => (a: Answer) =>
    a.status === expected && a.body.code === code && typeof a.body.message === 'string';

  it('answers 413 with a code for a body over the limit, public route or not, plain or gzip', async () => {
    const big = JSON.stringify({ name: 'x'.repeat((LIMIT_KB + 1) * 1024) });
    const huge = JSON.stringify({ name: 'y'.repeat(4 * 1024 * 1024) });
    const tooLarge = answers(413, 'PAYLOAD_TOO_LARGE');
    await expectAllHandled('body-limits', [
      {
        name: 'just over the limit → 413 (login)',
        check: async () => tooLarge(await send('/api/auth/login', big, {}, false)),
      },
      {
        name: '4 MiB → 413 (login)',
        check: async () => tooLarge(await send('/api/auth/login', huge, {}, false)),
      },
      {
        name: 'just over the limit → 413 (POST /api/enterprises)',
        check: async () => tooLarge(await send('/api/enterprises', big)),
      },
      {
        name: 'gzip bomb: 4 MiB inflated from a few KiB → 413',
        check: async () =>
          tooLarge(await send('/api/enterprises', gzipSync(huge), { 'content-encoding': 'gzip' })),
      },
    ]);
  });

  it('answers 400 for JSON nested deeper than the limit (objects and arrays), at every depth up to the body limit', async () => {
    const tooDeep = answers(400, 'JSON_TOO_DEEP');
    const depths = [MAX_DEPTH + 1, 100, 1000, 5000, 10_000];
    await expectAllHandled('body-limits', [
      ...depths.map((depth) => ({
        name: `objects nested ${depth} deep → 400 (login)`,
        check: async () => tooDeep(await send('/api/auth/login', inLogin(nestedObject(depth)), {}, false)),
      })),
      ...depths.map((depth) => ({
        name: `arrays nested ${depth} deep → 400 (POST /api/enterprises)`,
        check: async () => tooDeep(await send('/api/enterprises', `{"name":${nestedArray(depth)}}`)),
      })),
      {
        name: 'a body at the depth limit is not refused for depth (validation answers instead)',
        check: async () => {
          const a = await send('/api/auth/login', inLogin(nestedObject(MAX_DEPTH - 1)), {}, false);
          return a.status === 400 && a.body.code !== 'JSON_TOO_DEEP';
        },
      },
    ]);
  });

  it('answers 400 naming the problem for malformed JSON, and 415 for a charset or encoding it cannot read', async () => {
    const malformed = answers(400, 'MALFORMED_JSON');
    await expectAllHandled('body-limits', [
      ...['{"username":', '{"a":1,}', "{'a':1}", '{"a":1}}', 'nul', '\u0000', '{"a":"\\x41"}'].map(
        (text) => ({
          name: `malformed JSON ${JSON.stringify(text)} → 400`,
          check: async () => malformed(await send('/api/auth/login', text, {}, false)),
        }),
      ),
      {
        name: 'charset=iso-8859-1 → 415',
        check: async () =>
          answers(
            415,
            'UNSUPPORTED_MEDIA_TYPE',
          )(
            await send(
              '/api/auth/login',
              '{}',
              { 'content-type': 'application/json; charset=iso-8859-1' },
              false,
            ),
          ),
      },
      {
        name: 'content-encoding: compress → 415',
        check: async () =>
          answers(
            415,
            'UNSUPPORTED_MEDIA_TYPE',
          )(await send('/api/auth/login', '{}', { 'content-encoding': 'compress' }, false)),
      },
      {
        name: 'a well-formed login still works',
        check: async () =>
          (
            await send(
              '/api/auth/login',
              JSON.stringify({ username: 'admin', password: PASSWORD }),
              {},
              false,
            )
          ).status === 200,
      },
    ]);
  });

  it('answers 400, not 500, for an urlencoded body nested past its depth', async () => {
    const form = `${'a'}${'[b]'.repeat(200)}=1`;
    await expectAllHandled('body-limits', [
      {
        name: 'urlencoded a[b][b]… 200 deep → 400',
        check: async () => {
          const a = await send('/api/enterprises', form, {
            'content-type': 'application/x-www-form-urlencoded',
          });
          return a.status === 400 && typeof a.body.code === 'string';
        },
      },
    ]);
  });
});

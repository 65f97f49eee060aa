/**
 * Paging and other numeric query parameters (docs/security-http.md, "Pagination"): `?page=` with a huge number
 * used to reach the database as OFFSET and answer 500. Generated from the OpenAPI document, so a new list route is
 * covered by default: every GET route's integer query parameter is sent huge, negative, fractional, exponential
 * and not a number, as admin, and must never answer 5xx; the paging parameters (page, pageSize, limit) must
 * answer 400 naming the parameter, and the largest allowed page must still answer 200 — on SQLite and on
 * PostgreSQL, whose integer ranges differ.
 */
import { login } from '../support/records-api';
import { API_BACKENDS, type ApiBackend } from './support/api-backends';
import { expectAllHandled } from './support/tally';

const PASSWORD = 'pagination-password';
const PAGING = new Set(['page', 'pageSize', 'limit']);
const BAD_NUMBERS = [
  '99999999999999999999',
  '1e20',
  '9007199254740993',
  '-1',
  '0',
  '1.5',
  '1e400',
  'abc',
  '',
];
/** A value that is valid for the route's required parameters, so only the probed one is wrong. */
const REQUIRED: Readonly<Record<string, string>> = {
  deviceId: 'demo-meter-001',
  metric: 'kw',
  from: String(Date.UTC(2025, 0, 1)),
  to: String(Date.UTC(2025, 0, 2)),
  year: '2024',
};

interface OpenApiParameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly schema?: { readonly type?: string; readonly maximum?: number };
}
interface OpenApiDocument {
  readonly paths: Record<string, Record<string, { readonly parameters?: readonly OpenApiParameter[] }>>;
}

describe.each(API_BACKENDS)('numeric query parameters on %s', (_mode, createBackend) => {
  let api: ApiBackend;
  let token: string;
  let document: OpenApiDocument;

  beforeAll(async () => {
    api = await createBackend(PASSWORD);
    token = await login(api.url, 'admin', PASSWORD);
    const res = await fetch(`${api.url}/api/docs-json`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    document = (await res.json()) as OpenApiDocument;
  });

  afterAll(async () => {
    await api?.stop();
  });

  const get = async (path: string) => {
    const res = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const text = await res.text();
    return { status: res.status, text };
  };

  /** Every GET route without path parameters and its integer query parameters, from the document. */
  function numericQueries(): { path: string; param: OpenApiParameter; others: OpenApiParameter[] }[] {
    const out: { path: string; param: OpenApiParameter; others: OpenApiParameter[] }[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      const query = (operations.get?.parameters ?? []).filter((p) => p.in === 'query');
      if (path.includes('{')) continue;
      for (const param of query) {
        if (param.schema?.type === 'integer' || param.schema?.type === 'number' || PAGING.has(param.name))
          out.push({ path, param, others: query.filter((p) => p !== param && p.required) });
      }
    }
    return out;
  }

  it('finds the paging parameters of every records list in the document', () => {
    const paged = numericQueries().filter((q) => q.param.name === 'page');
    expect(paged.map((q) => q.path)).toEqual(
      expect.arrayContaining([
        '/api/enterprises',
        '/api/parcels',
        '/api/carriers',
        '/api/devices',
        '/api/users',
      ]),
    );
  });

  it('never answers 5xx to a bad number, and answers paging mistakes 400 naming the parameter', async () => {
    const probes = numericQueries().flatMap(({ path, param, others }) => {
      const fixed = others.map((p) => `${p.name}=${encodeURIComponent(REQUIRED[p.name] ?? '1')}`);
      return BAD_NUMBERS.map((value) => ({
        name: `GET ${path}?${param.name}=${value}`,
        check: async () => {
          const query = [...fixed, `${param.name}=${encodeURIComponent(value)}`].join('&');
          const res = await get(`${path}?${query}`);
          if (res.status >= 500) return false;
          if (!PAGING.has(param.name)) return true;
          return res.status === 400 && res.text.includes(param.name);
        },
      }));
    });
    expect(probes.length).toBeGreaterThan(40);
    await expectAllHandled('pagination', probes);
  });

  it('answers the alerts list and its time bounds 400, not 500, when out of range', async () => {
    await expectAllHandled(
      'pagination',
      ['limit=99999999999999999999', 'limit=0', 'from=1e20', 'to=99999999999999999999', 'from=-5'].map(
        (q) => ({
          name: `GET /api/alerts?${q}`,
          check: async () => (await get(`/api/alerts?${q}`)).status === 400,
        }),
      ),
    );
  });

  it('still serves the last allowed page and page size (empty, 200)', async () => {
    await expectAllHandled('pagination', [
      {
        name: 'GET /api/enterprises?page=100000&pageSize=500 → 200, empty',
        check: async () => {
          const res = await get('/api/enterprises?page=100000&pageSize=500');
          return res.status === 200 && (JSON.parse(res.text) as { items: unknown[] }).items.length === 0;
        },
      },
      {
        name: 'GET /api/enterprises?page=100001 → 400',
        check: async () => (await get('/api/enterprises?page=100001')).status === 400,
      },
    ]);
  });
});

/**
 * Malformed REST input against every route of the OpenAPI document (docs/security-suite.md):
 * - every POST/PUT/PATCH route with a JSON body gets each class of bad body (support/malformed-bodies.ts) from
 *   a session allowed to call it, and answers 400 (413 for the over-size body) — never 2xx, never 5xx — and
 *   none of those refusals writes anything; odd but valid text (bidi overrides, zero-width, astral) never 5xx;
 * - every reading route gets absurd paging and range query values (huge, negative, NaN, repeated, nested keys)
 *   and never answers 5xx;
 * - nothing reaches Object.prototype of the process (the API runs in this one), and /health still answers.
 * On both records backends: what a database refuses or overflows on (NUL in text, a huge OFFSET) differs by
 * dialect, and each must come back as 400, not 500.
 */
import type { Role } from '@park/auth';
import {
  NIL_UUID,
  changedTables,
  startSecurityWorld,
  type RecordsDialect,
  type SecurityWorld,
} from './support/security-world';
import { oddTextBodies, POLLUTION_KEY, refusedBodies, type MalformedBody } from './support/malformed-bodies';
import type { ApiRoute, BodySchema } from './support/route-table';
import { expectStatus, sweep } from './support/sweep';
import { probe } from './support/tally';

describe.each<RecordsDialect>(['postgres', 'sqlite'])(
  'security sweep (%s): malformed bodies and query values on every route',
  (dialect) => {
    let world: SecurityWorld;

    beforeAll(async () => {
      world = await startSecurityWorld('sec_input', { dialect });
    });

    afterAll(async () => {
      await world?.close();
    });

    /** A session the route admits (admin where it may, so the body — not the role — is what is judged). */
    function tokenFor(route: ApiRoute): string | undefined {
      if (route.sourceKey) return world.sourceKey;
      if (!route.roles) return undefined;
      const role: Role = route.roles.includes('admin') ? 'admin' : route.roles[0];
      return world.sessions.get(role);
    }

    async function send(
      route: ApiRoute,
      path: string,
      body: MalformedBody,
    ): Promise<{ status: number; text: string }> {
      const token = tokenFor(route);
      const res = await fetch(`${world.url}${path}`, {
        method: route.method,
        headers: { 'content-type': body.contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: typeof body.body === 'string' ? body.body : new Uint8Array(body.body),
      });
      return { status: res.status, text: await res.text() };
    }

    /**
     * The body's properties: those the OpenAPI document names, and those the API's own validation names when sent
     * `{}` ("username must be a string") — many DTOs document no properties, and a new DTO is covered either way.
     */
    async function propertiesOf(route: ApiRoute, path: string): Promise<Map<string, BodySchema | undefined>> {
      const props = new Map<string, BodySchema | undefined>(
        Object.entries(route.body?.schema.properties ?? {}),
      );
      const res = await send(route, path, { name: '{}', body: '{}', contentType: 'application/json' });
      try {
        const parsed = JSON.parse(res.text) as { message?: unknown };
        if (Array.isArray(parsed.message))
          for (const m of parsed.message)
            if (typeof m === 'string') {
              const name = /^([A-Za-z_][\w]*)[. ]/.exec(m)?.[1];
              if (name && !props.has(name)) props.set(name, undefined);
            }
      } catch {
        // not a validation answer: the documented properties are all there is to go on
      }
      return props;
    }

    /**
     * The answers that count as refusing `body`: 400, but 413 for the over-size body, 400/415 for JSON sent as
     * text, and 401 too when a public credential route is sent a credential with NUL or a lone surrogate (it names
     * no account or token, which is what 401 says).
     */
    function refusal(route: ApiRoute, body: MalformedBody): number[] {
      // The exchange's inbound route has its own, larger limit (EXCHANGE_BODY_LIMIT_MB): 2 MiB of text is a wrong type there.
      if (body.name.includes('size limit')) return route.sourceKey ? [400] : [413];
      if (body.contentType !== 'application/json') return [400, 415];
      if (route.roles === null && /^(NUL|a lone surrogate) in /.test(body.name)) return [400, 401];
      return [400];
    }

    const jsonRoutes = () =>
      world.routes.filter(
        (r) => ['POST', 'PUT', 'PATCH'].includes(r.method) && r.body?.mediaType === 'application/json',
      );

    it('refuses every class of malformed body on every JSON route with 400/413, writing nothing', async () => {
      const routes = jsonRoutes();
      expect(routes.length).toBeGreaterThan(25);
      const plan: { route: ApiRoute; path: string; body: MalformedBody }[] = [];
      for (const route of routes) {
        const [path] = world.pathValues(route, 'own');
        const properties = await propertiesOf(route, path);
        for (const body of refusedBodies(properties)) plan.push({ route, path, body });
      }
      const before = await world.fingerprint();
      const failures = await sweep(
        'rest-validation',
        plan.map(({ route, path, body }) => ({
          name: `${body.name} → ${route.method} ${route.path}`,
          check: async () => {
            const res = await send(route, path, body);
            return expectStatus(res, ...refusal(route, body));
          },
        })),
        4,
      );
      expect(failures).toEqual([]);
      const changed = changedTables(before, await world.fingerprint());
      await probe(
        'rest-validation',
        'refused bodies wrote nothing to the records database',
        () => changed.length === 0,
      );
      expect(changed).toEqual([]);
    });

    it('never fails (5xx) on odd but well-formed text in any string property', async () => {
      const plan: { route: ApiRoute; path: string; body: MalformedBody }[] = [];
      for (const route of jsonRoutes()) {
        const [path] = world.pathValues(route, 'own');
        for (const body of oddTextBodies(await propertiesOf(route, path))) plan.push({ route, path, body });
      }
      expect(plan.length).toBeGreaterThan(20);
      const failures = await sweep(
        'rest-validation',
        plan.map(({ route, path, body }) => ({
          name: `${body.name} → ${route.method} ${route.path}`,
          check: async () => {
            const res = await send(route, path, body);
            if (res.status >= 500) throw new Error(`got ${res.status} ${res.text.slice(0, 160)}`);
            return true;
          },
        })),
        4,
      );
      expect(failures).toEqual([]);
    });

    it('never fails (5xx) on absurd paging, range and repeated query values on any reading route', async () => {
      const values = [
        '100000000000000000000',
        '2147483648',
        '9007199254740993',
        '1e308',
        '-1',
        'NaN',
        'Infinity',
        'x'.repeat(5000),
      ];
      const keys = ['page', 'pageSize', 'limit', 'offset', 'from', 'to', 'year', 'points', 'includeEnded'];
      const routes = world.routes.filter((r) => r.method === 'GET' && r.roles !== null);
      const plan: { route: ApiRoute; label: string; url: string }[] = [];
      for (const route of routes) {
        const [path] = world.pathValues(route, 'own');
        const call = world.call(tokenFor(route));
        // One key at a time (another key's refusal would hide this one's 500). A route that refuses an unknown key
        // ("property zz should not exist") validates its query with a DTO: the keys it does not refuse are its
        // parameters. One that ignores unknown keys reads only the parameters the document names.
        const strict = await call('GET', `${path}?zzNotAParameter=1`);
        const validates = strict.status === 400 && strict.text.includes('should not exist');
        const candidates = validates ? [...new Set([...keys, ...route.queryParams])] : route.queryParams;
        for (const key of candidates) {
          const known = await call('GET', `${path}?${key}=1`);
          if (known.status === 400 && known.text.includes('should not exist')) continue;
          for (const v of values)
            plan.push({
              route,
              label: `${key}=${v.slice(0, 24)}`,
              url: `${path}?${key}=${encodeURIComponent(v)}`,
            });
          plan.push({ route, label: `${key} twice`, url: `${path}?${key}=1&${key}=2` });
        }
        plan.push({
          route,
          label: 'bracketed and __proto__ keys',
          url: `${path}?page[$gt]=1&pageSize[]=5&__proto__[${POLLUTION_KEY}]=yes&constructor[prototype][${POLLUTION_KEY}]=yes&enterpriseId[]=${NIL_UUID}`,
        });
      }
      const failures = await sweep(
        'rest-validation',
        plan.map(({ route, label, url }) => ({
          name: `${label} → GET ${route.path}`,
          check: async () => {
            const res = await world.call(tokenFor(route))('GET', url);
            if (res.status >= 500) throw new Error(`got ${res.status} ${res.text.slice(0, 160)}`);
            return true;
          },
        })),
      );
      expect(failures).toEqual([]);
    });

    it('planted nothing on Object.prototype and still answers /health', async () => {
      const clean = await probe(
        'rest-validation',
        'no prototype pollution in the API process',
        () => !Object.prototype.hasOwnProperty.call(Object.prototype, POLLUTION_KEY),
      );
      expect(clean).toBe(true);
      const health = await world.call()('GET', '/health');
      expect(health.status).toBe(200);
    });
  },
);

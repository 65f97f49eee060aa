/**
 * The generic route walk of the security suite (docs/security-suite.md): every REST route of the OpenAPI document
 * the API builds, so a new route is walked without anyone listing it.
 * - no token: 401 on every route but the public ones;
 * - every role a route does not declare, and on an @Edits(area) route staff of every department that may not
 *   edit the area: 403, and the refusal comes before any write (the records database is
 *   byte-for-byte unchanged after the whole walk);
 * - every role a route declares gets past the guard on the reading routes (the walk is not vacuous);
 * - the tenant walk: an energy manager of enterprise A, calling every route open to energy managers with B's ids
 *   in the path and `enterpriseId=B` (and B's device) in the query, gets 403/404 or A's data — never an
 *   identifier of B; and A's socket.io connection receives no alert, telemetry or device-status event of B.
 * - the alert-link walk: the routes a signed alert link authorises refuse a cut, altered, foreign or expired link
 *   (a session beside it changes nothing), and a current one opens its own alert;
 * - the source-key walk: the route a source system's API key authorises (@SourceKey()) refuses no key, a malformed,
 *   unknown, altered or revoked key and every role's session alike (401), writing nothing, and the key is no
 *   session anywhere else (401 on every session route);
 * Path parameters are real ids from the seeded demo park (support/security-world.ts). Both records backends:
 * PostgreSQL with Kafka (microservices) and SQLite with the in-process bus (standalone) — the tenant scoping is
 * SQL, and each dialect has its own.
 */
import { signAlertLink } from '@park/auth';
import { SOCKET_EVENTS, type DeviceStatusEvent, type TelemetryRecord } from '@park/contracts';
import { io, type Socket } from 'socket.io-client';
import { waitFor } from '../support/wait-for';
import { expectStatus, sweep } from './support/sweep';
import { probe } from './support/tally';
import { refusedDepartments, refusedRoles, type ApiRoute } from './support/route-table';
import {
  changedTables,
  NIL_UUID,
  startSecurityWorld,
  SWEEP_ALERT_LINK_SECRET,
  type RecordsDialect,
  type SecurityWorld,
} from './support/security-world';

/** Where a user's sessions are kept (libs/records): a logout writes its own row there and nothing else. */
const OWN_SESSIONS_TABLE = 'user_sessions';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A write route is sent an empty JSON object: the guard must refuse before the body is even validated. */
const bodyOf = (route: ApiRoute) => (WRITES.has(route.method) && route.method !== 'DELETE' ? {} : undefined);

describe.each<RecordsDialect>(['postgres', 'sqlite'])(
  'security sweep (%s): every route of the OpenAPI document, walked without a token, by role and by tenant',
  (dialect) => {
    let world: SecurityWorld;

    beforeAll(async () => {
      world = await startSecurityWorld('sec_routes', { dialect });
    });

    afterAll(async () => {
      await world?.close();
    });

    it('generates the route table from the OpenAPI document, joined with every route’s declared access', () => {
      const names = world.routes.map((r) => r.name);
      expect(names.length).toBeGreaterThan(70);
      expect(names).toEqual(
        expect.arrayContaining([
          'POST /api/auth/login',
          'GET /api/alerts/:id',
          'PUT /api/enterprises/:id/indicators/:year',
          'POST /api/imports/:kind',
          'GET /api/energy/summary',
          'DELETE /api/display-tokens/:id',
        ]),
      );
      expect(
        world.routes
          .filter((r) => r.roles === null && !r.alertLink && !r.sourceKey)
          .map((r) => r.name)
          .sort(),
      ).toEqual(['GET /health', 'POST /api/auth/login', 'POST /api/display-tokens/exchange']);
      expect(world.routes.filter((r) => r.sourceKey).map((r) => r.name)).toEqual([
        'POST /api/exchange/v1/figures',
      ]);
      expect(
        world.routes
          .filter((r) => r.alertLink)
          .map((r) => r.name)
          .sort(),
      ).toEqual([
        'GET /api/alert-links/:token',
        'POST /api/alert-links/:token/acknowledge',
        'POST /api/alert-links/:token/resolve',
      ]);
    });

    it('refuses every alert-link route a cut, altered, foreign or expired link, with or without a session, writing nothing', async () => {
      const linkRoutes = world.routes.filter((r) => r.alertLink);
      const alertId = world.own.alertEvent.alert.id;
      const [valid] = world.pathValues(linkRoutes[0], 'own').map((p) => p.split('/')[3]);
      const [body, mac] = valid.split('.');
      const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
      const later = Buffer.from(JSON.stringify({ ...claims, e: (claims.e as number) + 86_400 })).toString(
        'base64url',
      );
      const bad: [string, string, number][] = [
        ['cut short', valid.slice(0, -3), 400],
        ['not a link', 'definitely-not-a-link', 400],
        ['a session token instead', world.sessions.get('admin')!, 400],
        ['expiry pushed later', `${later}.${mac}`, 401],
        [
          'signed with another secret',
          signAlertLink('another-secret-that-is-long-enough-0123456789', {
            alertId,
            recipient: { label: '攻击者' },
            expiresAt: Date.now() + 60_000,
          }),
          401,
        ],
        [
          'expired',
          signAlertLink(SWEEP_ALERT_LINK_SECRET, {
            alertId,
            recipient: { label: '值班群' },
            expiresAt: Date.now() - 1000,
          }),
          410,
        ],
      ];
      const before = await world.fingerprint();
      const failures = await sweep(
        'alert-link-walk',
        linkRoutes.flatMap((route) =>
          bad.flatMap(([why, token, status]) =>
            [undefined, world.sessions.get('admin')].map((session) => ({
              name: `${why}${session ? ' (with an admin session)' : ''} → ${route.name}`,
              check: async () =>
                expectStatus(
                  await world.call(session)(
                    route.method,
                    route.path.replace(':token', encodeURIComponent(token)),
                    route.method === 'POST' ? { note: '扫描' } : undefined,
                  ),
                  status,
                ),
            })),
          ),
        ),
      );
      expect(failures).toEqual([]);
      expect(changedTables(before, await world.fingerprint())).toEqual([]);
      // The walk is not vacuous: the current link opens its own alert, as the officer it was sent to.
      const opened = await world.call()('GET', `/api/alert-links/${valid}`);
      expect(opened.status).toBe(200);
      expect(opened.body).toMatchObject({ alert: { id: alertId }, actor: 'officer（短信链接）' });
    });

    it('refuses the source-key route anything but a live source key — no key, a bad or revoked key, any session — and the key everywhere else, writing nothing', async () => {
      const keyRoutes = world.routes.filter((r) => r.sourceKey);
      const admin = world.call(world.sessions.get('admin'));
      const revokedSource = await admin('POST', '/api/exchange/sources', {
        name: '安全扫描停用来源',
        kind: 'other',
        scopes: ['tax'],
      });
      const revoked = revokedSource.body as { key: string; source: { id: string } };
      expect((await admin('POST', `/api/exchange/sources/${revoked.source.id}/revoke`)).status).toBe(200);
      const key = world.sourceKey;
      const altered = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
      const bad: [string, Record<string, string>][] = [
        ['no key', {}],
        ['a malformed key', { authorization: 'Bearer pk_not-a-key' }],
        ['an unknown key', { authorization: `Bearer pk_AAAAAAAAAAAA_${'A'.repeat(43)}` }],
        ['an altered key', { authorization: `Bearer ${altered}` }],
        ['an altered key as X-Api-Key', { 'x-api-key': altered }],
        ['a revoked key', { authorization: `Bearer ${revoked.key}` }],
        ...[...world.sessions].map(([role, token]): [string, Record<string, string>] => [
          `a ${role} session`,
          { authorization: `Bearer ${token}` },
        ]),
      ];
      const rows = [{ uscc: world.own.enterprise.creditCode, metric: 'tax', period: '2026', value: 1 }];
      const answers = new Set<string>();
      const before = await world.fingerprint();
      const failures = [
        ...(await sweep(
          'source-key-walk',
          keyRoutes.flatMap((route) =>
            bad.map(([why, headers]) => ({
              name: `${why} → ${route.name}`,
              check: async () => {
                const res = await fetch(`${world.url}${route.path}`, {
                  method: route.method,
                  headers: { 'content-type': 'application/json', ...headers },
                  body: JSON.stringify({ rows }),
                });
                answers.add(await res.text());
                return expectStatus({ status: res.status, text: '' }, 401);
              },
            })),
          ),
        )),
        ...(await sweep(
          'source-key-walk',
          world.routes
            .filter((r) => r.roles !== null)
            .map((route) => ({
              name: `the source key as a session → ${route.name}`,
              check: async () => {
                const [path] = world.pathValues(route, 'own');
                return expectStatus(await world.call(key)(route.method, path, bodyOf(route)), 401);
              },
            })),
        )),
      ];
      expect(failures).toEqual([]);
      // Every refusal says the same: none tells which part of the key was wrong.
      expect(answers.size).toBe(1);
      expect(changedTables(before, await world.fingerprint())).toEqual([]);
      // The walk is not vacuous: the live key gets through (a dry run).
      const passed = await fetch(`${world.url}${keyRoutes[0].path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        body: JSON.stringify({ rows, dryRun: true }),
      });
      expect(passed.status).toBe(200);
    });

    it('refuses every non-public route without a token (401), every role it does not declare and staff of the wrong department (403), writing nothing', async () => {
      const before = await world.fingerprint();
      const guarded = world.routes.filter((r) => r.roles !== null);
      const failures = [
        ...(await sweep(
          'no-token',
          guarded.flatMap((route) =>
            world.pathValues(route, 'own').map((path) => ({
              name: `${route.method} ${path}`,
              check: async () => expectStatus(await world.call()(route.method, path, bodyOf(route)), 401),
            })),
          ),
        )),
        ...(await sweep(
          'role-walk',
          guarded.flatMap((route) =>
            refusedRoles(route).flatMap((role) =>
              world.pathValues(route, 'own').map((path) => ({
                name: `${role} → ${route.method} ${path}`,
                check: async () =>
                  expectStatus(
                    await world.call(world.sessions.get(role))(route.method, path, bodyOf(route)),
                    403,
                  ),
              })),
            ),
          ),
        )),
        // @Edits(area): staff of a department that may not edit the area are refused too, before any write.
        ...(await sweep(
          'role-walk',
          guarded.flatMap((route) =>
            refusedDepartments(route).flatMap((department) =>
              world.pathValues(route, 'own').map((path) => ({
                name: `staff (${department}) → ${route.method} ${path}`,
                check: async () =>
                  expectStatus(
                    await world.call(world.staffSessions.get(department))(route.method, path, bodyOf(route)),
                    403,
                  ),
              })),
            ),
          ),
        )),
      ];
      expect(failures).toEqual([]);
      const changed = changedTables(before, await world.fingerprint());
      await probe(
        'role-walk',
        'refused calls wrote nothing to the records database',
        () => changed.length === 0,
      );
      expect(changed).toEqual([]);
    });

    it('lets every declared role past the guard on every reading route (the refusals above are not vacuous)', async () => {
      const failures: string[] = [];
      for (const route of world.routes.filter((r) => r.method === 'GET' && r.roles !== null)) {
        for (const role of route.roles!) {
          const [path] = world.pathValues(route, 'own');
          const res = await world.call(world.sessions.get(role))('GET', path);
          if (res.status === 401 || res.status === 403 || res.status >= 500)
            failures.push(`${role} → GET ${path}: ${res.status}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it('gives an energy manager of A nothing of B through any route open to energy managers', async () => {
      const b = world.other;
      // Query keys that name B (scope) and keys some routes need beside them (context). The global pipe
      // refuses a key a route does not know, which would hide the call: each route is sent only the keys it
      // does not refuse as unknown — all of them at once, and each scope key alone with the context.
      const scope: Record<string, string> = {
        enterpriseId: b.enterprise.id,
        enterprise: b.enterprise.id,
        deviceId: b.deviceIds[0],
        subjectId: b.deviceIds[0],
        q: b.enterprise.name,
      };
      const now = Date.now();
      const context: Record<string, string> = {
        metric: 'kw',
        from: String(now - 7 * 86_400_000),
        to: String(now),
        pageSize: '100',
        limit: '100',
        includeEnded: 'true',
      };
      const routes = world.routes.filter((r) => r.roles?.includes('energy-manager'));
      expect(routes.filter((r) => r.method === 'GET').length).toBeGreaterThan(10);
      // A write route open to energy managers (logout) may end the session that calls it: each gets a session
      // of its own, opened before the fingerprint so that only what the calls themselves write is compared.
      const sessionFor = new Map<ApiRoute, string>();
      for (const route of routes)
        sessionFor.set(
          route,
          route.method === 'GET' ? world.sessions.get('energy-manager')! : await world.login('manager'),
        );
      const plan: { route: ApiRoute; url: string }[] = [];
      for (const route of routes)
        for (const path of world.pathValues(route, 'other')) {
          if (route.method !== 'GET') {
            plan.push({ route, url: `${path}?${new URLSearchParams(scope).toString()}` });
            continue;
          }
          const known = async (key: string, value: string) => {
            const res = await world.call(sessionFor.get(route))(
              'GET',
              `${path}?${key}=${encodeURIComponent(value)}`,
            );
            return !(res.status === 400 && res.text.includes('should not exist'));
          };
          const keep = async (all: Record<string, string>) => {
            const out: Record<string, string> = {};
            for (const [k, v] of Object.entries(all)) if (await known(k, v)) out[k] = v;
            return out;
          };
          const [scopeKeys, contextKeys] = [await keep(scope), await keep(context)];
          const query = (q: Record<string, string>) =>
            new URLSearchParams({ ...contextKeys, ...q }).toString();
          plan.push({ route, url: `${path}?${query(scopeKeys)}` });
          for (const [k, v] of Object.entries(scopeKeys))
            plan.push({ route, url: `${path}?${query({ [k]: v })}` });
        }
      const before = await world.fingerprint();
      let lists = 0;
      let answered = 0;
      const failures = await sweep(
        'tenant-walk',
        plan.map(({ route, url }) => ({
          name: `${route.method} ${decodeURIComponent(url)}`,
          check: async () => {
            const res = await world.call(sessionFor.get(route))(route.method, url, bodyOf(route));
            if (res.status >= 500) throw new Error(`${res.status} ${res.text.slice(0, 200)}`);
            if (route.method === 'GET' && route.pathParams.length === 0) {
              lists++;
              if (res.status < 300) answered++;
            }
            // An id the caller sent itself, echoed in a 404, discloses nothing: only what it did not send counts.
            const sent = decodeURIComponent(url);
            const leaked = b.identifiers.filter((s) => !sent.includes(s) && res.text.includes(s));
            if (leaked.length > 0) throw new Error(`${res.status} carries ${leaked.join(', ')}`);
            // What the caller named of B's in the request is answered as if it did not exist, or with A's data.
            if (res.status < 300 && b.identifiers.some((s) => res.text.includes(s) && sent.includes(s)))
              throw new Error(`${res.status} answers with B's record it was asked for`);
            return true;
          },
        })),
      );
      // Most of the list routes must have answered (with A's data), not refused the query at the door.
      expect(answered).toBeGreaterThan(lists * 0.7);
      expect(failures).toEqual([]);
      // Nothing of anyone's records changed; the one thing a call may have written is its own session's end.
      expect(
        changedTables(before, await world.fingerprint()).filter((t) => t !== OWN_SESSIONS_TABLE),
      ).toEqual([]);
    });

    it("answers B's record to A's energy manager exactly as one that does not exist", async () => {
      const call = world.call(world.sessions.get('energy-manager'));
      const failures = await sweep(
        'tenant-walk',
        world.routes
          .filter((r) => r.method === 'GET' && r.roles?.includes('energy-manager') && r.pathParams.length > 0)
          .map((route) => ({
            name: `${route.path}: B's id ≡ no such id`,
            check: async () => {
              const [theirs] = world.pathValues(route, 'other');
              const nobody = route.path.replace(/:(\w+)/g, NIL_UUID);
              const [a, n] = [await call('GET', theirs), await call('GET', nobody)];
              if (a.status === n.status && a.status >= 400 && a.status < 500) return true;
              throw new Error(`B's id: ${a.status}, no such id: ${n.status}`);
            },
          })),
      );
      expect(failures).toEqual([]);
    });

    describe('socket.io', () => {
      const sockets: Socket[] = [];

      afterAll(() => {
        for (const s of sockets) s.close();
      });

      interface Inbox {
        readonly events: { readonly name: string; readonly payload: unknown }[];
      }

      async function connect(token: string, lastSeq?: number): Promise<Inbox> {
        const inbox: Inbox = { events: [] };
        const socket = io(world.url, {
          auth: { token, lastSeq },
          transports: ['websocket'],
          reconnection: false,
        });
        sockets.push(socket);
        socket.onAny((name: string, payload: unknown) => inbox.events.push({ name, payload }));
        await new Promise<void>((ok, fail) => {
          socket.once(SOCKET_EVENTS.ready, () => ok());
          socket.once('connect_error', fail);
        });
        return inbox;
      }

      it("never sends an energy manager's socket an alert, telemetry or device-status event of another enterprise", async () => {
        const managerA = await connect(world.sessions.get('energy-manager')!);
        const officer = await connect(world.sessions.get('officer')!);
        const a = world.own;
        const b = world.other;
        const reading = (deviceId: string, enterpriseId: string, ts: number): TelemetryRecord => ({
          v: 1,
          deviceId,
          enterpriseId,
          kind: 'power-meter',
          role: 'production',
          line: null,
          ts,
          values: { kw: 42 },
          receivedAt: ts + 3,
        });
        const status = (deviceId: string, enterpriseId: string): DeviceStatusEvent => ({
          v: 1,
          deviceId,
          enterpriseId,
          status: 'offline',
          at: Date.now(),
          cause: 'silence',
        });
        const publishAll = async (ent: 'A' | 'B') => {
          const t = ent === 'A' ? a : b;
          const now = Date.now();
          await world.publish('telemetry', [
            {
              key: t.deviceIds[0],
              value: JSON.stringify(reading(t.deviceIds[0], t.enterprise.id, now)),
            },
          ]);
          await world.publish('deviceStatus', [
            { key: t.deviceIds[0], value: JSON.stringify(status(t.deviceIds[0], t.enterprise.id)) },
          ]);
          await world.publish('alerts', [
            { key: t.alertEvent.alert.id, value: JSON.stringify(t.alertEvent) },
          ]);
        };
        const names = [SOCKET_EVENTS.alert, SOCKET_EVENTS.telemetry, SOCKET_EVENTS.deviceStatus] as const;
        const has = (inbox: Inbox, enterpriseId: string) =>
          names.every((n) => inbox.events.some((e) => e.name === n && mentions(e.payload, enterpriseId)));
        // The fan-out consumers join the topics at their end: publish B's and then A's events until the officer
        // has B's and A's manager has A's (one partition each, so A's after B's means B's were processed).
        await waitFor(
          'the fan-outs to deliver both enterprises’ events',
          async () => {
            await publishAll('B');
            await publishAll('A');
            return has(officer, b.enterprise.id) && has(managerA, a.enterprise.id);
          },
          60_000,
          1000,
        );
        await publishAll('B');
        await publishAll('A');
        await new Promise((r) => setTimeout(r, 1500));
        // A reconnecting client asks for every alert event it missed since seq 0: the catch-up is scoped too.
        const catchUp = await connect(world.sessions.get('energy-manager')!, 0);
        const failures = await sweep('tenant-walk', [
          {
            name: "socket.io catch-up from seq 0: A's energy manager gets A's missed alerts and none of B's",
            check: () => {
              const leaked = catchUp.events.filter((e) => mentionsAny(e.payload, b.identifiers));
              if (leaked.length > 0) throw new Error(`${leaked.length} catch-up event(s) of B`);
              return catchUp.events.some(
                (e) => e.name === SOCKET_EVENTS.alert && mentions(e.payload, a.alertEvent.alert.id),
              );
            },
          },
        ]);
        failures.push(
          ...(await sweep(
            'tenant-walk',
            names.map((n) => ({
              name: `socket.io ${n}: A's energy manager gets none of B's`,
              check: () => {
                const leaked = managerA.events.filter(
                  (e) => e.name === n && mentionsAny(e.payload, b.identifiers),
                );
                if (leaked.length > 0) throw new Error(`${leaked.length} ${n} event(s) of B`);
                return managerA.events.some((e) => e.name === n);
              },
            })),
          )),
        );
        expect(failures).toEqual([]);
      });
    });
  },
);

function mentions(payload: unknown, id: string): boolean {
  return JSON.stringify(payload ?? null).includes(id);
}

function mentionsAny(payload: unknown, ids: readonly string[]): boolean {
  const text = JSON.stringify(payload ?? null);
  return ids.some((id) => text.includes(id));
}

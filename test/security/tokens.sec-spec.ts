/**
 * Forged, stale and garbage tokens against every guarded route of the OpenAPI document, and against the socket.io
 * handshake (docs/security-suite.md). Each forgery is built from a real session and differs from it in one
 * defect (support/forged-tokens.ts): another secret, alg none, HS/RS confusion, an edited role or enterprise,
 * expired, not yet valid, another issuer, an energy manager without an enterprise, garbage … Every one must be
 * answered 401 on every route — including the write routes, which must write nothing — and refused at the
 * socket handshake. Real sessions get through (the refusals are not vacuous).
 */
import { io } from 'socket.io-client';
import { forgedTokens, type ForgedToken } from './support/forged-tokens';
import { changedTables, startSecurityWorld, type SecurityWorld } from './support/security-world';
import { expectStatus, sweep } from './support/sweep';
import type { ApiRoute } from './support/route-table';

describe('security sweep: forged and expired tokens on every route and on the socket handshake', () => {
  let world: SecurityWorld;
  let forged: ForgedToken[];

  beforeAll(async () => {
    world = await startSecurityWorld('sec_tokens');
    forged = forgedTokens(
      {
        admin: world.sessions.get('admin')!,
        officer: world.sessions.get('officer')!,
        manager: world.sessions.get('energy-manager')!,
      },
      world.jwtSecret,
      world.other.enterprise.id,
    );
    forged.push(...(await endedSessions()));
  });

  /**
   * Real tokens, correctly signed and unexpired, whose session has ended: logged out, signed out by an admin,
   * and of a user an admin then disabled. The API must check the session on every request, not the signature
   * alone.
   */
  async function endedSessions(): Promise<ForgedToken[]> {
    const admin = world.call(world.sessions.get('admin'));
    const loggedOut = await world.login('officer');
    expectStatus(await world.call(loggedOut)('POST', '/api/auth/logout'), 200, 201, 204);
    const signedOut = await world.login('operator');
    const operator = await world.call(signedOut)('GET', '/api/users/me');
    expectStatus(
      await admin('POST', `/api/users/${(operator.body as { id: string }).id}/sign-out`),
      200,
      201,
      204,
    );
    const created = await admin('POST', '/api/users', {
      username: 'sweep-disabled',
      displayName: '安全扫描停用账号',
      role: 'officer',
      password: 'sweep-disabled-password',
    });
    expectStatus(created, 201);
    const disabledUser = await world.call()('POST', '/api/auth/login', {
      username: 'sweep-disabled',
      password: 'sweep-disabled-password',
    });
    expectStatus(disabledUser, 200);
    expectStatus(
      await admin('PATCH', `/api/users/${(created.body as { id: string }).id}`, { disabled: true }),
      200,
    );
    const stale = (name: string, token: string): ForgedToken => ({ name, category: 'expired-token', token });
    return [
      stale('a session ended by logout', loggedOut),
      stale('a session an admin signed out', signedOut),
      stale('a session of a user since disabled', (disabledUser.body as { accessToken: string }).accessToken),
    ];
  }

  afterAll(async () => {
    await world?.close();
  });

  /** One request with exactly these headers (the shared caller only sends well-formed bearer headers). */
  async function send(
    route: ApiRoute,
    path: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; text: string }> {
    const write = route.method !== 'GET' && route.method !== 'DELETE';
    const res = await fetch(`${world.url}${path}`, {
      method: route.method,
      headers: { ...(write ? { 'content-type': 'application/json' } : {}), ...headers },
      body: write ? '{}' : undefined,
    });
    return { status: res.status, text: await res.text() };
  }

  const guarded = () => world.routes.filter((r) => r.roles !== null);

  it('accepts the real sessions the forgeries are made from', async () => {
    for (const role of ['admin', 'officer', 'energy-manager'] as const) {
      const me = await world.call(world.sessions.get(role))('GET', '/api/users/me');
      expect([role, me.status]).toEqual([role, 200]);
    }
  });

  it('answers 401 to every forged or stale token on every guarded route, writing nothing', async () => {
    const before = await world.fingerprint();
    const failures: string[] = [];
    for (const category of ['forged-token', 'expired-token'] as const) {
      failures.push(
        ...(await sweep(
          category,
          forged
            .filter((f) => f.category === category)
            .flatMap((f) =>
              guarded().map((route) => {
                const [path] = world.pathValues(route, 'own');
                return {
                  name: `${f.name} → ${route.method} ${route.path}`,
                  check: async () =>
                    expectStatus(await send(route, path, { authorization: `Bearer ${f.token}` }), 401),
                };
              }),
            ),
        )),
      );
    }
    expect(failures).toEqual([]);
    expect(changedTables(before, await world.fingerprint())).toEqual([]);
  });

  it('takes a token from the Authorization bearer header only (not Basic, a query parameter or a cookie)', async () => {
    const admin = world.sessions.get('admin')!;
    const ways: { name: string; headers: Record<string, string>; query?: string }[] = [
      {
        name: 'Basic credentials',
        headers: { authorization: `Basic ${Buffer.from('admin:x').toString('base64')}` },
      },
      { name: 'bearer with no token', headers: { authorization: 'Bearer ' } },
      { name: 'token without a scheme', headers: { authorization: admin } },
      { name: 'two tokens', headers: { authorization: `Bearer ${admin} ${admin}` } },
      { name: 'access_token query parameter', headers: {}, query: `access_token=${admin}` },
      { name: 'token query parameter', headers: {}, query: `token=${admin}` },
      { name: 'cookie', headers: { cookie: `token=${admin}; access_token=${admin}` } },
    ];
    const failures = await sweep(
      'forged-token',
      ways.flatMap((way) =>
        guarded().map((route) => {
          const [path] = world.pathValues(route, 'own');
          const full = way.query ? `${path}${path.includes('?') ? '&' : '?'}${way.query}` : path;
          return {
            name: `${way.name} → ${route.method} ${route.path}`,
            check: async () => expectStatus(await send(route, full, way.headers), 401),
          };
        }),
      ),
    );
    expect(failures).toEqual([]);
  });

  it('refuses every forged or stale token at the socket.io handshake, and admits a real session', async () => {
    const handshake = (token: string) =>
      new Promise<'connected' | 'refused'>((resolve) => {
        const socket = io(world.url, { auth: { token }, transports: ['websocket'], reconnection: false });
        const done = (outcome: 'connected' | 'refused') => {
          socket.close();
          resolve(outcome);
        };
        socket.once('ready', () => done('connected'));
        socket.once('connect_error', () => done('refused'));
        setTimeout(() => done('connected'), 5000).unref();
      });
    expect(await handshake(world.sessions.get('officer')!)).toBe('connected');
    const failures: string[] = [];
    for (const category of ['forged-token', 'expired-token'] as const) {
      failures.push(
        ...(await sweep(
          category,
          forged
            .filter((f) => f.category === category)
            .map((f) => ({
              name: `socket.io handshake: ${f.name}`,
              check: async () => (await handshake(f.token)) === 'refused',
            })),
        )),
      );
    }
    expect(failures).toEqual([]);
  });
});

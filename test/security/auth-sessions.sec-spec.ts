/**
 * Sessions end when they should (docs/security-auth.md, items 1–3), on both records backends:
 * - token-revocation: a disabled user's token, a token from before a new password or role, a logged-out token and
 *   every token of a user signed out everywhere are refused at once — not when they expire (8 h);
 * - socket-session: an open socket.io connection is closed and gets nothing more when its session is revoked,
 *   its user disabled, its display token revoked, its token expires, or (PostgreSQL, two API instances) its
 *   session is ended through another instance;
 * - display-role: a wall display's session reads the wall's endpoints and nothing else, and gets the socket
 *   events a wall shows (alerts, device status) but not the telemetry stream.
 */
import { randomUUID } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import {
  SOCKET_EVENTS,
  type AlertEvent,
  type DeviceStatusEvent,
  type TelemetryUpdate,
} from '@park/contracts';
import jwt from 'jsonwebtoken';
import { AlertsGateway } from '../../apps/api/src/realtime/alerts.gateway';
import { API_CONTROLLERS } from '../../apps/api/src/api.module';
import {
  ALERT_LINK_KEY,
  PUBLIC_KEY,
  ROLES_KEY,
  SOURCE_KEY_KEY,
} from '../../apps/api/src/auth/auth.decorators';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { waitFor } from '../support/wait-for';
import {
  AUTH_JWT_SECRET,
  call,
  claimsOf,
  openSocket,
  signIn,
  sleep,
  socketRefused,
  startAuthWorld,
  within,
  type AuthDialect,
  type AuthWorld,
  type SocketProbe,
} from './support/auth-world';
import { expectAllHandled, probe } from './support/tally';

let nextEvent = 0;
function deviceStatus(): DeviceStatusEvent {
  nextEvent += 1;
  return {
    v: 1,
    deviceId: `auth-sec-device-${nextEvent}`,
    enterpriseId: null,
    status: nextEvent % 2 === 0 ? 'online' : 'offline',
    at: Date.now(),
    cause: 'status-message',
  };
}

/** Sends a device-status event through the gateway; true when `socket` got it within 2 s. */
async function delivered(app: NestExpressApplication, socket: SocketProbe): Promise<boolean> {
  const event = deviceStatus();
  app.get(AlertsGateway).broadcastDeviceStatus(event);
  const got = () =>
    socket.received.some(
      (r) =>
        r.event === SOCKET_EVENTS.deviceStatus &&
        (r.payload as DeviceStatusEvent).deviceId === event.deviceId,
    );
  try {
    await waitFor('device-status event', got, 2000, 20);
    return true;
  } catch {
    return false;
  }
}

/** The socket was closed by the server within 5 s, gets nothing more, and cannot connect again. */
async function endedForGood(
  app: NestExpressApplication,
  url: string,
  token: string,
  socket: SocketProbe,
): Promise<boolean> {
  const closedInTime = await within(socket.closed, 5000);
  const reason = closedInTime ? await socket.closed : 'still open';
  const before = socket.received.length;
  app.get(AlertsGateway).broadcastDeviceStatus(deviceStatus());
  await sleep(300);
  const nothingMore = socket.received.length === before;
  socket.close();
  return (
    closedInTime && reason === 'io server disconnect' && nothingMore && (await socketRefused(url, token))
  );
}

const me = (url: string, token: string) => call(url, 'GET', '/api/users/me', { token });

async function userId(world: AuthWorld, adminToken: string, username: string): Promise<string> {
  const res = await call(world.url, 'GET', `/api/users?q=${username}`, { token: adminToken });
  const items = (res.body.items as { id: string; username: string }[]) ?? [];
  const found = items.find((u) => u.username === username);
  if (!found) throw new Error(`no user ${username}: ${res.status}`);
  return found.id;
}

describe.each<[string, AuthDialect]>([
  ['PostgreSQL', 'postgres'],
  ['SQLite', 'sqlite'],
])('sessions on %s', (_name, dialect) => {
  let world: AuthWorld;
  let admin: string;

  beforeAll(async () => {
    world = await startAuthWorld(dialect, `auth-sessions-${dialect}`, { SESSION_RECHECK_MS: '500' });
    admin = await signIn(world.url, 'admin');
  });

  afterAll(async () => {
    await world?.close();
  });

  it('refuses a token the moment its session is revoked or its user changed (REST)', async () => {
    const { url } = world;
    await expectAllHandled('token-revocation', [
      {
        name: `${dialect}: a disabled user's token is refused at once`,
        check: async () => {
          const token = await signIn(url, 'wang.fang');
          const before = (await me(url, token)).status;
          const id = await userId(world, admin, 'wang.fang');
          await call(url, 'PATCH', `/api/users/${id}`, { token: admin, body: { disabled: true } });
          const after = await me(url, token);
          await call(url, 'PATCH', `/api/users/${id}`, { token: admin, body: { disabled: false } });
          // Enabled again, the old token stays refused; a new login works.
          const old = (await me(url, token)).status;
          const fresh = (await me(url, await signIn(url, 'wang.fang'))).status;
          return (
            before === 200 &&
            after.status === 401 &&
            after.body.code === 'INVALID_TOKEN' &&
            old === 401 &&
            fresh === 200
          );
        },
      },
      {
        name: `${dialect}: a new password ends the user's sessions`,
        check: async () => {
          const token = await signIn(url, 'li.na');
          const id = await userId(world, admin, 'li.na');
          const changed = await call(url, 'PATCH', `/api/users/${id}`, {
            token: admin,
            body: { password: 'a-brand-new-password-2026' },
          });
          return changed.status === 200 && (await me(url, token)).status === 401;
        },
      },
      {
        name: `${dialect}: a new role ends the user's sessions (a token never carries a stale role)`,
        check: async () => {
          const token = await signIn(url, 'zhao.lei');
          const id = await userId(world, admin, 'zhao.lei');
          await call(url, 'PATCH', `/api/users/${id}`, { token: admin, body: { role: 'officer' } });
          return (await me(url, token)).status === 401;
        },
      },
      {
        name: `${dialect}: logout ends this session and no other`,
        check: async () => {
          const first = await signIn(url, 'officer');
          const second = await signIn(url, 'officer');
          const out = await call(url, 'POST', '/api/auth/logout', { token: first });
          return (
            out.status === 204 &&
            (await me(url, first)).status === 401 &&
            (await me(url, second)).status === 200
          );
        },
      },
      {
        name: `${dialect}: an admin's "sign out everywhere" ends every session of the user`,
        check: async () => {
          const a = await signIn(url, 'chen.jie');
          const b = await signIn(url, 'chen.jie');
          const id = await userId(world, admin, 'chen.jie');
          const res = await call(url, 'POST', `/api/users/${id}/sign-out`, { token: admin });
          const refused = (await me(url, a)).status === 401 && (await me(url, b)).status === 401;
          const again = (await me(url, await signIn(url, 'chen.jie'))).status === 200;
          return res.status === 200 && res.body.endedSessions === 2 && refused && again;
        },
      },
      {
        name: `${dialect}: only an admin may sign others out`,
        check: async () => {
          const officer = await signIn(url, 'officer');
          const id = await userId(world, admin, 'chen.jie');
          return (await call(url, 'POST', `/api/users/${id}/sign-out`, { token: officer })).status === 403;
        },
      },
      {
        name: `${dialect}: a correctly signed token naming no session is refused`,
        check: async () => {
          const claims = claimsOf(admin);
          const forged = jwt.sign(
            { username: claims.username, role: claims.role, ent: null, sid: randomUUID() },
            AUTH_JWT_SECRET,
            { algorithm: 'HS256', subject: String(claims.sub), issuer: 'smart-park', expiresIn: 60 },
          );
          return (await me(url, forged)).status === 401;
        },
      },
    ]);
  });

  it('closes an open socket when its session ends, and it receives nothing more', async () => {
    const { url, app } = world;
    await expectAllHandled('socket-session', [
      {
        name: `${dialect}: socket of a user who is then disabled`,
        check: async () => {
          const token = await signIn(url, 'sun.li');
          const socket = await openSocket(url, token);
          const live = await delivered(app, socket);
          const id = await userId(world, admin, 'sun.li');
          await call(url, 'PATCH', `/api/users/${id}`, { token: admin, body: { disabled: true } });
          const ended = await endedForGood(app, url, token, socket);
          await call(url, 'PATCH', `/api/users/${id}`, { token: admin, body: { disabled: false } });
          return live && ended;
        },
      },
      {
        name: `${dialect}: socket of a session that logs out (the user's other socket stays)`,
        check: async () => {
          const token = await signIn(url, 'officer');
          const other = await openSocket(url, await signIn(url, 'officer'));
          const socket = await openSocket(url, token);
          const live = await delivered(app, socket);
          await call(url, 'POST', '/api/auth/logout', { token });
          const ended = await endedForGood(app, url, token, socket);
          const otherStays = await delivered(app, other);
          other.close();
          return live && ended && otherStays;
        },
      },
      {
        name: `${dialect}: socket of a wall display whose display token is revoked`,
        check: async () => {
          const created = await call(url, 'POST', '/api/display-tokens', {
            token: admin,
            body: { name: '撤销测试大屏' },
          });
          const exchanged = await call(url, 'POST', '/api/display-tokens/exchange', {
            body: { token: created.body.token },
          });
          const session = exchanged.body.accessToken as string;
          const socket = await openSocket(url, session);
          const live = await delivered(app, socket);
          await call(url, 'DELETE', `/api/display-tokens/${String(created.body.id)}`, { token: admin });
          const ended = await endedForGood(app, url, session, socket);
          const rest = (await call(url, 'GET', '/api/wall/summary', { token: session })).status;
          return live && ended && rest === 401;
        },
      },
      {
        name: `${dialect}: socket whose token expires (closed at exp by a timer)`,
        check: async () => {
          const live = claimsOf(await signIn(url, 'officer'));
          // The same live session, in a token that expires in 2 s (signed with the API's secret).
          const shortLived = jwt.sign(
            { username: live.username, role: live.role, ent: null, sid: live.sid },
            AUTH_JWT_SECRET,
            { algorithm: 'HS256', subject: String(live.sub), issuer: 'smart-park', expiresIn: 2 },
          );
          const socket = await openSocket(url, shortLived);
          const before = await delivered(app, socket);
          return before && (await endedForGood(app, url, shortLived, socket));
        },
      },
    ]);
  });

  if (dialect === 'postgres') {
    it('closes a socket on another API instance when its session ends, within the re-check interval', async () => {
      const other = await world.startAnother('b', { SESSION_RECHECK_MS: '500', SESSION_CACHE_MS: '1000' });
      const otherUrl = (await other.getUrl()).replace('[::1]', '127.0.0.1');
      await expectAllHandled('socket-session', [
        {
          name: 'postgres: sign out everywhere on instance A closes the socket on instance B',
          check: async () => {
            const token = await signIn(world.url, 'wang.fang');
            const socket = await openSocket(otherUrl, token);
            const live = await delivered(other, socket);
            const id = await userId(world, admin, 'wang.fang');
            const started = Date.now();
            await call(world.url, 'POST', `/api/users/${id}/sign-out`, { token: admin });
            const closed = await within(socket.closed, 3000);
            const tookMs = Date.now() - started;
            const ended = await endedForGood(other, otherUrl, token, socket);
            // REST on B: refused once B's cached verdict (SESSION_CACHE_MS = 1 s here) has run out.
            await sleep(1100);
            const rest = (await me(otherUrl, token)).status;
            return live && closed && tookMs < 2500 && ended && rest === 401;
          },
        },
      ]);
    });
  }

  it('gives a wall display the wall and nothing else (every route of the API walked)', async () => {
    const { url, app } = world;
    const created = await call(url, 'POST', '/api/display-tokens', {
      token: admin,
      body: { name: '角色测试大屏' },
    });
    const exchanged = await call(url, 'POST', '/api/display-tokens/exchange', {
      body: { token: created.body.token },
    });
    const session = exchanged.body.accessToken as string;
    const wallReads = ['GET /api/wall/summary', 'GET /api/wall/alerts', 'GET /api/wall/progress'];
    const routes = routeTable().filter((r) => !r.isPublic && !r.alertLink && !r.sourceKey);
    expect(routes.length).toBeGreaterThan(50);
    await expectAllHandled(
      'display-role',
      routes.map((route) => ({
        name: `${dialect}: display → ${route.name}`,
        check: async () => {
          const path =
            route.path.replace(/:\w+/g, randomUUID()) +
            (route.path.endsWith('/progress') ? '?from=2021&to=2025' : '');
          const res = await call(url, route.method, path, {
            token: session,
            body: route.method === 'GET' ? undefined : {},
          });
          return wallReads.includes(route.name) ? res.status === 200 : res.status === 403;
        },
      })),
    );
    expect(claimsOf(session).role).toBe('display');
    const socket = await openSocket(url, session);
    try {
      await expectAllHandled('display-role', [
        { name: `${dialect}: display socket gets device-status`, check: () => delivered(app, socket) },
        {
          name: `${dialect}: display socket gets alerts`,
          check: async () => {
            app.get(AlertsGateway).broadcastAlert(alertEvent());
            await waitFor(
              'alert',
              () => socket.received.some((r) => r.event === SOCKET_EVENTS.alert),
              2000,
              20,
            );
            return true;
          },
        },
        {
          name: `${dialect}: display socket does not get the telemetry stream`,
          check: async () => {
            const officer = await openSocket(url, await signIn(url, 'officer'));
            app.get(AlertsGateway).broadcastTelemetry(telemetryUpdate());
            await waitFor(
              'officer telemetry',
              () => officer.received.some((r) => r.event === SOCKET_EVENTS.telemetry),
              2000,
              20,
            );
            officer.close();
            await sleep(200);
            return !socket.received.some((r) => r.event === SOCKET_EVENTS.telemetry);
          },
        },
      ]);
    } finally {
      socket.close();
    }
    // Recorded so the tally shows the display session cannot sign anyone out either.
    await probe(
      'display-role',
      `${dialect}: display session cannot log out its display token`,
      async () => (await call(url, 'POST', '/api/auth/logout', { token: session })).status === 403,
    );
  });
});

interface RouteEntry {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly isPublic: boolean;
  /** Authorised by a signed alert link in the path, whatever session comes with it (route-walk.sec-spec.ts). */
  readonly alertLink: boolean;
  /** Authorised by a source system's key, never a session (route-walk.sec-spec.ts). */
  readonly sourceKey: boolean;
}

/** Every REST route with its declared access, from the controllers (as routes-declare-access.spec.ts walks). */
function routeTable(): RouteEntry[] {
  const out: RouteEntry[] = [];
  for (const controller of API_CONTROLLERS) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller));
    const proto = controller.prototype as unknown as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const handler = proto[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (path === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
      const full = `/${base}/${path}`.replace(/\/+$/, '').replace(/\/\/+/g, '/');
      const isPublic =
        (Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, controller)) === true;
      const roles: unknown =
        Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, controller);
      const alertLink =
        (Reflect.getMetadata(ALERT_LINK_KEY, handler) ?? Reflect.getMetadata(ALERT_LINK_KEY, controller)) ===
        true;
      const sourceKey =
        (Reflect.getMetadata(SOURCE_KEY_KEY, handler) ?? Reflect.getMetadata(SOURCE_KEY_KEY, controller)) ===
        true;
      if (!isPublic && !alertLink && !sourceKey && !Array.isArray(roles))
        throw new Error(`${method} ${full} declares no access`);
      out.push({ name: `${method} ${full}`, method, path: full, isPublic, alertLink, sourceKey });
    }
  }
  return out;
}

function alertEvent(): AlertEvent {
  const now = Date.now();
  return {
    v: 1,
    seq: 1_000_000 + nextEvent++,
    type: 'opened',
    at: now,
    actor: null,
    alert: {
      id: randomUUID(),
      ruleId: randomUUID(),
      ruleName: { zh: '可燃气体超限', en: 'Combustible gas over limit' },
      deviceId: 'auth-sec-gas',
      deviceName: '安全测试探测器',
      location: null,
      enterpriseId: randomUUID(),
      enterpriseName: '安全测试企业',
      metric: 'lel',
      unit: '%LEL',
      value: 30,
      limit: 25,
      level: 1,
      severity: 'critical',
      status: 'open',
      count: 1,
      openedAt: now,
      lastSeenAt: now,
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
      resolvedBy: null,
      resolutionNote: null,
      explanation: { zh: '测试', en: 'test' },
    },
  };
}

function telemetryUpdate(): TelemetryUpdate {
  return {
    v: 1,
    deviceId: 'auth-sec-meter',
    enterpriseId: randomUUID(),
    kind: 'power-meter',
    ts: Date.now(),
    values: { kw: 1 },
    units: { kw: 'kW' },
  };
}

/**
 * socket.io origins (docs/security-http.md, "socket.io origins"): the gateway used to reflect any Origin in its
 * CORS headers and accept any page's handshake. Now a browser page may connect only from the API's own origin or
 * one in API_ALLOWED_ORIGINS, on the long-polling and the WebSocket transport alike; clients that send no Origin
 * (Node scripts, watch-alerts) still connect with their token. The REST API sends no CORS headers at all.
 */
import { io, type Socket } from 'socket.io-client';
import { login } from '../support/records-api';
import { sqliteApi, type ApiBackend } from './support/api-backends';
import { expectAllHandled } from './support/tally';

const PASSWORD = 'socket-origin-password';
const ALLOWED = 'https://wall.example';

describe('socket.io handshake origins', () => {
  let api: ApiBackend;
  let token: string;
  let host: string;

  beforeAll(async () => {
    api = await sqliteApi(PASSWORD, { API_ALLOWED_ORIGINS: ALLOWED });
    token = await login(api.url, 'officer', PASSWORD);
    host = new URL(api.url).host;
  });

  afterAll(async () => {
    await api?.stop();
  });

  /** Whether a socket.io client sending `origin` reaches `ready` (true) or is refused (false). */
  function connects(origin: string | undefined, transport: 'polling' | 'websocket'): Promise<boolean> {
    return new Promise((resolve) => {
      const socket: Socket = io(api.url, {
        auth: { token },
        transports: [transport],
        reconnection: false,
        timeout: 10_000,
        extraHeaders: origin === undefined ? {} : { origin },
      });
      const done = (ok: boolean) => {
        socket.close();
        resolve(ok);
      };
      socket.once('ready', () => done(true));
      socket.once('connect_error', () => done(false));
    });
  }

  it('refuses other sites’ pages on both transports and lets the app’s own origin, the allow-list and non-browsers in', async () => {
    const refused = [
      'https://evil.example',
      `http://${host}.evil.example`,
      'null',
      'file://',
      'http://localhost:1',
    ];
    await expectAllHandled('socket-origin', [
      ...(['polling', 'websocket'] as const).flatMap((transport) => [
        ...refused.map((origin) => ({
          name: `Origin ${origin} over ${transport} → refused`,
          check: async () => !(await connects(origin, transport)),
        })),
        {
          name: `the API's own origin over ${transport} → connects`,
          check: () => connects(`http://${host}`, transport),
        },
        {
          name: `the allow-listed ${ALLOWED} over ${transport} → connects`,
          check: () => connects(ALLOWED, transport),
        },
        {
          name: `no Origin (a Node client) over ${transport} → connects`,
          check: () => connects(undefined, transport),
        },
      ]),
    ]);
  });

  it('names only allowed origins in CORS headers, on socket.io and never on the REST API', async () => {
    const polling = (origin: string) =>
      fetch(`${api.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin } });
    await expectAllHandled('socket-origin', [
      {
        name: 'polling handshake from a foreign Origin → 403, no Access-Control-Allow-Origin',
        check: async () => {
          const res = await polling('https://evil.example');
          await res.arrayBuffer();
          return res.status === 403 && !res.headers.has('access-control-allow-origin');
        },
      },
      {
        name: 'polling handshake from the allow-listed origin → 200 with it in Access-Control-Allow-Origin',
        check: async () => {
          const res = await polling(ALLOWED);
          await res.arrayBuffer();
          return res.status === 200 && res.headers.get('access-control-allow-origin') === ALLOWED;
        },
      },
      {
        name: 'REST from a foreign Origin → no Access-Control-Allow-Origin',
        check: async () => {
          const res = await fetch(`${api.url}/api/enterprises`, {
            headers: { origin: 'https://evil.example', authorization: `Bearer ${token}` },
          });
          await res.arrayBuffer();
          return !res.headers.has('access-control-allow-origin');
        },
      },
    ]);
  });
});

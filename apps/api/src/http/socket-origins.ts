import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import type { IncomingMessage } from 'node:http';
import type { Server, ServerOptions } from 'socket.io';

/**
 * Whether a socket.io handshake from `origin` may proceed (docs/security-http.md, "socket.io origins"):
 * - no Origin header: not a browser (the watch-alerts script, a Node client) — the token alone decides, as an
 *   Origin header proves nothing outside a browser;
 * - the page's own origin — the Origin's host:port is the Host the request was sent to, which a page on another
 *   site cannot make a browser send (the Vite dev server's proxy keeps the Host, so it passes as well);
 * - an origin in the allow-list (API_ALLOWED_ORIGINS).
 * Everything else, `null` (sandboxed frames, file: pages) included, is refused before the handshake, on the
 * long-polling and the WebSocket transport alike: a WebSocket is not subject to CORS, so a CORS policy alone
 * would let any site's page open one with the user's token if it ever got hold of it.
 */
export function isAllowedSocketOrigin(
  origin: string | undefined,
  host: string | undefined,
  allowList: readonly string[],
): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (host !== undefined && parsed.host === host.toLowerCase()) return true;
  return allowList.includes(parsed.origin);
}

/**
 * socket.io servers with the Origin allow-list: `allowRequest` refuses other origins' handshakes (403), and the
 * CORS headers of the long-polling transport name only allowed origins (it used to reflect any Origin).
 */
export class OriginCheckingIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly allowList: readonly string[],
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const allowList = this.allowList;
    return super.createIOServer(port, {
      ...options,
      cors: {
        origin: (origin: string | undefined, callback: (error: Error | null, allow?: boolean) => void) =>
          callback(null, origin !== undefined && allowList.includes(origin)),
        credentials: false,
      },
      allowRequest: (
        req: IncomingMessage,
        callback: (error: string | null | undefined, ok: boolean) => void,
      ) => {
        const ok = isAllowedSocketOrigin(req.headers.origin, req.headers.host, allowList);
        callback(ok ? null : 'origin not allowed', ok);
      },
    } satisfies Partial<ServerOptions>) as Server;
  }
}

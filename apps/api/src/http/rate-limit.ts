import { Inject, Injectable, type DynamicModule, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  getOptionsToken,
  getStorageToken,
  normalizeIp,
  ThrottlerGuard,
  ThrottlerModule,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { TokenService, type Principal } from '@park/auth';
import type { Request } from 'express';
import type { ApiConfig } from '../api.config';

/** Too many requests in the window; DomainExceptionFilter answers 429 with Retry-After. */
export class RateLimitedError extends Error {
  constructor(
    /** Whole seconds until the client may try again. */
    readonly retryAfterSeconds: number,
  ) {
    super(`too many requests: try again in ${retryAfterSeconds} s`);
    this.name = 'RateLimitedError';
  }
}

const USER = 'user';
const ADDRESS = 'address';

/**
 * The two API rate limits (docs/security-http.md, "Rate limit"), each over API_RATE_LIMIT_WINDOW_S:
 * - `user`: per signed-in user, whatever address they come from; a request without a valid token counts against
 *   its address instead (forged or expired tokens included, so they cannot buy a fresh bucket each);
 * - `address`: per client address, every user behind it together — higher, so an office NAT or a reverse proxy
 *   with many users behind one address is not throttled as one user.
 * 0 switches a limit off. The counters live in this process (one API instance's share in the microservices mode).
 */
export function rateLimitModule(config: ApiConfig): DynamicModule {
  const ttl = config.API_RATE_LIMIT_WINDOW_S * 1000;
  const limit = (perWindow: number) => ({
    ttl,
    limit: Math.max(perWindow, 1),
    skipIf: perWindow === 0 ? () => true : undefined,
  });
  const options: ThrottlerModuleOptions = {
    throttlers: [
      { name: USER, ...limit(config.API_RATE_LIMIT_PER_USER) },
      { name: ADDRESS, ...limit(config.API_RATE_LIMIT_PER_ADDRESS) },
    ],
    // The X-RateLimit-* headers on every answer say nothing a client needs; a 429 carries Retry-After.
    setHeaders: false,
  };
  return ThrottlerModule.forRoot(options);
}

/**
 * The global guard that applies both limits, registered before the AuthGuard so that requests it refuses (a
 * flood of forged tokens) are counted too. One bucket per user or address across every route — the library's
 * default is one per route, which would multiply the limit by the number of routes.
 */
@Injectable()
export class ApiRateLimitGuard extends ThrottlerGuard {
  constructor(
    @Inject(getOptionsToken()) options: ThrottlerModuleOptions,
    @Inject(getStorageToken()) storage: ThrottlerStorage,
    reflector: Reflector,
    @Inject(TokenService) private readonly tokens: TokenService,
  ) {
    super(options, storage, reflector);
  }

  /** Requests only: the bus's batches reach their `@EventPattern` handlers through the guards too, and pass. */
  protected override shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() === 'rpc' ? Promise.resolve(true) : super.shouldSkip(context);
  }

  protected override handleRequest(request: ThrottlerRequest): Promise<boolean> {
    return super.handleRequest({
      ...request,
      getTracker: (req) => this.trackerOf(request.throttler.name, req as Request),
      generateKey: (_context, tracker, name) => `${name}:${tracker}`,
    });
  }

  private trackerOf(throttler: string | undefined, req: Request): string {
    const address = `address:${normalizeIp(req.ip ?? req.socket.remoteAddress ?? 'unknown')}`;
    if (throttler === ADDRESS) return address;
    const principal = this.principalOf(req);
    return principal ? `user:${principal.userId}` : address;
  }

  /** The bearer token's user when its signature and expiry hold (whether its session is still open is AuthGuard's). */
  private principalOf(req: Request): Principal | null {
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match) return null;
    try {
      return principalIn(this.tokens.verify(match[1]));
    } catch {
      return null;
    }
  }

  protected override throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    return Promise.reject(new RateLimitedError(Math.max(1, Math.ceil(detail.timeToBlockExpire))));
  }
}

/** TokenService.verify's answer: the principal itself, or (with sessions) an object that carries it. */
function principalIn(verified: Principal | { readonly principal: Principal }): Principal {
  return 'userId' in verified ? verified : verified.principal;
}

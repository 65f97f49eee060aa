import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@park/auth';
import { PUBLIC_KEY, ROLES_KEY, type AuthenticatedRequest } from './auth.decorators';
import { SessionRegistry } from './session-registry';

/**
 * Global guard, fail-closed: a route must declare @Public() or @Roles(...). One that declares neither is refused
 * for everyone, so "forgot auth" cannot ship; test/routes-declare-access walks every route to prove it. A token is
 * accepted only while its session is live (SessionRegistry), so a revoked session or a disabled user is refused
 * at once, not when the token expires.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(SessionRegistry) private readonly sessions: SessionRegistry,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (!roles || roles.length === 0) throw new ForbiddenException('route declares no access rule');
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('missing bearer token');
    // InvalidTokenError (bad signature, expired, session ended) → 401 INVALID_TOKEN (exception.filter.ts).
    const verified = await this.sessions.authenticate(match[1]);
    const { principal } = verified;
    if (!roles.includes(principal.role))
      throw new ForbiddenException(`role ${principal.role} may not use this route`);
    request.principal = principal;
    request.sessionId = verified.sessionId;
    return true;
  }
}

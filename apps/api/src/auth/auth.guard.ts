import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { canEdit, type EditArea, type Role } from '@park/auth';
import {
  ALERT_LINK_KEY,
  EDITS_KEY,
  PUBLIC_KEY,
  ROLES_KEY,
  SOURCE_KEY_KEY,
  type AuthenticatedRequest,
} from './auth.decorators';
import { AlertLinksService } from '../alert-links/alert-links.service';
import { SourceKeys } from '../exchange/source-keys';
import { SessionRegistry } from './session-registry';

/**
 * Global guard, fail-closed: a route must declare @Public(), @Roles(...), @Edits(area), @AlertLinkAccess() (the signed link in
 * its path, checked here too) or @SourceKey() (a source system's API key, checked here too). One that declares none is refused for everyone, so "forgot auth" cannot ship; test/routes-declare-access walks every route to prove it. A token is
 * accepted only while its session is live (SessionRegistry), so a revoked session or a disabled user is refused
 * at once, not when the token expires.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(SessionRegistry) private readonly sessions: SessionRegistry,
    @Inject(AlertLinksService) private readonly links: AlertLinksService,
    @Inject(SourceKeys) private readonly sourceKeys: SourceKeys,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(ALERT_LINK_KEY, targets)) return this.admitLink(context);
    if (this.reflector.getAllAndOverride<boolean>(SOURCE_KEY_KEY, targets)) {
      const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
      request.exchangeSource = await this.sourceKeys.admit(request);
      return true;
    }
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
    // @Edits(area): staff pass only when their department may edit the area (@park/auth DEPARTMENT_EDITS).
    const areas = this.reflector.getAllAndOverride<EditArea[] | undefined>(EDITS_KEY, targets);
    if (principal.role === 'staff' && areas !== undefined && !areas.some((area) => canEdit(principal, area)))
      throw new ForbiddenException(
        `department ${principal.department ?? '-'} may not edit ${areas.join(', ')}`,
      );
    request.principal = principal;
    request.sessionId = verified.sessionId;
    return true;
  }

  /** A signed alert link instead of a session: refused (AlertLinksService says why) unless current and intact. */
  private async admitLink(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = (request.params as Record<string, string | undefined>).token;
    if (!token) throw new ForbiddenException('alert link route without a :token');
    request.alertLink = await this.links.authenticate(token);
    return true;
  }
}

import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role } from '@park/auth';
import type { Request } from 'express';
import type { AlertLinkHolder } from '../alert-links/alert-links.service';

export const ROLES_KEY = 'park:roles';
export const PUBLIC_KEY = 'park:public';
export const ALERT_LINK_KEY = 'park:alert-link';

/**
 * Who may call this route. Every route declares @Roles(...), @Public() or — for the signed alert links only —
 * @AlertLinkAccess(); the guard refuses the rest.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/**
 * No session: the signed alert link in the route's `:token` authorises, for its one alert only (AuthGuard checks
 * it through AlertLinksService and hands the route its holder: @CurrentAlertLink()). docs/security-auth.md.
 */
export const AlertLinkAccess = () => SetMetadata(ALERT_LINK_KEY, true);

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
  /** The `sid` of the token the request came with (logout ends it). */
  sessionId?: string;
  /** On @AlertLinkAccess() routes: the checked link and whom it was sent to. */
  alertLink?: AlertLinkHolder;
}

export const CurrentSessionId = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const sessionId = ctx.switchToHttp().getRequest<AuthenticatedRequest>().sessionId;
  if (!sessionId) throw new Error('CurrentSessionId used on a route without authentication');
  return sessionId;
});

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without authentication');
  return principal;
});

export const CurrentAlertLink = createParamDecorator((_: unknown, ctx: ExecutionContext): AlertLinkHolder => {
  const link = ctx.switchToHttp().getRequest<AuthenticatedRequest>().alertLink;
  if (!link) throw new Error('CurrentAlertLink used on a route without @AlertLinkAccess()');
  return link;
});

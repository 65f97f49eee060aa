import {
  applyDecorators,
  createParamDecorator,
  ForbiddenException,
  SetMetadata,
  type ExecutionContext,
} from '@nestjs/common';
import { canEdit, type EditArea, type Principal, type Role } from '@park/auth';
import type { Request } from 'express';
import type { ExchangeSourceEntity } from '@park/records';
import type { AlertLinkHolder } from '../alert-links/alert-links.service';

export const ROLES_KEY = 'park:roles';
export const PUBLIC_KEY = 'park:public';
export const ALERT_LINK_KEY = 'park:alert-link';
export const EDITS_KEY = 'park:edits';
export const SOURCE_KEY_KEY = 'park:source-key';

/**
 * Who may call this route. Every route declares @Roles(...), @Public() or — for the signed alert links only —
 * @AlertLinkAccess(); the guard refuses the rest.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/**
 * A record write route of an edit area (@park/auth EDIT_AREAS): admits admin always, staff whose department may
 * edit the area (one of them, when several are named) (DEPARTMENT_EDITS; AuthGuard checks the department), and `alsoRoles` (e.g. officers on projects).
 * It declares its roles like @Roles(...), so the route still declares who may use it.
 */
export const Edits = (area: EditArea | readonly EditArea[], ...alsoRoles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, ['admin', ...alsoRoles, 'staff']),
    SetMetadata(EDITS_KEY, typeof area === 'string' ? [area] : [...area]),
  );

/**
 * For a route of several areas (@Edits([...]): staff pass the guard with any one of them), the check of the areas
 * this one request touches — e.g. PATCH /api/enterprises/:id: its permit fields are 环保's, the rest 经发/招商's.
 */
export function requireEdits(principal: Principal, areas: Iterable<EditArea>): void {
  for (const area of areas)
    if (!canEdit(principal, area))
      throw new ForbiddenException(`department ${principal.department ?? '-'} may not edit ${area}`);
}
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/**
 * No session: the signed alert link in the route's `:token` authorises, for its one alert only (AuthGuard checks
 * it through AlertLinksService and hands the route its holder: @CurrentAlertLink()). docs/security-auth.md.
 */
export const AlertLinkAccess = () => SetMetadata(ALERT_LINK_KEY, true);

/**
 * No session: a source system's API key (`Authorization: Bearer pk_…` or `X-Api-Key`) authorises — the
 * exchange's inbound route only (docs/data-exchange.md). A user's token is refused there, and a source key on any
 * other route (it is not a session). AuthGuard checks the key and the source's own rate limit and hands the route
 * its source: @CurrentSource().
 */
export const SourceKey = () => SetMetadata(SOURCE_KEY_KEY, true);

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
  /** The `sid` of the token the request came with (logout ends it). */
  sessionId?: string;
  /** On @AlertLinkAccess() routes: the checked link and whom it was sent to. */
  alertLink?: AlertLinkHolder;
  /** On @SourceKey() routes: the source whose key came with the request. */
  exchangeSource?: ExchangeSourceEntity;
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

export const CurrentSource = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): ExchangeSourceEntity => {
    const source = ctx.switchToHttp().getRequest<AuthenticatedRequest>().exchangeSource;
    if (!source) throw new Error('CurrentSource used on a route without @SourceKey()');
    return source;
  },
);

import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Principal, Role } from '@park/auth';
import type { Request } from 'express';

export const ROLES_KEY = 'park:roles';
export const PUBLIC_KEY = 'park:public';

/** Who may call this route. Every route declares either @Roles(...) or @Public(); the guard refuses the rest. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
  /** The `sid` of the token the request came with (logout ends it). */
  sessionId?: string;
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

/**
 * Sessions as the REST API hands them out (apps/api/src/auth, apps/api/src/wall): a login's bearer token, the
 * display tokens of wall displays (数据大屏) and the session a wall trades its display token for. Times are epoch ms.
 */
import type { Department, Role } from '@park/auth';

/** Who a session acts for: the token's principal and the name to show. */
export interface SessionUser {
  readonly userId: string;
  readonly username: string;
  readonly role: Role;
  /** Set for energy managers: they see only this enterprise. */
  readonly enterpriseId: string | null;
  /** Set for staff (园区工作人员): their department, which decides what they may edit. */
  readonly department?: Department | null;
  readonly displayName: string;
}

/** A bearer token and whom it is for (POST /api/auth/login). */
export interface LoginResult {
  readonly accessToken: string;
  /** When the token expires, epoch ms. */
  readonly expiresAt: number;
  readonly user: SessionUser;
}

/** A wall display's session, traded for its display token (POST /api/display-tokens/exchange): as a login's. */
export type DisplaySession = LoginResult;

/** A display token as the API lists it: never the token or its hash. */
export interface DisplayTokenView {
  readonly id: string;
  readonly name: string;
  readonly createdBy: string;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}

/** A display token just made: the only time the token itself is shown (only its SHA-256 is stored). */
export interface CreatedDisplayToken extends DisplayTokenView {
  readonly token: string;
}

import jwt from 'jsonwebtoken';
import { isDepartment } from './departments';
import { isRole, type Principal } from './roles';

export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

export interface TokenServiceOptions {
  readonly secret: string;
  readonly ttlSeconds: number;
  readonly issuer?: string;
}

/**
 * What a valid token says: who, in which session, until when. The signature only proves the API issued it; the
 * session (`sid`) is what the API checks on every request and open socket, so a token can be revoked before it
 * expires (apps/api/src/auth/session-registry.ts).
 */
export interface VerifiedToken {
  readonly principal: Principal;
  /** A user's session row id, or a display session's display-token id. */
  readonly sessionId: string;
  /** When the token stops being valid, epoch ms. */
  readonly expiresAt: number;
}

/** JWT adapter (HS256). The one place tokens are signed and verified. */
export class TokenService {
  private readonly issuer: string;

  constructor(private readonly options: TokenServiceOptions) {
    this.issuer = options.issuer ?? 'smart-park';
  }

  get ttlSeconds(): number {
    return this.options.ttlSeconds;
  }

  sign(principal: Principal, sessionId: string, ttlSeconds = this.options.ttlSeconds): string {
    return jwt.sign(
      {
        username: principal.username,
        role: principal.role,
        ent: principal.enterpriseId,
        dep: principal.department ?? null,
        sid: sessionId,
      },
      this.options.secret,
      { algorithm: 'HS256', subject: principal.userId, expiresIn: ttlSeconds, issuer: this.issuer },
    );
  }

  verify(token: string): VerifiedToken {
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, this.options.secret, { algorithms: ['HS256'], issuer: this.issuer });
    } catch (error) {
      throw new InvalidTokenError((error as Error).message);
    }
    if (typeof payload === 'string' || typeof payload.sub !== 'string' || !isRole(payload.role)) {
      throw new InvalidTokenError('token lacks subject or role');
    }
    const sid: unknown = payload.sid;
    if (typeof sid !== 'string' || sid.length === 0 || typeof payload.exp !== 'number') {
      // Tokens from before sessions existed carry no `sid`: they cannot be revoked, so they are refused.
      throw new InvalidTokenError('token lacks a session or an expiry');
    }
    const ent: unknown = payload.ent;
    const username: unknown = payload.username;
    if (payload.role === 'energy-manager' && typeof ent !== 'string') {
      throw new InvalidTokenError('energy-manager token without an enterprise');
    }
    const dep: unknown = payload.dep;
    if (payload.role === 'staff' && !isDepartment(dep)) {
      throw new InvalidTokenError('staff token without a department');
    }
    return {
      principal: {
        userId: payload.sub,
        username: typeof username === 'string' ? username : payload.sub,
        role: payload.role,
        enterpriseId: typeof ent === 'string' ? ent : null,
        department: isDepartment(dep) ? dep : null,
      },
      sessionId: sid,
      expiresAt: payload.exp * 1000,
    };
  }
}

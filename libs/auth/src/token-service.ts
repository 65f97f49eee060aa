import jwt from 'jsonwebtoken';
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

/** JWT adapter (HS256). The one place tokens are signed and verified. */
export class TokenService {
  private readonly issuer: string;

  constructor(private readonly options: TokenServiceOptions) {
    this.issuer = options.issuer ?? 'smart-park';
  }

  sign(principal: Principal, ttlSeconds = this.options.ttlSeconds): string {
    return jwt.sign(
      { username: principal.username, role: principal.role, ent: principal.enterpriseId },
      this.options.secret,
      { algorithm: 'HS256', subject: principal.userId, expiresIn: ttlSeconds, issuer: this.issuer },
    );
  }

  verify(token: string): Principal {
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, this.options.secret, { algorithms: ['HS256'], issuer: this.issuer });
    } catch (error) {
      throw new InvalidTokenError((error as Error).message);
    }
    if (typeof payload === 'string' || typeof payload.sub !== 'string' || !isRole(payload.role)) {
      throw new InvalidTokenError('token lacks subject or role');
    }
    const ent: unknown = payload.ent;
    const username: unknown = payload.username;
    if (payload.role === 'energy-manager' && typeof ent !== 'string') {
      throw new InvalidTokenError('energy-manager token without an enterprise');
    }
    return {
      userId: payload.sub,
      username: typeof username === 'string' ? username : payload.sub,
      role: payload.role,
      enterpriseId: typeof ent === 'string' ? ent : null,
    };
  }
}

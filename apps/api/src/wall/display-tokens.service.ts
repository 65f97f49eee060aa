import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { TokenService, type Principal } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import { DisplayTokenNotFoundError, DisplayTokenRepository, type DisplayTokenView } from '@park/records';
import { ApiDomainError } from '../errors';

/**
 * How long a session traded for a display token lasts. The wall re-exchanges well before it ends, so a revoked
 * token stops a screen within this time at the latest.
 */
export const DISPLAY_SESSION_TTL_S = 15 * 60;

export interface CreatedDisplayToken extends DisplayTokenView {
  /** The token itself: shown once, here; only its SHA-256 is stored. */
  readonly token: string;
}

export interface DisplaySession {
  readonly accessToken: string;
  readonly expiresAt: number;
  readonly user: Principal & { readonly displayName: string };
}

/** A token is 32 random bytes: a plain SHA-256 suffices (no dictionary to guess from, unlike a password). */
export function hashDisplayToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

@Injectable()
export class DisplayTokensService {
  constructor(
    private readonly repo: DisplayTokenRepository,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(principal: Principal, name: string): Promise<CreatedDisplayToken> {
    const token = randomBytes(32).toString('base64url');
    const view = await this.repo.create(name, hashDisplayToken(token), principal.username);
    return { ...view, token };
  }

  list(): Promise<DisplayTokenView[]> {
    return this.repo.list();
  }

  async revoke(id: string): Promise<DisplayTokenView> {
    try {
      return await this.repo.revoke(id, new Date(this.clock.now()));
    } catch (error) {
      if (error instanceof DisplayTokenNotFoundError)
        throw new ApiDomainError('DISPLAY_TOKEN_NOT_FOUND', error.message);
      throw error;
    }
  }

  /** Trades a valid, unrevoked display token for a short session of the read-only `operator` role. */
  async exchange(token: string): Promise<DisplaySession> {
    const now = this.clock.now();
    const found = await this.repo.use(hashDisplayToken(token), new Date(now));
    if (!found) throw new ApiDomainError('INVALID_DISPLAY_TOKEN', 'unknown or revoked display token');
    const principal: Principal = {
      userId: `display-token:${found.id}`,
      username: `display:${found.name}`,
      role: 'operator',
      enterpriseId: null,
    };
    return {
      accessToken: this.tokens.sign(principal, DISPLAY_SESSION_TTL_S),
      expiresAt: now + DISPLAY_SESSION_TTL_S * 1000,
      user: { ...principal, displayName: found.name },
    };
  }
}

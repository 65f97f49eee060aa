import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import type { CreatedDisplayToken, DisplaySession, DisplayTokenView } from '@park/contracts';
import { DisplayTokenNotFoundError, DisplayTokenRepository } from '@park/records';
import { displayPrincipalId, SessionRegistry } from '../auth/session-registry';
import { ApiDomainError } from '../errors';

/**
 * How long a session traded for a display token lasts. The wall re-exchanges well before it ends. Revoking the
 * display token ends its sessions at once (SessionRegistry): their requests are refused and sockets closed.
 */
export const DISPLAY_SESSION_TTL_S = 15 * 60;

/** A token is 32 random bytes: a plain SHA-256 suffices (no dictionary to guess from, unlike a password). */
export function hashDisplayToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

@Injectable()
export class DisplayTokensService {
  constructor(
    private readonly repo: DisplayTokenRepository,
    @Inject(SessionRegistry) private readonly sessions: SessionRegistry,
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
      const view = await this.repo.revoke(id, new Date(this.clock.now()));
      this.sessions.displayTokenRevoked(id);
      return view;
    } catch (error) {
      if (error instanceof DisplayTokenNotFoundError)
        throw new ApiDomainError('DISPLAY_TOKEN_NOT_FOUND', error.message);
      throw error;
    }
  }

  /**
   * Trades a valid, unrevoked display token for a short session of the `display` role: the wall's endpoints and
   * socket events, nothing else. The session is the display token itself (the token's `sid`).
   */
  async exchange(token: string): Promise<DisplaySession> {
    const now = this.clock.now();
    const found = await this.repo.use(hashDisplayToken(token), new Date(now));
    if (!found) throw new ApiDomainError('INVALID_DISPLAY_TOKEN', 'unknown or revoked display token');
    const principal: Principal = {
      userId: displayPrincipalId(found.id),
      username: `display:${found.name}`,
      role: 'display',
      enterpriseId: null,
    };
    return {
      accessToken: this.sessions.openDisplaySession(principal, found.id, DISPLAY_SESSION_TTL_S),
      expiresAt: now + DISPLAY_SESSION_TTL_S * 1000,
      user: { ...principal, displayName: found.name },
    };
  }
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { InvalidTokenError, isUserRole, TokenService, type Principal, type VerifiedToken } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import { DisplayTokenRepository, UserSessionRepository, type SessionState } from '@park/records';
import { API_CONFIG, type ApiConfig } from '../api.config';

/** A display session's principal id: the display token it was traded for. */
export const displayPrincipalId = (displayTokenId: string) => `display-token:${displayTokenId}`;

/** Sessions that just ended through this instance: one session, or every session of one user. */
export type SessionEnd =
  | { readonly kind: 'session'; readonly sessionId: string }
  | { readonly kind: 'user'; readonly userId: string };

interface Checked {
  readonly live: boolean;
  readonly userId: string;
  readonly until: number;
}

/** The cache never grows past this many sessions; past it, it starts again empty (a miss costs one query). */
const CACHE_MAX = 10_000;
const PRUNE_EVERY_MS = 60 * 60_000;
/** Expired sessions are kept this long after expiry before they are deleted (for the record, not for use). */
const PRUNE_AFTER_MS = 24 * 60 * 60_000;

/**
 * Sessions: every token names one (`sid`), and a token is accepted only while its session is live — a user's
 * session row not revoked and its user not disabled and still of the token's role, enterprise and department, or a display
 * session's display token not revoked. Checked on every request (AuthGuard) and socket (AlertsGateway).
 *
 * Hot path: a verdict is cached per session for SESSION_CACHE_MS (default 5 s), so a busy client costs one
 * primary-key query per that time. Revocations made through this instance update the cache and tell the gateway
 * at once; ones made through another instance are seen when the cached verdict runs out (REST) or at the next
 * socket re-check (SESSION_RECHECK_MS, which bypasses the cache).
 */
@Injectable()
export class SessionRegistry {
  private readonly logger = new Logger(SessionRegistry.name);
  private readonly cache = new Map<string, Checked>();
  private readonly listeners = new Set<(end: SessionEnd) => void>();
  private lastPrune = 0;

  constructor(
    private readonly sessions: UserSessionRepository,
    private readonly displayTokens: DisplayTokenRepository,
    @Inject(TokenService) private readonly tokens: TokenService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /** Opens a session for a signed-in user and signs its token. */
  async openUserSession(principal: Principal): Promise<{ accessToken: string; expiresAt: number }> {
    const now = this.clock.now();
    const expiresAt = now + this.tokens.ttlSeconds * 1000;
    const sessionId = await this.sessions.open(principal.userId, new Date(expiresAt));
    this.pruneNowAndThen(now);
    return { accessToken: this.tokens.sign(principal, sessionId), expiresAt };
  }

  /** Signs a display session: its session is the display token itself, so revoking the token ends it. */
  openDisplaySession(principal: Principal, displayTokenId: string, ttlSeconds: number): string {
    return this.tokens.sign(principal, displayTokenId, ttlSeconds);
  }

  /** The verified token, when its signature, expiry and session all hold; InvalidTokenError otherwise. */
  async authenticate(token: string): Promise<VerifiedToken> {
    const verified = this.tokens.verify(token);
    const now = this.clock.now();
    const cached = this.cache.get(verified.sessionId);
    let live: boolean;
    if (cached && cached.until > now && cached.userId === verified.principal.userId) live = cached.live;
    else live = (await this.check([verified])).has(verified.sessionId);
    if (!live) throw new InvalidTokenError('session ended');
    return verified;
  }

  /**
   * Which of these sessions are live now, read from the records (never the cache): the socket re-check. The
   * verdicts refresh the cache.
   */
  async check(tokens: readonly VerifiedToken[]): Promise<Set<string>> {
    const display = tokens.filter((t) => t.principal.role === 'display');
    const users = tokens.filter((t) => t.principal.role !== 'display');
    // One query per kind of session present (a request has one kind: one query).
    const [liveTokens, states] = await Promise.all([
      display.length > 0
        ? this.displayTokens.liveIds([...new Set(display.map((t) => t.sessionId))])
        : new Set<string>(),
      users.length > 0
        ? this.sessions.states([...new Set(users.map((t) => t.sessionId))])
        : new Map<string, SessionState>(),
    ]);
    const now = this.clock.now();
    const live = new Set<string>();
    for (const t of tokens) {
      const ok =
        t.principal.role === 'display'
          ? liveTokens.has(t.sessionId) && t.principal.userId === displayPrincipalId(t.sessionId)
          : matches(states.get(t.sessionId), t.principal);
      if (ok) live.add(t.sessionId);
      this.remember(t.sessionId, {
        live: ok,
        userId: t.principal.userId,
        until: now + this.config.SESSION_CACHE_MS,
      });
    }
    return live;
  }

  /** Logout: ends this one session. */
  async endSession(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId, new Date(this.clock.now()));
    this.ended({ kind: 'session', sessionId });
  }

  /** Ends every session of the user (sign out everywhere; disabled; new password, role or enterprise). */
  async endUserSessions(userId: string): Promise<number> {
    const count = await this.sessions.revokeAllOf(userId, new Date(this.clock.now()));
    this.ended({ kind: 'user', userId });
    return count;
  }

  /** A display token was revoked (DisplayTokenRepository): its sessions end now. */
  displayTokenRevoked(displayTokenId: string): void {
    this.ended({ kind: 'session', sessionId: displayTokenId });
  }

  /** Called on every session end made through this instance; returns the unsubscribe. */
  onEnd(listener: (end: SessionEnd) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private ended(end: SessionEnd): void {
    if (end.kind === 'session') {
      const cached = this.cache.get(end.sessionId);
      this.remember(end.sessionId, {
        live: false,
        userId: cached?.userId ?? '',
        until: Number.POSITIVE_INFINITY,
      });
    } else {
      for (const [id, entry] of this.cache) {
        if (entry.userId === end.userId)
          this.cache.set(id, { ...entry, live: false, until: Number.POSITIVE_INFINITY });
      }
    }
    for (const listener of this.listeners) {
      try {
        listener(end);
      } catch (error) {
        this.logger.warn(`session-end listener failed: ${String(error)}`);
      }
    }
  }

  private remember(sessionId: string, entry: Checked): void {
    if (this.cache.size >= CACHE_MAX && !this.cache.has(sessionId)) this.cache.clear();
    this.cache.set(sessionId, entry);
  }

  private pruneNowAndThen(now: number): void {
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    this.sessions
      .prune(new Date(now - PRUNE_AFTER_MS))
      .catch((error: unknown) => this.logger.warn(`pruning expired sessions failed: ${String(error)}`));
  }
}

/**
 * A user's session is live when not revoked, its user enabled, and still of the token's role, enterprise and
 * department.
 */
function matches(state: SessionState | undefined, principal: Principal): boolean {
  return (
    state !== undefined &&
    state.live &&
    state.userId === principal.userId &&
    isUserRole(state.role) &&
    state.role === principal.role &&
    state.enterpriseId === principal.enterpriseId &&
    state.department === (principal.department ?? null)
  );
}

import { TokenService, type Principal } from '@park/auth';
import { ManualClock } from '@park/clock';
import type { DisplayTokenRepository, SessionState, UserSessionRepository } from '@park/records';
import type { ApiConfig } from '../api.config';
import { displayPrincipalId, SessionRegistry, type SessionEnd } from './session-registry';

const OFFICER: Principal = { userId: 'u-1', username: 'wang', role: 'officer', enterpriseId: null };

/** The records both API instances share: sessions, users' current state, display tokens; queries counted. */
class FakeRecords {
  readonly sessions = new Map<string, { userId: string; revoked: boolean }>();
  readonly users = new Map<string, { role: string; enterpriseId: string | null; disabled: boolean }>();
  readonly liveDisplayTokens = new Set<string>();
  queries = 0;
  private next = 0;

  readonly sessionRepo = {
    open: (userId: string) => {
      const id = `s-${++this.next}`;
      this.sessions.set(id, { userId, revoked: false });
      return Promise.resolve(id);
    },
    states: (ids: readonly string[]) => {
      this.queries += 1;
      const out = new Map<string, SessionState>();
      for (const id of ids) {
        const s = this.sessions.get(id);
        const u = s && this.users.get(s.userId);
        if (s && u)
          out.set(id, {
            userId: s.userId,
            live: !s.revoked && !u.disabled,
            role: u.role,
            enterpriseId: u.enterpriseId,
            department: null,
            expiresAt: 0,
          });
      }
      return Promise.resolve(out);
    },
    revoke: (id: string) => {
      const s = this.sessions.get(id);
      if (s) s.revoked = true;
      return Promise.resolve(Boolean(s));
    },
    revokeAllOf: (userId: string) => {
      let n = 0;
      for (const s of this.sessions.values())
        if (s.userId === userId && !s.revoked) {
          s.revoked = true;
          n += 1;
        }
      return Promise.resolve(n);
    },
    prune: () => Promise.resolve(0),
  };

  readonly displayRepo = {
    liveIds: (ids: readonly string[]) => {
      this.queries += 1;
      return Promise.resolve(new Set(ids.filter((id) => this.liveDisplayTokens.has(id))));
    },
  };
}

function instance(records: FakeRecords, clock: ManualClock, cacheMs = 5000) {
  const tokens = new TokenService({ secret: 'session-registry-spec-secret-0123456789', ttlSeconds: 3600 });
  const registry = new SessionRegistry(
    records.sessionRepo as unknown as UserSessionRepository,
    records.displayRepo as unknown as DisplayTokenRepository,
    tokens,
    clock,
    { SESSION_CACHE_MS: cacheMs } as ApiConfig,
  );
  return { registry, tokens };
}

async function refused(promise: Promise<unknown>): Promise<boolean> {
  try {
    await promise;
    return false;
  } catch (error) {
    return error instanceof Error && error.message === 'session ended';
  }
}

describe('SessionRegistry', () => {
  let records: FakeRecords;
  let clock: ManualClock;

  beforeEach(() => {
    records = new FakeRecords();
    records.users.set('u-1', { role: 'officer', enterpriseId: null, disabled: false });
    clock = new ManualClock(1_800_000_000_000);
  });

  it('reads a session once per SESSION_CACHE_MS on the hot path', async () => {
    const { registry } = instance(records, clock);
    const { accessToken } = await registry.openUserSession(OFFICER);
    for (let i = 0; i < 10; i++) await registry.authenticate(accessToken);
    expect(records.queries).toBe(1);
    clock.advance(5001);
    await registry.authenticate(accessToken);
    expect(records.queries).toBe(2);
  });

  it('refuses at once, without waiting for the cache, a session ended through this instance — and says so', async () => {
    const { registry, tokens } = instance(records, clock);
    const ends: SessionEnd[] = [];
    registry.onEnd((end) => ends.push(end));
    const a = (await registry.openUserSession(OFFICER)).accessToken;
    const b = (await registry.openUserSession(OFFICER)).accessToken;
    await registry.authenticate(a);
    await registry.authenticate(b);
    const { sessionId } = tokens.verify(a);
    await registry.endSession(sessionId);
    expect(await refused(registry.authenticate(a))).toBe(true);
    await expect(registry.authenticate(b)).resolves.toBeDefined();
    await registry.endUserSessions('u-1');
    expect(await refused(registry.authenticate(b))).toBe(true);
    expect(ends).toEqual([
      { kind: 'session', sessionId },
      { kind: 'user', userId: 'u-1' },
    ]);
  });

  it('lets another instance see a revocation once its cached verdict runs out (the cross-instance bound)', async () => {
    const a = instance(records, clock, 5000);
    const b = instance(records, clock, 5000);
    const { accessToken } = await a.registry.openUserSession(OFFICER);
    await b.registry.authenticate(accessToken);
    await a.registry.endUserSessions('u-1');
    await expect(b.registry.authenticate(accessToken)).resolves.toBeDefined(); // cached on b
    clock.advance(5001);
    expect(await refused(b.registry.authenticate(accessToken))).toBe(true);
    // The socket re-check reads the records, not the cache.
    const c = instance(records, clock, 60_000);
    const other = (await c.registry.openUserSession(OFFICER)).accessToken;
    const verified = await c.registry.authenticate(other);
    await a.registry.endUserSessions('u-1');
    expect([...(await c.registry.check([verified]))]).toEqual([]);
  });

  it("refuses a session whose user is disabled, or no longer of the token's role or enterprise", async () => {
    const { registry } = instance(records, clock, 0);
    const { accessToken } = await registry.openUserSession(OFFICER);
    records.users.set('u-1', { role: 'operator', enterpriseId: null, disabled: false });
    expect(await refused(registry.authenticate(accessToken))).toBe(true);
    records.users.set('u-1', { role: 'officer', enterpriseId: 'ent-1', disabled: false });
    expect(await refused(registry.authenticate(accessToken))).toBe(true);
    records.users.set('u-1', { role: 'officer', enterpriseId: null, disabled: true });
    expect(await refused(registry.authenticate(accessToken))).toBe(true);
    records.users.set('u-1', { role: 'officer', enterpriseId: null, disabled: false });
    await expect(registry.authenticate(accessToken)).resolves.toBeDefined();
  });

  it('keeps a display session while its display token is live, and only for that token', async () => {
    const { registry, tokens } = instance(records, clock, 0);
    records.liveDisplayTokens.add('dt-1');
    const wall: Principal = {
      userId: displayPrincipalId('dt-1'),
      username: 'display:大屏',
      role: 'display',
      enterpriseId: null,
    };
    const session = registry.openDisplaySession(wall, 'dt-1', 900);
    await expect(registry.authenticate(session)).resolves.toMatchObject({ sessionId: 'dt-1' });
    // A display token naming another token's id is no session of it.
    const crossed = tokens.sign({ ...wall, userId: displayPrincipalId('dt-2') }, 'dt-1', 900);
    expect(await refused(registry.authenticate(crossed))).toBe(true);
    records.liveDisplayTokens.delete('dt-1');
    registry.displayTokenRevoked('dt-1');
    expect(await refused(registry.authenticate(session))).toBe(true);
  });
});

/**
 * The login throttle (docs/security-auth.md, item 4): it slows a password guesser without locking out the real
 * user or everyone behind a shared address. Clients are played from different loopback addresses (127.0.0.x),
 * which the API sees as different client addresses. The throttle keeps its counts in the API process, not in the
 * records, so one backend (SQLite, the standalone mode) is enough; apps/api/src/auth/login-limiter.spec.ts
 * covers its arithmetic on a manual clock.
 */
import { AUTH_PASSWORD, call, startAuthWorld, type AuthWorld } from './support/auth-world';
import { expectAllHandled } from './support/tally';

const login = (world: AuthWorld, username: string, password: string, from: string) =>
  call(world.url, 'POST', '/api/auth/login', { body: { username, password }, from });

describe('login throttle', () => {
  let world: AuthWorld;

  beforeAll(async () => {
    world = await startAuthWorld('sqlite', 'auth-throttle');
  });

  afterAll(async () => {
    await world?.close();
  });

  it('slows guessing without locking out the real user, a colleague behind the same address, or anyone else', async () => {
    await expectAllHandled('login-throttle', [
      {
        name: 'five wrong passwords, then the right one: the real user gets in (after a short wait)',
        check: async () => {
          const wrong = [];
          for (let i = 0; i < 5; i++)
            wrong.push(await login(world, 'wang.fang', 'not-the-password', '127.0.0.2'));
          const right = await login(world, 'wang.fang', AUTH_PASSWORD, '127.0.0.2');
          return wrong.every((r) => r.status === 401) && right.status === 200 && right.ms < 9000;
        },
      },
      {
        name: 'failures slow down: the fifth wrong password in a row waits at least 0.9 s',
        check: async () => {
          const answers = [];
          for (let i = 0; i < 5; i++)
            answers.push(await login(world, 'sun.li', 'not-the-password', '127.0.0.3'));
          return answers.every((r) => r.status === 401) && answers[4].ms >= 900;
        },
      },
      {
        name: "another user's success from the same address does not clear the failures (no reset by signing in)",
        check: async () => {
          // 12 usernames guessed from one address: the address now waits 2 s per attempt …
          for (let i = 0; i < 12; i++) await login(world, `nobody${i}`, 'guess', '127.0.0.4');
          // … and the guesser signing into an account of their own does not wipe that.
          const own = await login(world, 'chen.jie', AUTH_PASSWORD, '127.0.0.4');
          const next = await login(world, 'nobody-else', 'guess', '127.0.0.4');
          return own.status === 200 && next.status === 401 && next.ms >= 1800;
        },
      },
      {
        name: 'a shared address under attack (40 parallel guesses) still lets a colleague sign in',
        check: async () => {
          const attack = await Promise.all(
            Array.from({ length: 40 }, (_, i) => login(world, `victim${i % 4}`, `guess-${i}`, '127.0.0.5')),
          );
          const colleague = await login(world, 'zhao.lei', AUTH_PASSWORD, '127.0.0.5');
          return attack.every((r) => r.status === 401) && colleague.status === 200 && colleague.ms < 9000;
        },
      },
      {
        name: 'one address hammering one account is refused outright (429) past 30 failures; the real user elsewhere is not',
        check: async () => {
          const attack = await Promise.all(
            Array.from({ length: 34 }, (_, i) => login(world, 'li.na', `guess-${i}`, '127.0.0.6')),
          );
          const refused = attack.filter((r) => r.status === 429);
          const real = await login(world, 'li.na', AUTH_PASSWORD, '127.0.0.7');
          const stillRefused = await login(world, 'li.na', AUTH_PASSWORD, '127.0.0.6');
          return (
            refused.length === 4 &&
            // Refused at once: no wait, no password check (the admitted ones wait up to 8 s, then scrypt).
            refused.every((r) => r.body.code === 'TOO_MANY_ATTEMPTS' && r.ms < 3000) &&
            real.status === 200 &&
            stillRefused.status === 429
          );
        },
      },
      {
        name: 'the throttle tells nothing: an unknown user and a wrong password answer alike',
        check: async () => {
          const unknown = await login(world, 'no-such-user', 'guess', '127.0.0.8');
          const wrong = await login(world, 'officer', 'guess', '127.0.0.8');
          return (
            unknown.status === 401 && wrong.status === 401 && unknown.body.message === wrong.body.message
          );
        },
      },
    ]);
  });
});

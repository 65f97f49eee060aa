import { parseSession, type Session } from '../session/session';
import { plainApiClient } from './api-client';
import { ApiError } from './http';

/**
 * POST /api/auth/login → { accessToken, user }; the session to keep, or ApiError (401, 429, 400, network). The
 * answer is checked again before it is kept: it lands in sessionStorage, which every later read validates.
 */
export async function login(username: string, password: string): Promise<Session> {
  const result = await plainApiClient(null)('POST', '/api/auth/login', { body: { username, password } });
  const session = parseSession({ token: result.accessToken, user: result.user });
  if (!session) throw new ApiError(502, 'BAD_LOGIN_RESPONSE', 'the login response has no usable session');
  return session;
}

/**
 * POST /api/auth/logout: the API ends this session, so the token is refused from then on even where it was
 * copied. Best effort: signing out in the browser never waits for it or fails on it.
 */
export function logout(token: string): void {
  plainApiClient(token)('POST', '/api/auth/logout').catch(() => undefined);
}

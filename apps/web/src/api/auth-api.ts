import { parseSession, type Session } from '../session/session';
import { ApiError, requestJson } from './http';

/** POST /api/auth/login → { accessToken, user }; the session to keep, or ApiError (401, 429, 400, network). */
export async function login(username: string, password: string): Promise<Session> {
  const result = await requestJson<{ accessToken?: unknown; user?: unknown }>('POST', '/api/auth/login', {
    body: { username, password },
  });
  const session = parseSession({ token: result.accessToken, user: result.user });
  if (!session) throw new ApiError(502, 'BAD_LOGIN_RESPONSE', 'the login response has no usable session');
  return session;
}

/**
 * POST /api/auth/logout: the API ends this session, so the token is refused from then on even where it was
 * copied. Best effort: signing out in the browser never waits for it or fails on it.
 */
export function logout(token: string): void {
  requestJson<null>('POST', '/api/auth/logout', { token }).catch(() => undefined);
}

/**
 * The one place the web app talks HTTP to the API (same origin: `/api/...`). Errors become ApiError with the
 * HTTP status and the API's error code; a network failure has status 0.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  readonly token?: string | null;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

function messageOf(body: unknown, fallback: string): { code: string | null; message: string } {
  if (typeof body !== 'object' || body === null) return { code: null, message: fallback };
  const { code, message } = body as { code?: unknown; message?: unknown };
  const text = Array.isArray(message)
    ? message.filter((m): m is string => typeof m === 'string').join('; ')
    : typeof message === 'string'
      ? message
      : fallback;
  return { code: typeof code === 'string' ? code : null, message: text || fallback };
}

export async function requestJson<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', error instanceof Error ? error.message : String(error));
  }
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  if (!response.ok) {
    const { code, message } = messageOf(body, response.statusText || `HTTP ${response.status}`);
    throw new ApiError(response.status, code, message);
  }
  return body as T;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request as the signed-in user. */
export type SessionRequest = <T>(
  method: HttpMethod,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
) => Promise<T>;

/**
 * Requests with the session's token; a 401 (the session expired or was revoked) calls `onUnauthorized` — the app
 * sends the user back to the login page — and still rejects. Every API client of the web app goes through it.
 */
export function sessionRequest(token: string, onUnauthorized: () => void): SessionRequest {
  return async <T>(method: HttpMethod, path: string, body?: unknown, signal?: AbortSignal): Promise<T> => {
    try {
      return await requestJson<T>(method, path, { token, body, signal });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onUnauthorized();
      throw error;
    }
  };
}

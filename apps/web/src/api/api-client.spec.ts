import { apiClient, apiUrl } from './api-client';
import type { HttpMethod } from './http';

describe('apiUrl', () => {
  it('fills each path parameter, URL-encoded', () => {
    expect(apiUrl('/api/carriers/{id}/tenants', { id: 'a/b c' })).toBe('/api/carriers/a%2Fb%20c/tenants');
  });

  it('adds the query, leaving out the parameters that are not set', () => {
    expect(apiUrl('/api/alerts', {}, { limit: 20, status: undefined, current: true, q: '仓' })).toBe(
      '/api/alerts?limit=20&current=true&q=%E4%BB%93',
    );
  });

  it('refuses a path whose parameter has no value instead of calling /{id}', () => {
    expect(() => apiUrl('/api/rules/{id}', {})).toThrow('/api/rules/{id}: no value for {id}');
  });
});

describe('apiClient', () => {
  it('sends the method, the filled URL, the body and the signal through the session request', async () => {
    const sent: [HttpMethod, string, unknown, AbortSignal | undefined][] = [];
    const call = apiClient(<T>(method: HttpMethod, path: string, body?: unknown, signal?: AbortSignal) => {
      sent.push([method, path, body, signal]);
      return Promise.resolve({ ok: true } as T);
    });
    const signal = new AbortController().signal;
    await call('POST', '/api/rules/{id}/dry-run', {
      path: { id: 'r1' },
      query: { hours: 6 },
      body: {},
      signal,
    });
    expect(sent).toEqual([['POST', '/api/rules/r1/dry-run?hours=6', {}, signal]]);
  });

  it('sends no body to a route that reads none, and holds the bodies to the DTOs the API accepts', async () => {
    const sent: unknown[] = [];
    const call = apiClient(<T>(_method: HttpMethod, _path: string, body?: unknown) => {
      sent.push(body);
      return Promise.resolve(null as T);
    });
    await call('POST', '/api/alerts/{id}/acknowledge', { path: { id: 'a1' } });
    await call('POST', '/api/alerts/{id}/resolve', { path: { id: 'a1' }, body: { note: 'valve closed' } });
    expect(sent).toEqual([undefined, { note: 'valve closed' }]);
    // What the web typecheck refuses (apps/web/tsconfig.json includes this file): each line is a compile error.
    const refused = () => [
      // @ts-expect-error ResolveAlertDto has no field `reason`
      call('POST', '/api/alerts/{id}/resolve', { path: { id: 'a1' }, body: { reason: 'x' } }),
      // @ts-expect-error the resolve route needs its body
      call('POST', '/api/alerts/{id}/resolve', { path: { id: 'a1' } }),
      // @ts-expect-error the acknowledge route reads no body
      call('POST', '/api/alerts/{id}/acknowledge', { path: { id: 'a1' }, body: {} }),
      call('POST', '/api/users', {
        // @ts-expect-error a user's role is one of the user roles, never `display`
        body: { username: 'w', displayName: 'W', role: 'display', password: 'p' },
      }),
    ];
    expect(typeof refused).toBe('function');
  });
});

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
});

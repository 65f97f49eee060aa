import type { Request } from 'express';
import { bodyContentProblem, unsafeContent } from './body-content';

/** A parsed request as Express hands it on: method, content type (req.is), body. */
function request(
  method: string,
  contentType: string | null,
  body: unknown,
  headers: Record<string, string> = {},
): Request {
  return {
    method,
    headers: { ...headers, ...(contentType ? { 'content-type': contentType } : {}) },
    body,
    is: (types: string[]) =>
      contentType === null ? null : types.some((t) => contentType.startsWith(t)) ? contentType : false,
  } as unknown as Request;
}

describe('what a request body may contain', () => {
  it('accepts ordinary JSON, Chinese text and astral characters', () => {
    expect(
      unsafeContent({ name: '启东示范化工有限公司', note: '园区😀𠀀', n: 1, list: [{ a: null }] }),
    ).toBeNull();
  });

  it.each([
    ['__proto__ at the top', '{"__proto__": {"role": "admin"}}'],
    ['constructor.prototype', '{"constructor": {"prototype": {"x": 1}}}'],
    ['__proto__ nested in an array', '{"a": [{"b": {"__proto__": {}}}]}'],
  ])('refuses prototype keys: %s', (_case, json) => {
    expect(unsafeContent(JSON.parse(json))).toMatch(/reserved key/);
  });

  it.each([
    ['NUL in a value', '{"name": "abc\\u0000def"}'],
    ['NUL in a key', '{"na\\u0000me": "x"}'],
    ['a lone high surrogate', '{"name": "abc\\ud800def"}'],
    ['a lone low surrogate deep down', '{"a": [["\\udc00"]]}'],
  ])('refuses text no field can store: %s', (_case, json) => {
    expect(unsafeContent(JSON.parse(json))).toMatch(/NUL character or an unpaired/);
  });

  it('walks a body nested far deeper than the stack', () => {
    let deep: unknown = 'abc\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unsafeContent(deep)).toMatch(/NUL/);
  });

  it('refuses (415) a write whose body is of a type no route reads, not one without a body', () => {
    expect(bodyContentProblem(request('PATCH', 'text/plain', undefined))?.code).toBe(
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect(bodyContentProblem(request('POST', null, undefined))).toBeNull();
    // fetch and browsers send a bodiless POST with content-length 0, which type-is counts as a body of no type.
    expect(bodyContentProblem(request('POST', '', undefined, { 'content-length': '0' }))).toBeNull();
    expect(bodyContentProblem(request('GET', 'text/plain', undefined))).toBeNull();
    expect(bodyContentProblem(request('POST', 'multipart/form-data; boundary=x', {}))).toBeNull();
    expect(bodyContentProblem(request('POST', 'application/json', { name: 'x' }))).toBeNull();
    expect(bodyContentProblem(request('POST', 'application/json', { name: '\u0000' }))?.code).toBe(
      'MALFORMED_BODY',
    );
  });
});

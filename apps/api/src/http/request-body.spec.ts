import { asRequestBodyError, nestingDepthExceeds, requestBodyErrorResponse } from './request-body';

const nested = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? { a: value } : [value];
  return value;
};

describe('nestingDepthExceeds', () => {
  it('counts the top-level value as level 1 and refuses one level past the limit', () => {
    expect(nestingDepthExceeds(nested(32), 32)).toBe(false);
    expect(nestingDepthExceeds(nested(33), 32)).toBe(true);
    expect(nestingDepthExceeds({ a: 1, b: 'x', c: null }, 1)).toBe(false);
    expect(nestingDepthExceeds({ a: { b: 1 } }, 1)).toBe(true);
  });

  it('walks a million levels without overflowing the stack (class-transformer overflows at a few thousand)', () => {
    expect(nestingDepthExceeds(nested(1_000_000), 32)).toBe(true);
  });

  it('finds the one deep branch among wide shallow ones', () => {
    const wide = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, { v: i }]));
    expect(nestingDepthExceeds({ ...wide, deep: nested(40) }, 32)).toBe(true);
    expect(nestingDepthExceeds(wide, 32)).toBe(false);
  });
});

describe('body-parser errors as answers', () => {
  const parserError = (type: string, status: number, message: string, extra: object = {}) =>
    Object.assign(new Error(message), { type, status, ...extra });

  it('maps each to its status and code, never quoting the body', () => {
    const answer = (e: unknown) => requestBodyErrorResponse(asRequestBodyError(e));
    expect(
      answer(parserError('entity.too.large', 413, 'request entity too large', { limit: 102400 })),
    ).toEqual([
      413,
      { code: 'PAYLOAD_TOO_LARGE', message: 'the request body is larger than the limit of 102400 bytes' },
    ]);
    const syntax = Object.assign(new SyntaxError(`Unexpected token 'n', "nul" is not valid JSON`), {
      type: 'entity.parse.failed',
      status: 400,
    });
    expect(answer(syntax)).toEqual([
      400,
      { code: 'MALFORMED_JSON', message: 'the request body is not valid JSON' },
    ]);
    const positioned = parserError('entity.parse.failed', 400, 'Unexpected end of JSON input at position 12');
    expect(answer(positioned)?.[1].message).toBe('the request body is not valid JSON (at position 12)');
    expect(answer(parserError('encoding.unsupported', 415, 'unsupported content encoding "x"'))?.[0]).toBe(
      415,
    );
  });

  it('leaves every other error to the rest of the filter', () => {
    expect(asRequestBodyError(new Error('boom'))).toBeNull();
    expect(
      asRequestBodyError(Object.assign(new Error('x'), { type: 'something.else', status: 400 })),
    ).toBeNull();
    expect(requestBodyErrorResponse(new RangeError('Maximum call stack size exceeded'))).toBeNull();
  });
});

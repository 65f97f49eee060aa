import type { Request } from 'express';

/**
 * Keys that name an object's prototype machinery rather than a field. No DTO has such a field, and the
 * ValidationPipe's `forbidNonWhitelisted` does not see them: class-transformer turns `__proto__` into the
 * instance's prototype instead of an unknown property, so `{"__proto__": …}` was answered 200 as an empty update.
 */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A UTF-16 surrogate without its pair: it cannot be written as UTF-8, so the database silently stored U+FFFD
 * instead of what the client sent. (NUL is checked apart: PostgreSQL refuses it in text, which answered 500.)
 */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The body types some route reads: JSON, the spreadsheet imports' multipart form, and URL-encoded forms. */
const READ_TYPES = ['application/json', 'multipart/form-data', 'application/x-www-form-urlencoded'];

const WRITE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Requests whose body a route's own parser read in a type besides READ_TYPES (the exchange's `text/csv`). */
const READ_BY_ROUTE = new WeakSet<Request>();

/** Says that a route's own parser read this request's body (exchange-body.ts): its type is then not refused. */
export function markBodyRead(req: Request): void {
  READ_BY_ROUTE.add(req);
}

export interface BodyContentProblem {
  readonly code: 'UNSUPPORTED_MEDIA_TYPE' | 'MALFORMED_BODY';
  readonly message: string;
}

/**
 * Why a parsed request must be refused for what its body is or holds, or null. A body of a type no route reads
 * (415): JSON sent as `text/plain` used to be dropped unread, so a PATCH answered 200 having changed nothing.
 * Prototype keys, NUL and unpaired surrogates anywhere in a JSON body (400). Iterative, like the depth check,
 * so no body can make it overflow the stack.
 */
export function bodyContentProblem(req: Request): BodyContentProblem | null {
  // req.is() is null when the request has no body, false when it has one of another type. A bodiless POST
  // (logout, acknowledge, disable …) comes with `content-length: 0` from browsers and fetch, which req.is()
  // counts as a body: it is none.
  const empty = req.headers['content-length'] === '0';
  if (WRITE_METHODS.has(req.method) && !empty && !READ_BY_ROUTE.has(req) && req.is(READ_TYPES) === false)
    return {
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: `a request body of type ${req.headers['content-type'] ?? '(none)'} is not read: send application/json`,
    };
  const problem = unsafeContent(req.body);
  return problem ? { code: 'MALFORMED_BODY', message: problem } : null;
}

/** Why `value` (a parsed JSON body) cannot be accepted, or null. */
export function unsafeContent(value: unknown): string | null {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node === 'string') {
      if (unstorable(node)) return UNSTORABLE;
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
      if (PROTOTYPE_KEYS.has(key)) return `the request body uses the reserved key "${key}"`;
      if (unstorable(key)) return UNSTORABLE;
      stack.push(child);
    }
  }
  return null;
}

const UNSTORABLE = 'the request body contains a NUL character or an unpaired UTF-16 surrogate';

function unstorable(text: string): boolean {
  return text.includes('\u0000') || UNPAIRED_SURROGATE.test(text);
}

import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { bodyContentProblem } from './body-content';

/** Why a request body was refused before any route saw it; DomainExceptionFilter maps the code to HTTP. */
export const REQUEST_BODY_ERROR_CODES = {
  PAYLOAD_TOO_LARGE: 413,
  JSON_TOO_DEEP: 400,
  MALFORMED_JSON: 400,
  MALFORMED_BODY: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
} as const;
export type RequestBodyErrorCode = keyof typeof REQUEST_BODY_ERROR_CODES;

export class RequestBodyError extends Error {
  constructor(
    readonly code: RequestBodyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RequestBodyError';
  }
}

export interface BodyLimits {
  /** Largest body in bytes, after decompression. */
  readonly maxBytes: number;
  /** Deepest nesting of objects and arrays; the top-level value is depth 1. */
  readonly maxDepth: number;
}

/**
 * The API's body parsers, registered in place of Nest's defaults (createApi passes `bodyParser: false`): JSON and
 * URL-encoded forms up to `maxBytes` (after inflating gzip/deflate/br, so a small compressed bomb is refused as
 * well), and JSON no deeper than `maxDepth`.
 *
 * Why the depth check exists and where it sits: V8's JSON.parse copes with any nesting a body of this size can
 * hold, but class-transformer (the ValidationPipe's first step) recurses once per level and overflows the stack
 * at a few thousand levels, which used to answer 500. So the check runs right after parsing, before any route,
 * pipe or service, and walks the parsed value iteratively: it cannot overflow itself.
 */
export function useBodyLimits(app: NestExpressApplication, limits: BodyLimits): void {
  app.useBodyParser('json', { limit: limits.maxBytes });
  // No route takes a form; the parser stays (as Nest's default) with the same limits, keys nested deeper than
  // the JSON limit refused by the parser itself.
  app.useBodyParser('urlencoded', { limit: limits.maxBytes, extended: true, depth: limits.maxDepth });
  // The parsers' errors become ours here, before Nest's own handler turns a JSON SyntaxError into a 400 that
  // quotes the body back and any other one (413, 415) into a 500.
  app.use((error: unknown, _req: Request, _res: Response, next: NextFunction) =>
    next(asRequestBodyError(error) ?? error),
  );
  app.use(refuseDeepJson(limits.maxDepth));
  // Then what the body may contain: a type some route reads, no prototype keys, no NUL or unpaired surrogate.
  app.use((req: Request, _res: Response, next: NextFunction) => {
    const problem = bodyContentProblem(req);
    next(problem ? new RequestBodyError(problem.code, problem.message) : undefined);
  });
}

function refuseDeepJson(maxDepth: number) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const body: unknown = req.body;
    if (body !== null && typeof body === 'object' && nestingDepthExceeds(body, maxDepth)) {
      next(
        new RequestBodyError(
          'JSON_TOO_DEEP',
          `the request body is nested deeper than ${maxDepth} levels of objects and arrays`,
        ),
      );
      return;
    }
    next();
  };
}

/** Whether `value` nests objects/arrays deeper than `maxDepth` (the value itself is level 1). Iterative. */
export function nestingDepthExceeds(value: unknown, maxDepth: number): boolean {
  const stack: { readonly node: unknown; readonly depth: number }[] = [{ node: value, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > maxDepth) return true;
    for (const child of Object.values(node as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push({ node: child, depth: depth + 1 });
    }
  }
  return false;
}

/** body-parser's error types (the `type` of its http-errors) and what each means for the client. */
const PARSER_ERRORS: Readonly<Record<string, RequestBodyErrorCode>> = {
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  'parameters.too.many': 'PAYLOAD_TOO_LARGE',
  'entity.parse.failed': 'MALFORMED_JSON',
  'querystring.parse.rangeError': 'MALFORMED_BODY',
  'request.aborted': 'MALFORMED_BODY',
  'request.size.invalid': 'MALFORMED_BODY',
  'entity.verify.failed': 'MALFORMED_BODY',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
};

/** body-parser's error (an http-error with a `type`) as ours, or null for any other error. */
export function asRequestBodyError(error: unknown): RequestBodyError | null {
  if (!(error instanceof Error)) return null;
  const { type, limit, status } = error as Error & { type?: unknown; limit?: unknown; status?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number') return null;
  const code = PARSER_ERRORS[type];
  if (!code) return null;
  const message =
    code === 'PAYLOAD_TOO_LARGE'
      ? typeof limit === 'number'
        ? `the request body is larger than the limit of ${limit} bytes`
        : 'the request body has too many parameters'
      : code === 'MALFORMED_JSON'
        ? `the request body is not valid JSON${jsonErrorPosition(error.message)}`
        : code === 'UNSUPPORTED_MEDIA_TYPE'
          ? `the request body cannot be read: ${error.message}`
          : `the request body is malformed: ${error.message}`;
  return new RequestBodyError(code, message);
}

/**
 * The HTTP answer for a refused body, or null for any other error. The message names the problem in the
 * client's own input; it never quotes the body back.
 */
export function requestBodyErrorResponse(error: unknown): [number, Record<string, unknown>] | null {
  if (!(error instanceof RequestBodyError)) return null;
  return [REQUEST_BODY_ERROR_CODES[error.code], { code: error.code, message: error.message }];
}

/** " (at position N)" from a JSON.parse message, whose other wording quotes the input back: left out. */
function jsonErrorPosition(message: string): string {
  const at = /at position (\d+)/.exec(message);
  return at ? ` (at position ${at[1]})` : '';
}

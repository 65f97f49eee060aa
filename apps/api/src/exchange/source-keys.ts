import { Inject, Injectable } from '@nestjs/common';
import { getStorageToken, type ThrottlerStorage } from '@nestjs/throttler';
import { ExchangeRecords, type ExchangeSourceEntity } from '@park/records';
import type { Request } from 'express';
import { ApiDomainError } from '../errors';
import { RateLimitedError } from '../http/rate-limit';

/** The one answer to every key that does not open the route: it never says which part was wrong. */
export const INVALID_SOURCE_KEY_MESSAGE =
  'a valid source key is required (Authorization: Bearer <key> or X-Api-Key: <key>)';

const MINUTE_MS = 60_000;

/**
 * The exchange's inbound authentication (@SourceKey() routes; AuthGuard calls it): the source whose key came with
 * the request, and that source's own rate limit — `rateLimitPerMinute` requests a minute, counted in the same
 * throttler storage as the API's limits (apps/api/src/http/rate-limit.ts), 429 with Retry-After past it. A
 * missing, malformed, unknown or revoked key, or a user's session token, is 401 INVALID_SOURCE_KEY, all alike.
 */
@Injectable()
export class SourceKeys {
  constructor(
    @Inject(ExchangeRecords) private readonly records: ExchangeRecords,
    @Inject(getStorageToken()) private readonly storage: ThrottlerStorage,
  ) {}

  /** Whether the request carries a live source's key (no rate limit counted): the inbound body's large limit. */
  async recognizes(request: Request): Promise<boolean> {
    const key = keyOf(request);
    return key !== null && (await this.records.authenticate(key)) !== null;
  }

  async admit(request: Request): Promise<ExchangeSourceEntity> {
    const key = keyOf(request);
    const source = key ? await this.records.authenticate(key) : null;
    if (!source) throw new ApiDomainError('INVALID_SOURCE_KEY', INVALID_SOURCE_KEY_MESSAGE);
    const limit = Math.max(1, source.rateLimitPerMinute);
    const hits = await this.storage.increment(
      `exchange-source:${source.id}`,
      MINUTE_MS,
      limit,
      MINUTE_MS,
      'exchange-source',
    );
    if (hits.isBlocked) throw new RateLimitedError(Math.max(1, Math.ceil(hits.timeToBlockExpire)));
    return source;
  }
}

/** The key of `Authorization: Bearer <key>`, else of `X-Api-Key`; null when neither is there. */
export function keyOf(request: Pick<Request, 'headers'>): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  if (bearer) return bearer[1];
  const header = request.headers['x-api-key'];
  const value = Array.isArray(header) ? header[0] : header;
  return value && value.trim() !== '' ? value.trim() : null;
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How webhook calls are signed, for receivers to verify: HMAC-SHA256 with the webhook's secret over
 * `<timestamp>.<raw body>`, sent as `X-Park-Signature: sha256=<hex>` with `X-Park-Timestamp: <epoch ms>`.
 * Including the timestamp lets a receiver refuse replays older than it tolerates.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifyWebhook(secret: string, timestamp: number, body: string, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Delay before attempt `attempt + 1` after `attempt` failures (1-based): base · 2^(attempt−1), capped. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

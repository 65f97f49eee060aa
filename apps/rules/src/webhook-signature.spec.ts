import { backoffMs, signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signature and backoff', () => {
  it('signs timestamp and body with HMAC-SHA256 so a receiver can verify them', () => {
    const body = '{"type":"opened"}';
    const signature = signWebhook('s3cret-0123456789', 1_700_000_000_000, body);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhook('s3cret-0123456789', 1_700_000_000_000, body, signature)).toBe(true);
    expect(verifyWebhook('s3cret-0123456789', 1_700_000_000_001, body, signature)).toBe(false);
    expect(verifyWebhook('s3cret-0123456789', 1_700_000_000_000, `${body} `, signature)).toBe(false);
    expect(verifyWebhook('other-secret-00000', 1_700_000_000_000, body, signature)).toBe(false);
  });

  it('doubles the retry delay per failed attempt, up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(a, 1_000, 10_000))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000,
    ]);
  });
});

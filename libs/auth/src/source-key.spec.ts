import { hashSourceKey, issueSourceKey, sourceKeyPrefix, verifySourceKey } from './source-key';

describe('source keys', () => {
  it('issues a key whose prefix and hash are what the exchange stores', () => {
    const { key, keyPrefix, keyHash } = issueSourceKey();
    expect(keyPrefix).toMatch(/^pk_[A-Za-z0-9_-]{12}$/);
    expect(keyPrefix.length).toBeLessThanOrEqual(32);
    expect(key.startsWith(`${keyPrefix}_`)).toBe(true);
    expect(sourceKeyPrefix(key)).toBe(keyPrefix);
    expect(keyHash).toBe(hashSourceKey(key));
    expect(keyHash).not.toContain(key.slice(keyPrefix.length + 1));
    expect(verifySourceKey(key, keyHash)).toBe(true);
  });

  it('refuses another key, a changed one and a malformed one', () => {
    const a = issueSourceKey();
    const b = issueSourceKey();
    expect(a.key).not.toBe(b.key);
    expect(verifySourceKey(b.key, a.keyHash)).toBe(false);
    expect(verifySourceKey(`${a.key}x`, a.keyHash)).toBe(false);
    expect(verifySourceKey(a.key, 'scrypt$junk')).toBe(false);
    expect(sourceKeyPrefix('Bearer nothing')).toBeNull();
    expect(sourceKeyPrefix(`${a.key}x`)).toBeNull();
  });
});

import { generateSecret, hashSecret, verifySecret } from './password-hasher';

/** Low scrypt cost for speed; the cost travels with the hash, so verification follows it. */
const FAST = { N: 1024, r: 1, p: 1 };

describe('hashSecret / verifySecret', () => {
  it('verifies the secret it hashed', async () => {
    const stored = await hashSecret('correct horse battery staple', FAST);
    await expect(verifySecret('correct horse battery staple', stored)).resolves.toBe(true);
  });

  it('refuses a wrong password, including near misses', async () => {
    const stored = await hashSecret('Park-2025!', FAST);
    for (const attempt of ['park-2025!', 'Park-2025', 'Park-2025! ', '', 'Park-2025!Park-2025!']) {
      await expect(verifySecret(attempt, stored)).resolves.toBe(false);
    }
  });

  it('handles non-ASCII passwords', async () => {
    const stored = await hashSecret('智慧园区-管理员', FAST);
    await expect(verifySecret('智慧园区-管理员', stored)).resolves.toBe(true);
    await expect(verifySecret('智慧园区-管理', stored)).resolves.toBe(false);
  });

  it('salts: two hashes of the same secret differ, and both verify', async () => {
    const [a, b] = await Promise.all([hashSecret('same', FAST), hashSecret('same', FAST)]);
    expect(a).not.toBe(b);
    await expect(verifySecret('same', a)).resolves.toBe(true);
    await expect(verifySecret('same', b)).resolves.toBe(true);
  });

  it('writes a self-describing scrypt$N$r$p$salt$hash string', async () => {
    const stored = await hashSecret('x', FAST);
    expect(stored).toMatch(/^scrypt\$1024\$1\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  });

  it('uses N=2^15, r=8, p=1 by default, and that hash verifies', async () => {
    const stored = await hashSecret('default-cost');
    expect(stored.startsWith('scrypt$32768$8$1$')).toBe(true);
    await expect(verifySecret('default-cost', stored)).resolves.toBe(true);
    await expect(verifySecret('default-cost?', stored)).resolves.toBe(false);
  });

  it('refuses the hash when its stored cost has been altered', async () => {
    const stored = await hashSecret('x', FAST);
    await expect(verifySecret('x', stored.replace('scrypt$1024$', 'scrypt$2048$'))).resolves.toBe(false);
  });

  describe('a malformed stored hash is simply "no match", never an error', () => {
    let good: string;
    beforeAll(async () => {
      good = await hashSecret('pw', FAST);
    });

    /** Replaces one `$`-separated part: 1 = N, 2 = r, 3 = p, 4 = salt, 5 = hash. */
    const part = (i: number, value: string) => (s: string) =>
      s
        .split('$')
        .map((x, j) => (j === i ? value : x))
        .join('$');
    const mangle: [string, (s: string) => string][] = [
      ['empty', () => ''],
      ['plain text', () => 'pw'],
      ['another algorithm', part(0, 'bcrypt')],
      ['a missing part', (s) => s.split('$').slice(0, 5).join('$')],
      ['an extra part', (s) => `${s}$extra`],
      ['a non-numeric N', part(1, 'abc')],
      ['N = 0', part(1, '0')],
      ['a negative r', part(2, '-1')],
      ['a fractional p', part(3, '1.5')],
      ['N not a power of two', part(1, '1000')],
      ['N beyond the memory cap', (s) => part(2, '8')(part(1, '1048576')(s))],
      ['a different salt', part(4, 'AAAAAAAAAAAAAAAAAAAAAA')],
      ['a truncated hash', (s) => s.slice(0, -10)],
      ['an empty hash', part(5, '')],
    ];

    it.each(mangle)('%s', async (_label, change) => {
      const stored = change(good);
      expect(stored).not.toBe(good);
      await expect(verifySecret('pw', stored)).resolves.toBe(false);
    });
  });
});

describe('generateSecret', () => {
  it('returns URL-safe random secrets of the requested strength', () => {
    const a = generateSecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/); // 24 bytes → 32 base64url characters
    expect(generateSecret()).not.toBe(a);
    expect(generateSecret(48)).toHaveLength(64);
  });
});

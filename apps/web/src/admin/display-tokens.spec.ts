import { checkTokenName, sortTokens, tokenState, wallUrl } from './display-tokens';
import type { DisplayTokenView } from './display-tokens-api';

const token = (id: string, createdAt: number, revokedAt: number | null = null): DisplayTokenView => ({
  id,
  name: id,
  createdBy: 'admin',
  createdAt,
  lastUsedAt: null,
  revokedAt,
});

describe('display tokens', () => {
  it('builds the wall address with the token escaped, whatever the origin ends with', () => {
    expect(wallUrl('http://127.0.0.1:3000', 'abc-_DEF')).toBe('http://127.0.0.1:3000/wall?token=abc-_DEF');
    expect(wallUrl('https://park.example/', 'a+b/c=')).toBe('https://park.example/wall?token=a%2Bb%2Fc%3D');
  });

  it('checks the name as the API does (1–100 characters, trimmed)', () => {
    expect(checkTokenName('  指挥中心大屏 ')).toEqual({ ok: true, name: '指挥中心大屏' });
    expect(checkTokenName('   ')).toEqual({ ok: false, error: 'tokens.form.error.required' });
    expect(checkTokenName('x'.repeat(101))).toEqual({ ok: false, error: 'tokens.form.error.tooLong' });
    expect(checkTokenName('x'.repeat(100)).ok).toBe(true);
  });

  it('lists active tokens first, newest first within each group', () => {
    const tokens = [token('old', 1), token('revoked-new', 5, 6), token('new', 3), token('revoked-old', 2, 4)];
    expect(sortTokens(tokens).map((t) => t.id)).toEqual(['new', 'old', 'revoked-new', 'revoked-old']);
    expect(tokens.map(tokenState)).toEqual(['active', 'revoked', 'active', 'revoked']);
  });
});

/**
 * The display-token page's pure parts (no DOM): the wall URL a new token opens, the name check
 * (CreateDisplayTokenDto: 1–100 characters), and a token's state. Unit-tested in display-tokens.spec.ts.
 */
import type { MessageKey } from '../i18n/messages';
import type { DisplayTokenView } from './display-tokens-api';

export const DISPLAY_TOKEN_NAME_MAX = 100;

/** The address a wall screen opens: `<origin>/wall?token=…` (the wall trades the token for a session). */
export function wallUrl(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}/wall?token=${encodeURIComponent(token)}`;
}

export function checkTokenName(
  name: string,
): { readonly ok: true; readonly name: string } | { readonly ok: false; readonly error: MessageKey } {
  const trimmed = name.trim();
  if (!trimmed) return { ok: false, error: 'tokens.form.error.required' };
  if (trimmed.length > DISPLAY_TOKEN_NAME_MAX) return { ok: false, error: 'tokens.form.error.tooLong' };
  return { ok: true, name: trimmed };
}

export type TokenState = 'active' | 'revoked';

export function tokenState(token: DisplayTokenView): TokenState {
  return token.revokedAt === null ? 'active' : 'revoked';
}

/** Active tokens first, each group newest first (the API lists in creation order). */
export function sortTokens(tokens: readonly DisplayTokenView[]): DisplayTokenView[] {
  return [...tokens].sort(
    (a, b) =>
      Number(a.revokedAt !== null) - Number(b.revokedAt !== null) ||
      b.createdAt - a.createdAt ||
      a.id.localeCompare(b.id),
  );
}

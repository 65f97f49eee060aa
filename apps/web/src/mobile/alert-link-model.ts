/**
 * The phone page of a signed alert link (/m/alert?t=…), its pure part: the token from the address, why the API
 * refused a link, and a phone number as a tap-to-call address. Pure module (no DOM).
 */
import { ApiError } from '../api/http';

/** Where the page is served; the same path `alertLinkUrl` (@park/auth) puts in messages. */
export const ALERT_LINK_PAGE_PATH = '/m/alert';
/** How often the open page looks again, so that an acknowledgement by someone else shows. */
export const ALERT_LINK_REFRESH_MS = 30_000;

/** What the page says when it cannot show the alert. */
export type LinkProblem =
  'missing' | 'expired' | 'tampered' | 'malformed' | 'inactive' | 'off' | 'not-found' | 'network' | 'other';

/** The `t` parameter of the page's address; null when absent or empty. */
export function linkTokenFrom(search: string): string | null {
  const token = new URLSearchParams(search).get('t');
  return token && token.trim() ? token.trim() : null;
}

const BY_CODE: Readonly<Record<string, LinkProblem>> = {
  ALERT_LINK_EXPIRED: 'expired',
  ALERT_LINK_TAMPERED: 'tampered',
  ALERT_LINK_MALFORMED: 'malformed',
  ALERT_LINK_RECIPIENT_INACTIVE: 'inactive',
  ALERT_LINKS_OFF: 'off',
  ALERT_NOT_FOUND: 'not-found',
};

/** Why the link was refused, by the API's error code (docs/security-auth.md lists them). */
export function linkProblemOf(error: unknown): LinkProblem {
  if (!(error instanceof ApiError)) return 'other';
  if (error.status === 0) return 'network';
  return (error.code && BY_CODE[error.code]) || 'other';
}

/**
 * A contact's phone as a `tel:` address (spaces, hyphens and brackets dropped; a leading + kept), or null when
 * what is recorded is not a phone number.
 */
export function telHref(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/[\s\-()（）]/g, '');
  return /^\+?\d{3,20}$/.test(digits) ? `tel:${digits}` : null;
}

/**
 * The signed alert link's page as the REST API answers it (GET /api/alert-links/:token; apps/api/src/alert-links):
 * one alert, for the person a notification message was sent to. Times are epoch ms.
 */
import type { AlertView } from './alerts';

export interface AlertLinkView {
  /** The one alert the link opens — nothing else is reachable with it. */
  readonly alert: AlertView;
  /** Whom the link was sent to, as the page greets them: a user's display name, or the sender's label. */
  readonly recipient: string;
  /** How the alert's audit trail will name an action taken through this link, e.g. `officer（短信链接）`. */
  readonly actor: string;
  /** When the link stops working. */
  readonly expiresAt: number;
}

/**
 * Why the API refused a link (the `code` of its 4xx answer); the phone page says each in words:
 * ALERT_LINK_MALFORMED (400: not a whole link — cut short when copied), ALERT_LINK_TAMPERED (401: changed, or not
 * this platform's), ALERT_LINK_EXPIRED (410), ALERT_LINK_RECIPIENT_INACTIVE (403: the account it was sent to is
 * disabled or gone), ALERT_LINKS_OFF (404: this platform has no link secret), and ALERT_NOT_FOUND (404: the alert
 * itself is gone).
 */
export const ALERT_LINK_ERROR_CODES = [
  'ALERT_LINK_MALFORMED',
  'ALERT_LINK_TAMPERED',
  'ALERT_LINK_EXPIRED',
  'ALERT_LINK_RECIPIENT_INACTIVE',
  'ALERT_LINKS_OFF',
] as const;
export type AlertLinkErrorCode = (typeof ALERT_LINK_ERROR_CODES)[number];

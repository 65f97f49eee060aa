import { Inject, Injectable } from '@nestjs/common';
import { alertLinkActor, verifyAlertLink, type AlertLinkRefusal, type AlertLinkSettings } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import type { AlertEvent, AlertLinkErrorCode, AlertLinkView } from '@park/contracts';
import { UserRepository } from '@park/records';
import { AlertsService, type AlertActor } from '../alerts/alerts.service';
import { ApiDomainError } from '../errors';

/** The API's link settings (ALERT_LINK_SECRET …); null when the platform has no link secret. */
export const ALERT_LINK_SETTINGS = Symbol('AlertLinkSettings');

/** A link that passed: its alert, whom it was sent to, and how the audit trail names their actions. */
export interface AlertLinkHolder {
  readonly alertId: string;
  /** The name the page greets: a user's display name, or the label the sender gave. */
  readonly recipient: string;
  readonly actor: AlertActor;
  readonly expiresAt: number;
}

const REFUSALS: Readonly<Record<AlertLinkRefusal, [AlertLinkErrorCode, string]>> = {
  malformed: ['ALERT_LINK_MALFORMED', 'this is not a whole alert link (was it cut short when copied?)'],
  tampered: ['ALERT_LINK_TAMPERED', 'this alert link was altered or was not issued by this platform'],
  expired: ['ALERT_LINK_EXPIRED', 'this alert link has expired'],
  // The API asks for no particular alert (the link names it), so this one does not arise here.
  'wrong-alert': ['ALERT_LINK_TAMPERED', 'this alert link is for another alert'],
};

/**
 * The signed alert link (docs/security-auth.md, "The signed alert link"): whoever holds a current link may see
 * its one alert, acknowledge it and resolve it with a note, as the person it was sent to — through the same
 * AlertsService path as the officers' console, so every socket.io client sees the change at once.
 */
@Injectable()
export class AlertLinksService {
  constructor(
    private readonly alerts: AlertsService,
    private readonly users: UserRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ALERT_LINK_SETTINGS) private readonly settings: AlertLinkSettings | null,
  ) {}

  /**
   * Checks a token and finds whom it was sent to. A user account must still be enabled (a link outlives neither a
   * disabled account nor a deleted one), and an energy manager stays confined to their enterprise.
   */
  async authenticate(token: string): Promise<AlertLinkHolder> {
    if (!this.settings)
      throw new ApiDomainError(
        'ALERT_LINKS_OFF',
        'this platform has no alert link secret (ALERT_LINK_SECRET)',
      );
    const verdict = verifyAlertLink(this.settings.secret, token, { now: this.clock.now() });
    if (!verdict.ok) throw new ApiDomainError(...REFUSALS[verdict.reason]);
    const { alertId, recipient, channel, expiresAt } = verdict.claims;
    if (recipient.label !== undefined)
      return {
        alertId,
        recipient: recipient.label,
        actor: { name: alertLinkActor(recipient.label, channel), scope: null },
        expiresAt,
      };
    const user = await this.users.findById(recipient.userId);
    if (!user || user.disabled)
      throw new ApiDomainError(
        'ALERT_LINK_RECIPIENT_INACTIVE',
        'the account this alert link was sent to is disabled or no longer exists',
      );
    return {
      alertId,
      recipient: user.displayName || user.username,
      actor: {
        name: alertLinkActor(user.username, channel),
        scope: user.role === 'energy-manager' ? (user.enterpriseId ?? NO_ENTERPRISE) : null,
      },
      expiresAt,
    };
  }

  async view(link: AlertLinkHolder): Promise<AlertLinkView> {
    return {
      alert: await this.alerts.getAs(link.actor, link.alertId),
      recipient: link.recipient,
      actor: link.actor.name,
      expiresAt: link.expiresAt,
    };
  }

  acknowledge(link: AlertLinkHolder): Promise<AlertEvent> {
    return this.alerts.acknowledgeAs(link.actor, link.alertId);
  }

  resolve(link: AlertLinkHolder, note: string): Promise<AlertEvent> {
    return this.alerts.resolveAs(link.actor, link.alertId, note);
  }
}

/** The scope of an energy manager without an enterprise: matches no alert. */
const NO_ENTERPRISE = '00000000-0000-0000-0000-000000000000';

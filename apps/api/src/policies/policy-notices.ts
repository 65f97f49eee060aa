import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@park/auth';
import { CLOCK, type Clock } from '@park/clock';
import type { PolicyNoticeOutcome, PolicyNoticeResult } from '@park/contracts';
import { adapterFor, policyNoticeMessage, sendWithTimeout, type ChannelAdapters } from '@park/notifications';
import { EnterpriseRecords, PolicyNoticeRepository, PolicyRecords, safetyContactOf } from '@park/records';
import { API_CONFIG, type ApiConfig } from '../api.config';
import { NOTIFICATION_ADAPTERS } from '../notifications/notification-adapters';
import { addressed } from '../qualifications/expiry-reminders';
import { PoliciesService } from './policies.service';

/**
 * 惠企政策推送 (docs/policies.md): a policy's notice to each enterprise that qualifies today — to every channel
 * carrying `policy` notices that may carry that enterprise (park-wide, or scoped to it) and to the enterprise's
 * contact by e-mail, addressed as the expiry reminders are. Each send is a delivery of event type `policy`; each
 * enterprise notified is recorded, so a second notice skips it unless forced. With no channel nothing is sent or
 * recorded, and the result says so (channels: 0). One attempt per send: a person is waiting for the answer.
 */
@Injectable()
export class PolicyNotices {
  constructor(
    private readonly policies: PoliciesService,
    private readonly records: PolicyRecords,
    private readonly notices: PolicyNoticeRepository,
    private readonly enterprises: EnterpriseRecords,
    @Inject(NOTIFICATION_ADAPTERS) private readonly adapters: ChannelAdapters,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async notify(principal: Principal, policyId: string, force: boolean): Promise<PolicyNoticeResult> {
    const policy = await this.records.get(policyId);
    const [channels, basis, sent, enterprises] = await Promise.all([
      this.notices.channels(),
      this.policies.basis([policy.criteria]),
      this.notices.notices([policyId]),
      this.enterprises.all(),
    ]);
    const qualified = this.policies.matchAll(policy, basis).filter((m) => m.verdict === 'qualified');
    const already = new Set(sent.map((n) => n.enterpriseId));
    const due = force ? qualified : qualified.filter((m) => !already.has(m.enterpriseId));
    const alreadyNotified = qualified.length - due.length;
    if (channels.length === 0) return { policyId, channels: 0, notified: [], alreadyNotified };
    const notified: PolicyNoticeOutcome[] = [];
    for (const match of due) {
      const enterprise = enterprises.find((e) => e.id === match.enterpriseId);
      const mine = channels
        .filter((c) => c.enterpriseId === null || c.enterpriseId === match.enterpriseId)
        .sort((a, b) => (a.id < b.id ? -1 : 1));
      if (mine.length === 0) continue;
      const contact = safetyContactOf(enterprise ?? null);
      const message = policyNoticeMessage(
        {
          enterpriseName: match.name,
          policyName: policy.name,
          issuer: policy.issuer,
          documentNo: policy.documentNo,
          benefit: policy.benefit,
          validTo: policy.validTo,
          outcomes: match.outcomes,
        },
        this.link(match.enterpriseId),
      );
      let sends = 0;
      let failure: string | null = null;
      for (const [channel, recipients] of addressed(
        mine,
        contact?.email ? { name: contact.name, address: contact.email } : null,
      )) {
        const adapter = adapterFor(this.adapters, channel.kind);
        for (const recipient of recipients) {
          const answer = adapter
            ? await sendWithTimeout(
                adapter,
                channel.config,
                message,
                recipient,
                this.config.NOTIFY_TEST_TIMEOUT_MS,
              ).catch((error: unknown) => ({
                ok: false,
                status: null,
                answer: error instanceof Error ? error.message : String(error),
              }))
            : { ok: false, status: null, answer: `no adapter for channel kind ${channel.kind}` };
          await this.notices.recordSend({
            channelId: channel.id,
            recipient,
            ...answer,
            attempts: 1,
            at: this.clock.now(),
          });
          sends += 1;
          if (!answer.ok && failure === null) failure = answer.answer;
        }
      }
      const status = failure === null ? 'delivered' : 'failed';
      await this.notices.recordNotice({
        policyId,
        enterpriseId: match.enterpriseId,
        notifiedBy: principal.username,
        at: this.clock.now(),
        sendCount: sends,
        status,
        answer: failure,
      });
      notified.push({ enterpriseId: match.enterpriseId, name: match.name, sends, status, answer: failure });
    }
    return { policyId, channels: channels.length, notified, alreadyNotified };
  }

  /** The enterprise's page (its 可申报政策 section), when PUBLIC_BASE_URL is set. */
  private link(enterpriseId: string): string | null {
    const base = this.config.PUBLIC_BASE_URL.replace(/\/+$/, '');
    return base ? `${base}/enterprises/${encodeURIComponent(enterpriseId)}` : null;
  }
}

import { POLICY_NOTICE_EVENT_TYPE } from '@park/contracts';
import { In, type DataSource } from 'typeorm';
import { listChannels, type DigestChannel } from './digest-repository';
import { PolicyNoticeEntity } from './entities/policy-notice.entity';
import { MAX_ANSWER_CHARS } from './notification-repository';
import { recordChannelSend, type ExpiryReminderSend } from './expiry-reminder-repository';

/** A channel that carries 惠企政策 notices (enabled, `policy` among its event types, a robot or e-mail). */
export type PolicyNoticeChannel = DigestChannel;

/** One send of a notice, as it went: recorded as a delivery of event type `policy`. */
export type PolicyNoticeSend = ExpiryReminderSend;

/**
 * 惠企政策推送: which channels carry a policy's notices, each send as a delivery of the channel, and per policy and
 * enterprise who sent the notice and when — so the page says 已通知 and a second notice skips those already told.
 */
export class PolicyNoticeRepository {
  constructor(private readonly dataSource: DataSource) {}

  channels(): Promise<PolicyNoticeChannel[]> {
    return listChannels(this.dataSource, (c) => c.eventTypes.includes(POLICY_NOTICE_EVENT_TYPE));
  }

  /** The notices sent for these policies (all of them when none is named). */
  notices(policyIds?: readonly string[]): Promise<PolicyNoticeEntity[]> {
    return this.dataSource
      .getRepository(PolicyNoticeEntity)
      .find(policyIds ? { where: { policyId: In([...policyIds]) } } : {});
  }

  recordSend(send: PolicyNoticeSend): Promise<void> {
    return recordChannelSend(this.dataSource, POLICY_NOTICE_EVENT_TYPE, send);
  }

  /** Records (or, for a forced notice, rewrites) that the enterprise was sent the policy's notice. */
  async recordNotice(notice: {
    policyId: string;
    enterpriseId: string;
    notifiedBy: string;
    at: number;
    sendCount: number;
    status: 'delivered' | 'failed';
    answer: string | null;
  }): Promise<void> {
    await this.dataSource.getRepository(PolicyNoticeEntity).upsert(
      {
        policyId: notice.policyId,
        enterpriseId: notice.enterpriseId,
        notifiedAt: new Date(notice.at),
        notifiedBy: notice.notifiedBy,
        sendCount: notice.sendCount,
        status: notice.status,
        lastAnswer: notice.answer?.slice(0, MAX_ANSWER_CHARS) ?? null,
      },
      ['policyId', 'enterpriseId'],
    );
  }
}

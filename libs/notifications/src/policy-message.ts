/**
 * A 惠企政策 notice to one enterprise as one short Chinese message: the policy, who issued it and its 文号, what it
 * gives, until when it is open, why the enterprise qualifies (each condition in words) and the link to its page.
 * Pure module.
 */
import { describeOutcome, type ConditionOutcome } from '@park/contracts';
import type { NotificationMessage } from './channel';

export interface PolicyNoticeFacts {
  readonly enterpriseName: string;
  readonly policyName: string;
  readonly issuer: string;
  readonly documentNo: string | null;
  readonly benefit: string | null;
  /** `YYYY-MM-DD`, or null when open-ended. */
  readonly validTo: string | null;
  /** The enterprise's outcomes, every one met. */
  readonly outcomes: readonly ConditionOutcome[];
}

/** "2027年1月1日" from `2027-01-01`. */
function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function policyNoticeMessage(f: PolicyNoticeFacts, link: string | null): NotificationMessage {
  return {
    title: `【惠企政策】${f.enterpriseName} 符合《${f.policyName}》申报条件`,
    lines: [
      ['企业', f.enterpriseName],
      ['政策', f.policyName],
      ['发文机关', f.documentNo ? `${f.issuer}（${f.documentNo}）` : f.issuer],
      ...(f.benefit ? [['支持内容', f.benefit] as const] : []),
      ['申报截止', f.validTo ? chineseDate(f.validTo) : '长期有效'],
      ['符合条件', f.outcomes.map((o) => describeOutcome(o, 'zh')).join('；')],
    ],
    link,
    event: null,
  };
}

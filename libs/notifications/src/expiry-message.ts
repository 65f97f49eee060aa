/**
 * A certificate's expiry reminder (资质到期提醒) as one short Chinese message: the enterprise, the certificate's type
 * (in Chinese) and number, its expiry date, the days left, and the link to the enterprise's page. Pure module.
 */
import {
  QUALIFICATION_LEVEL_NAMES,
  QUALIFICATION_TYPE_NAMES,
  type QualificationLevel,
  type QualificationType,
} from '@park/contracts';
import type { NotificationMessage } from './channel';

export interface ExpiringCertificateFacts {
  readonly enterpriseName: string;
  readonly type: QualificationType;
  readonly level: QualificationLevel | null;
  readonly certificateNo: string;
  /** `YYYY-MM-DD`. */
  readonly expiresOn: string;
  /** Days from today to the expiry date: 0 on the day, negative once expired. */
  readonly daysToExpiry: number;
}

/** "2027年1月1日" from `2027-01-01`. */
function chineseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The days left as the title says them, and as the 剩余天数 line does. */
function whenDue(days: number): { title: string; line: string } {
  if (days > 0) return { title: `${days} 天后到期`, line: `${days} 天` };
  if (days === 0) return { title: '今天到期', line: '今天到期' };
  return { title: `已过期 ${-days} 天`, line: `已过期 ${-days} 天` };
}

export function expiryReminderMessage(c: ExpiringCertificateFacts, link: string | null): NotificationMessage {
  const typeName = QUALIFICATION_TYPE_NAMES[c.type] ?? c.type;
  const level = c.level ? `（${QUALIFICATION_LEVEL_NAMES[c.level] ?? c.level}）` : '';
  const due = whenDue(c.daysToExpiry);
  return {
    title: `【资质到期提醒】${c.enterpriseName} ${typeName}证书 ${due.title}`,
    lines: [
      ['企业', c.enterpriseName],
      ['资质', `${typeName}${level}`],
      ['证书编号', c.certificateNo],
      ['到期日期', chineseDate(c.expiresOn)],
      ['剩余天数', due.line],
    ],
    link,
    event: null,
  };
}

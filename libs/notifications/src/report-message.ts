/**
 * The notice that a month's reports (报表) are ready, as one message: the month, how many, one line per report
 * title, and the link to the reports page; for e-mail the reports' PDFs go with it as attachments (chosen by the
 * caller, who knows their sizes). Pure module.
 */
import type { MessageAttachment, NotificationMessage } from './channel';

/** More lines than a robot's 4 KB or a phone screen holds are counted, not listed. */
export const REPORT_NOTICE_MAX_LINES = 20;

export interface ReadyReport {
  readonly title: string;
}

/**
 * `period` is the month `YYYY-MM`. `reports` are the ready ones the channel may see (its enterprise's, or all for a
 * park-wide channel), `failed` how many of them could not be generated. Null when there is nothing to tell.
 */
export function reportNoticeMessage(
  period: string,
  reports: readonly ReadyReport[],
  failed: number,
  link: string | null,
  attachments: readonly MessageAttachment[] = [],
): NotificationMessage | null {
  if (reports.length === 0 && failed === 0) return null;
  const [year, month] = period.split('-').map(Number);
  const titles = [...reports].map((r) => r.title).sort((a, b) => a.localeCompare(b, 'zh-CN'));
  const lines: [string, string][] = titles
    .slice(0, REPORT_NOTICE_MAX_LINES)
    .map((title, i) => [`${i + 1}`, title]);
  if (titles.length > REPORT_NOTICE_MAX_LINES)
    lines.push(['其余', `另有 ${titles.length - REPORT_NOTICE_MAX_LINES} 份，见报表页面`]);
  if (failed > 0) lines.push(['未能生成', `${failed} 份，请在报表页面查看原因并重新生成`]);
  if (attachments.length > 0) lines.push(['附件', `${attachments.length} 份报表的 PDF 文件`]);
  return {
    title: `【月度报表】${year}年${month}月 报表已生成 ${reports.length} 份`,
    lines,
    link,
    event: null,
    attachments,
  };
}

/**
 * The daily digest (每日摘要) of info-level alerts as one message: how many, then one line per alert — its time,
 * enterprise, rule and device — newest first, at most `DIGEST_MAX_LINES` of them. Pure module.
 */
import type { AlertEvent } from '@park/contracts';
import { formatBeijingTime } from '@park/rules-engine';
import type { NotificationMessage } from './channel';

/** More lines than a robot's 4 KB or a phone screen holds are counted, not listed. */
export const DIGEST_MAX_LINES = 30;

/**
 * `events`: the `opened` event of each info alert in the period (the newest per alert), any order. `day` is the
 * park day (`YYYY-MM-DD`) the digest is for. Null when there is nothing to tell: no digest is sent for a quiet day.
 */
export function digestMessage(
  day: string,
  events: readonly AlertEvent[],
  link: string | null,
): NotificationMessage | null {
  if (events.length === 0) return null;
  const newestFirst = [...events].sort((a, b) => b.alert.openedAt - a.alert.openedAt);
  const [, month, date] = day.split('-').map(Number);
  const lines: [string, string][] = newestFirst.slice(0, DIGEST_MAX_LINES).map((e) => {
    const a = e.alert;
    const what = [a.enterpriseName, a.ruleName.zh, a.deviceName.trim()].filter((s) => s).join(' · ');
    return [formatBeijingTime(a.openedAt), oneLine(what)];
  });
  if (newestFirst.length > DIGEST_MAX_LINES)
    lines.push(['其余', `另有 ${newestFirst.length - DIGEST_MAX_LINES} 条，见报警历史`]);
  return {
    title: `【每日摘要】${month}月${date}日 提示 ${events.length} 条`,
    lines,
    link,
    // The newest alert: what an adapter filling provider template parameters would name.
    event: newestFirst[0],
  };
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

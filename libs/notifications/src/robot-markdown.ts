/**
 * A message as the markdown the group robots (企业微信, 钉钉) show: the title as a heading, one quoted line per fact,
 * the link last. Names come from the records, so markdown's own characters in them are replaced by their full-width
 * forms (a `]` in an enterprise name must not end the link text). Fitted to the robot's size limit by dropping the
 * last facts first — they are ordered most important first — never the title or the link.
 */
import type { NotificationMessage } from './channel';

export const LINK_TEXT = '查看并处理';

/** Markdown and HTML characters → full-width look-alikes; the text reads the same, nothing is interpreted. */
const FULL_WIDTH: Readonly<Record<string, string>> = {
  '[': '［',
  ']': '］',
  '<': '＜',
  '>': '＞',
  '*': '＊',
  '`': '｀',
  '#': '＃',
  '|': '｜',
};

export function markdownText(text: string): string {
  return text.replace(/[[\]<>*`#|]/g, (c) => FULL_WIDTH[c] ?? c);
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * `lineBreak` is how the robot separates lines: 企业微信 takes "\n", 钉钉's markdown needs a blank line ("\n\n")
 * between quoted lines.
 */
export function robotMarkdown(
  message: NotificationMessage,
  maxBytes: number,
  lineBreak: '\n' | '\n\n',
): string {
  const head = `### ${markdownText(message.title)}`;
  const tail = message.link ? [`[${LINK_TEXT}](${message.link})`] : [];
  const facts = message.lines.map(([label, value]) => `> ${markdownText(label)}：${markdownText(value)}`);
  const compose = (kept: string[], cut: boolean) =>
    [head, ...kept, ...(cut ? ['> …'] : []), ...tail].join(lineBreak);
  let kept = facts;
  let text = compose(kept, false);
  while (utf8Bytes(text) > maxBytes && kept.length > 0) {
    kept = kept.slice(0, -1);
    text = compose(kept, true);
  }
  return utf8Bytes(text) > maxBytes ? truncateUtf8(text, maxBytes) : text;
}

/** The longest prefix of `text` within `maxBytes` of UTF-8, cut between characters. */
export function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = utf8Bytes(char);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}

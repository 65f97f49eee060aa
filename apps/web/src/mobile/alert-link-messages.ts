/**
 * The alert link page's own labels, in both languages. They live beside the page rather than in
 * i18n/messages.ts because nothing else shows them; severities, states and levels come from there.
 * Typed like messages.ts: the English side must have every key of the Chinese one.
 */
import type { Language } from '../i18n/messages';

const zhCN = {
  title: '告警处置',
  loading: '正在打开告警…',
  'reading.value': '当前值',
  'reading.limit': '限值',
  'reading.level': '级别',
  'fact.enterprise': '企业',
  'fact.device': '设备',
  'fact.location': '位置',
  'fact.noLocation': '未登记位置',
  'fact.openedAt': '发生时间',
  'fact.lastSeenAt': '最近一次',
  'fact.count': '次数',
  'fact.countValue': '{n} 次',
  why: '告警原因',
  contacts: '企业联系人',
  'contacts.none': '未登记企业联系人',
  'contacts.call': '拨打 {name}',
  acknowledge: '确认告警',
  acknowledging: '正在确认…',
  acknowledged: '已由 {who} 于 {time} 确认',
  'resolve.heading': '解除告警',
  'resolve.note': '处置说明（必填）',
  'resolve.placeholder': '例如：现场排查为探头受潮，已更换，复测 3 %LEL',
  'resolve.required': '请填写处置说明',
  'resolve.submit': '解除告警',
  'resolve.submitting': '正在解除…',
  resolved: '已由 {who} 于 {time} 解除',
  'resolved.note': '处置说明：{note}',
  suppressed: '该设备处于检修期，告警暂不处置',
  'action.failed': '操作未成功：{message}',
  'action.conflict': '告警状态已变化（可能已被他人处理），已刷新为最新状态',
  'footer.recipient': '发送给：{name}',
  'footer.audit': '您的操作将记录为“{actor}”',
  'footer.expires': '链接有效期至 {time}（北京时间）',
  'footer.login': '登录平台',
  'problem.missing.title': '链接不完整',
  'problem.missing.body': '地址中没有告警链接参数。请从消息中重新打开完整的链接。',
  'problem.expired.title': '链接已过期',
  'problem.expired.body':
    '为安全起见，告警链接只在限定时间内有效。请打开最新消息中的链接，或登录平台处理该告警。',
  'problem.tampered.title': '链接无效',
  'problem.tampered.body':
    '该链接已被修改，或并非本平台发出，无法打开。请从原消息中重新打开，切勿转发或编辑链接。',
  'problem.malformed.title': '链接不完整',
  'problem.malformed.body': '链接可能在复制时被截断。请从原消息中直接点开完整的链接。',
  'problem.inactive.title': '账号已停用',
  'problem.inactive.body': '该链接发送给的账号已停用或已删除，链接随之失效。如需处理，请联系园区管理员。',
  'problem.off.title': '平台未启用手机链接',
  'problem.off.body': '本平台未配置告警链接密钥，无法通过链接处理告警。请登录平台处理。',
  'problem.not-found.title': '告警不存在',
  'problem.not-found.body': '该告警已不存在，或不属于您可查看的企业。',
  'problem.network.title': '无法连接平台',
  'problem.network.body': '请检查手机网络后重试。',
  'problem.other.title': '暂时无法打开',
  'problem.other.body': '平台未能打开该告警（HTTP {status}）。请稍后重试。',
  retry: '重试',
};

export type AlertLinkMessageKey = keyof typeof zhCN;

const en: Readonly<Record<AlertLinkMessageKey, string>> = {
  title: 'Alert response',
  loading: 'Opening the alert…',
  'reading.value': 'Value',
  'reading.limit': 'Limit',
  'reading.level': 'Level',
  'fact.enterprise': 'Enterprise',
  'fact.device': 'Device',
  'fact.location': 'Location',
  'fact.noLocation': 'No location recorded',
  'fact.openedAt': 'Opened',
  'fact.lastSeenAt': 'Last seen',
  'fact.count': 'Occurrences',
  'fact.countValue': '{n}',
  why: 'Why it fired',
  contacts: 'Enterprise contacts',
  'contacts.none': 'No enterprise contact recorded',
  'contacts.call': 'Call {name}',
  acknowledge: 'Acknowledge',
  acknowledging: 'Acknowledging…',
  acknowledged: 'Acknowledged by {who} at {time}',
  'resolve.heading': 'Resolve the alert',
  'resolve.note': 'What was done (required)',
  'resolve.placeholder': 'e.g. damp sensor head replaced on site, re-tested at 3 %LEL',
  'resolve.required': 'Please say what was done',
  'resolve.submit': 'Resolve',
  'resolve.submitting': 'Resolving…',
  resolved: 'Resolved by {who} at {time}',
  'resolved.note': 'Note: {note}',
  suppressed: 'The device is in maintenance: the alert is held back',
  'action.failed': 'That did not work: {message}',
  'action.conflict':
    'The alert changed meanwhile (someone else may have handled it); showing it as it is now',
  'footer.recipient': 'Sent to: {name}',
  'footer.audit': 'What you do is recorded as “{actor}”',
  'footer.expires': 'This link works until {time} (Beijing time)',
  'footer.login': 'Sign in to the platform',
  'problem.missing.title': 'Incomplete link',
  'problem.missing.body': 'The address carries no alert link. Open the whole link from the message again.',
  'problem.expired.title': 'This link has expired',
  'problem.expired.body':
    'For safety, an alert link works for a limited time only. Open the link in the latest message, or sign in to the platform to handle the alert.',
  'problem.tampered.title': 'Invalid link',
  'problem.tampered.body':
    'This link was altered or was not sent by this platform, so it cannot be opened. Open it again from the original message; do not edit or forward links.',
  'problem.malformed.title': 'Incomplete link',
  'problem.malformed.body':
    'The link may have been cut short when it was copied. Tap the whole link in the original message.',
  'problem.inactive.title': 'Account disabled',
  'problem.inactive.body':
    'The account this link was sent to is disabled or deleted, and the link with it. Ask the park administrator if the alert still needs handling.',
  'problem.off.title': 'Phone links are not enabled',
  'problem.off.body':
    'This platform has no alert link secret configured, so alerts cannot be handled through links. Please sign in to the platform.',
  'problem.not-found.title': 'Alert not found',
  'problem.not-found.body': 'The alert no longer exists, or belongs to an enterprise you cannot see.',
  'problem.network.title': 'Cannot reach the platform',
  'problem.network.body': 'Check the phone’s connection and try again.',
  'problem.other.title': 'Cannot open the alert right now',
  'problem.other.body': 'The platform could not open this alert (HTTP {status}). Please try again later.',
  retry: 'Try again',
};

const MESSAGES: Readonly<Record<Language, Readonly<Record<AlertLinkMessageKey, string>>>> = {
  'zh-CN': zhCN,
  en,
};

export function alertLinkText(
  language: Language,
  key: AlertLinkMessageKey,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return MESSAGES[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

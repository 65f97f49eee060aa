/**
 * The 通知渠道 page's pure parts: each channel kind's settings as form fields (which are secrets, which are
 * required), the draft an admin edits and the body it becomes, and the provider's answer to 发送测试消息 in
 * words. Pure module (no DOM): notification-form.spec.ts runs it in the unit project.
 */
import type { MessageKey } from '../i18n/messages';

export const CHANNEL_KINDS = ['wecom', 'dingtalk', 'feishu', 'email', 'aliyun-sms', 'tencent-sms'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Kinds that write to people (an address each); the robots post to their group. */
export const PERSON_KINDS: ReadonlySet<string> = new Set(['email', 'aliyun-sms', 'tencent-sms']);

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
/** Event types an admin may choose; `repeated` and `suppressed` are never sent. */
export const EVENT_TYPES = [
  'opened',
  'escalated',
  'overdue',
  'reminder',
  'acknowledged',
  'resolved',
  'assigned',
  'de-escalated',
  // Not an alert event: the notice that the monthly schedule generated the month's reports (robots and e-mail).
  'report',
  // Not an alert event: a certificate's expiry reminder, 90/30/7 days before and on the day (robots and e-mail).
  'expiry',
  // Not an alert event: a 惠企政策 notice, sent from a policy's page to the enterprises that qualify (robots and e-mail).
  'policy',
] as const;
export const DEFAULT_EVENT_TYPES: readonly string[] = ['opened', 'escalated', 'overdue'];

const SMS_KINDS: ReadonlySet<string> = new Set(['aliyun-sms', 'tencent-sms']);

/** Event types that are no alert's: an SMS (an alert template) never carries them. */
const LIST_ONLY_EVENT_TYPES: ReadonlySet<string> = new Set(['report', 'expiry', 'policy']);

/** What a channel of `kind` may receive: every event type, but an SMS never the reports notice or expiry reminders. */
export function eventTypesFor(kind: string): readonly string[] {
  return SMS_KINDS.has(kind) ? EVENT_TYPES.filter((e) => !LIST_ONLY_EVENT_TYPES.has(e)) : EVENT_TYPES;
}

/** The draft's chosen event types its kind may receive (a choice made under another kind is dropped). */
function chosenEventTypes(draft: ChannelDraft): readonly string[] {
  const allowed = eventTypesFor(draft.kind);
  return draft.eventTypes.filter((e) => allowed.includes(e));
}

export interface ConfigField {
  readonly key: string;
  readonly label: MessageKey;
  readonly kind: 'text' | 'number' | 'flag';
  /** Kept by the platform, shown masked (••••1234); left empty on edit, the stored value stays. */
  readonly secret?: boolean;
  readonly required: boolean;
  readonly placeholder?: string;
}

const ROBOT_URL = (placeholder: string): ConfigField => ({
  key: 'webhookUrl',
  label: 'notify.field.webhookUrl',
  kind: 'text',
  secret: true,
  required: true,
  placeholder,
});

/** Each kind's settings, in the order the provider's console shows them. */
export const KIND_FIELDS: Readonly<Record<ChannelKind, readonly ConfigField[]>> = {
  wecom: [ROBOT_URL('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…')],
  dingtalk: [
    ROBOT_URL('https://oapi.dingtalk.com/robot/send?access_token=…'),
    {
      key: 'secret',
      label: 'notify.field.dingtalkSecret',
      kind: 'text',
      secret: true,
      required: true,
      placeholder: 'SEC…',
    },
  ],
  feishu: [
    ROBOT_URL('https://open.feishu.cn/open-apis/bot/v2/hook/…'),
    { key: 'secret', label: 'notify.field.feishuSecret', kind: 'text', secret: true, required: true },
  ],
  email: [
    {
      key: 'host',
      label: 'notify.field.smtpHost',
      kind: 'text',
      required: true,
      placeholder: 'smtp.example.com',
    },
    { key: 'port', label: 'notify.field.smtpPort', kind: 'number', required: false, placeholder: '465' },
    { key: 'secure', label: 'notify.field.smtpSecure', kind: 'flag', required: false },
    { key: 'user', label: 'notify.field.smtpUser', kind: 'text', required: false },
    { key: 'password', label: 'notify.field.smtpPassword', kind: 'text', secret: true, required: false },
    {
      key: 'from',
      label: 'notify.field.smtpFrom',
      kind: 'text',
      required: true,
      placeholder: '园区安环 <alerts@example.com>',
    },
  ],
  'aliyun-sms': [
    { key: 'accessKeyId', label: 'notify.field.accessKeyId', kind: 'text', required: true },
    {
      key: 'accessKeySecret',
      label: 'notify.field.accessKeySecret',
      kind: 'text',
      secret: true,
      required: true,
    },
    { key: 'signName', label: 'notify.field.signName', kind: 'text', required: true },
    {
      key: 'templateCode',
      label: 'notify.field.templateCode',
      kind: 'text',
      required: true,
      placeholder: 'SMS_…',
    },
    { key: 'endpoint', label: 'notify.field.endpoint', kind: 'text', required: false },
  ],
  'tencent-sms': [
    { key: 'secretId', label: 'notify.field.secretId', kind: 'text', required: true },
    { key: 'secretKey', label: 'notify.field.secretKey', kind: 'text', secret: true, required: true },
    { key: 'sdkAppId', label: 'notify.field.sdkAppId', kind: 'text', required: true, placeholder: '1400…' },
    { key: 'signName', label: 'notify.field.signName', kind: 'text', required: true },
    { key: 'templateId', label: 'notify.field.templateId', kind: 'text', required: true },
    { key: 'region', label: 'notify.field.region', kind: 'text', required: false },
    { key: 'endpoint', label: 'notify.field.endpoint', kind: 'text', required: false },
  ],
};

export interface RecipientDraft {
  readonly name: string;
  readonly address: string;
}

/** What the form holds: every value as typed (config values as text, flags as booleans). */
export interface ChannelDraft {
  readonly name: string;
  readonly kind: ChannelKind;
  readonly config: Readonly<Record<string, string | boolean>>;
  readonly severities: readonly string[];
  readonly eventTypes: readonly string[];
  /** '' for the whole park. */
  readonly enterpriseId: string;
  readonly recipients: readonly RecipientDraft[];
  readonly enabled: boolean;
}

export function emptyDraft(kind: ChannelKind = 'dingtalk'): ChannelDraft {
  return {
    name: '',
    kind,
    config: {},
    severities: ['critical'],
    eventTypes: DEFAULT_EVENT_TYPES,
    enterpriseId: '',
    recipients: PERSON_KINDS.has(kind) ? [{ name: '', address: '' }] : [],
    enabled: true,
  };
}

/** The draft of a stored channel: secrets start empty (their masked value is shown beside the field). */
export function draftOf(channel: {
  readonly name: string;
  readonly kind: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly severities: readonly string[];
  readonly eventTypes: readonly string[];
  readonly enterpriseId: string | null;
  readonly recipients: readonly RecipientDraft[];
  readonly enabled: boolean;
}): ChannelDraft {
  const kind = (CHANNEL_KINDS as readonly string[]).includes(channel.kind)
    ? (channel.kind as ChannelKind)
    : 'dingtalk';
  const config: Record<string, string | boolean> = {};
  for (const field of KIND_FIELDS[kind]) {
    const value = channel.config[field.key];
    if (field.secret) continue;
    if (field.kind === 'flag') config[field.key] = value === true;
    else if (typeof value === 'string' || typeof value === 'number') config[field.key] = String(value);
  }
  return {
    name: channel.name,
    kind,
    config,
    severities: [...channel.severities],
    eventTypes: [...channel.eventTypes],
    enterpriseId: channel.enterpriseId ?? '',
    recipients: channel.recipients.map((r) => ({ name: r.name, address: r.address })),
    enabled: channel.enabled,
  };
}

export type DraftProblem = { readonly field: string; readonly message: MessageKey };

/**
 * The draft's problems the form can see itself (the API and the kind's adapter check the rest): a name, every
 * required setting (a stored secret counts), at least one severity and event type, recipients for e-mail and SMS.
 */
export function draftProblems(draft: ChannelDraft, storedSecrets: readonly string[] = []): DraftProblem[] {
  const problems: DraftProblem[] = [];
  if (!draft.name.trim()) problems.push({ field: 'name', message: 'notify.error.name' });
  for (const field of KIND_FIELDS[draft.kind]) {
    if (!field.required || field.kind === 'flag') continue;
    const value = draft.config[field.key];
    const given = typeof value === 'string' && value.trim() !== '';
    if (!given && !(field.secret && storedSecrets.includes(field.key)))
      problems.push({ field: `config.${field.key}`, message: 'notify.error.required' });
  }
  if (draft.severities.length === 0)
    problems.push({ field: 'severities', message: 'notify.error.severities' });
  if (chosenEventTypes(draft).length === 0)
    problems.push({ field: 'eventTypes', message: 'notify.error.eventTypes' });
  if (PERSON_KINDS.has(draft.kind)) {
    const filled = draft.recipients.filter((r) => r.name.trim() || r.address.trim());
    if (filled.length === 0) problems.push({ field: 'recipients', message: 'notify.error.recipients' });
    if (filled.some((r) => !r.name.trim() || !r.address.trim()))
      problems.push({ field: 'recipients', message: 'notify.error.recipientIncomplete' });
  }
  return problems;
}

/** A list the API requires non-empty (`@ArrayNotEmpty`), as its type says; the form checked it is not empty. */
export function nonEmpty<T>(list: readonly T[]): [T, ...T[]] {
  if (list.length === 0) throw new Error('an empty list where the API needs at least one item');
  return [list[0], ...list.slice(1)];
}

/** The API body of a draft: only the kind's own settings, numbers as numbers, secrets left empty left out. */
export function bodyOf(draft: ChannelDraft) {
  const config: Record<string, string | number | boolean> = {};
  for (const field of KIND_FIELDS[draft.kind]) {
    const value = draft.config[field.key];
    if (field.kind === 'flag') {
      config[field.key] = value === true;
      continue;
    }
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') continue;
    config[field.key] = field.kind === 'number' && /^\d+$/.test(text) ? Number(text) : text;
  }
  return {
    name: draft.name.trim(),
    kind: draft.kind,
    config,
    severities: nonEmpty(draft.severities as readonly (typeof SEVERITIES)[number][]),
    eventTypes: nonEmpty(chosenEventTypes(draft) as readonly (typeof EVENT_TYPES)[number][]),
    enterpriseId: draft.enterpriseId || null,
    recipients: PERSON_KINDS.has(draft.kind)
      ? draft.recipients
          .filter((r) => r.name.trim() || r.address.trim())
          .map((r) => ({ name: r.name.trim(), address: r.address.trim() }))
      : [],
    enabled: draft.enabled,
  };
}

/**
 * The provider's answer to a test message in words: sent; refused by the provider (its own words follow);
 * no answer in time; or not reached at all. The dispatcher words timeouts and unreachable providers this way
 * (libs/notifications send-with-timeout.ts).
 */
export function answerVerdict(result: {
  readonly ok: boolean;
  readonly status: number | null;
  readonly answer: string;
}): MessageKey {
  if (result.ok) return 'notify.answer.ok';
  if (result.status === null && result.answer.startsWith('timeout')) return 'notify.answer.timeout';
  if (result.status === null) return 'notify.answer.unreachable';
  return 'notify.answer.refused';
}

export const KIND_KEYS: Readonly<Record<ChannelKind, MessageKey>> = {
  wecom: 'notify.kind.wecom',
  dingtalk: 'notify.kind.dingtalk',
  feishu: 'notify.kind.feishu',
  email: 'notify.kind.email',
  'aliyun-sms': 'notify.kind.aliyun-sms',
  'tencent-sms': 'notify.kind.tencent-sms',
};

/** Where the kind's settings are found, in the provider's console. */
export const KIND_HELP_KEYS: Readonly<Record<ChannelKind, MessageKey>> = {
  wecom: 'notify.help.wecom',
  dingtalk: 'notify.help.dingtalk',
  feishu: 'notify.help.feishu',
  email: 'notify.help.email',
  'aliyun-sms': 'notify.help.aliyun-sms',
  'tencent-sms': 'notify.help.tencent-sms',
};

export const SEVERITY_KEYS: Readonly<Record<string, MessageKey>> = {
  critical: 'notify.severity.critical',
  warning: 'notify.severity.warning',
  info: 'notify.severity.info',
};

/** Alert event types (and `test`, the 发送测试消息 delivery) in words. */
export const EVENT_KEYS: Readonly<Record<string, MessageKey>> = {
  opened: 'notify.event.opened',
  escalated: 'notify.event.escalated',
  overdue: 'notify.event.overdue',
  reminder: 'notify.event.reminder',
  acknowledged: 'notify.event.acknowledged',
  resolved: 'notify.event.resolved',
  assigned: 'notify.event.assigned',
  'de-escalated': 'notify.event.de-escalated',
  repeated: 'notify.event.repeated',
  suppressed: 'notify.event.suppressed',
  test: 'notify.event.test',
  report: 'notify.event.report',
  expiry: 'notify.event.expiry',
  policy: 'notify.event.policy',
};

/** A label of one of the tables above, or the raw value when a newer API sends one this build does not know. */
export function labelOf(
  keys: Readonly<Record<string, MessageKey>>,
  value: string,
  t: (key: MessageKey) => string,
): string {
  return Object.prototype.hasOwnProperty.call(keys, value) ? t(keys[value]) : value;
}

export const DELIVERY_STATUS_KEYS: Readonly<Record<string, MessageKey>> = {
  pending: 'notify.status.pending',
  sending: 'notify.status.sending',
  delivered: 'notify.status.delivered',
  failed: 'notify.status.failed',
};

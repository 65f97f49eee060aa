/**
 * Every label the web app shows, in Simplified Chinese (the default) and English. The zh-CN dictionary defines
 * the keys; the English one is typed against them, so a key missing from either language fails the type check,
 * and messages.spec.ts also checks that both sides use the same `{placeholders}`.
 *
 * Pure module (no DOM): the Jest unit project and the end-to-end test import it.
 */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'zh-CN';

/** Each language is named in itself on the switch, as is customary; these are not translated. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { 'zh-CN': '中文', en: 'English' };

const zhCN = {
  'app.title': '智慧园区监测平台',
  'app.timeZoneNote': '时间为北京时间 (UTC+8)',
  'app.skipToContent': '跳到主要内容',

  'lang.label': '界面语言',

  'login.heading': '登录',
  'login.subtitle': '启东高新区 · 安全生产与生态环境监测',
  'login.username': '用户名',
  'login.password': '密码',
  'login.submit': '登录',
  'login.submitting': '正在登录…',
  'login.error.credentials': '用户名或密码错误',
  'login.error.tooMany': '登录失败次数过多，请几分钟后再试',
  'login.error.missing': '请输入用户名和密码',
  'login.error.network': '无法连接服务器，请检查网络后重试',
  'login.error.other': '登录失败（HTTP {status}）',
  'login.sessionExpired': '登录已过期，请重新登录',

  'shell.logout': '退出登录',
  'shell.nav': '主导航',

  'role.admin': '园区管理员',
  'role.officer': '安全/环保专员',
  'role.energy-manager': '企业能源管理员',
  'role.operator': '园区运营',

  'nav.alerts': '告警中心',

  'conn.connecting': '正在连接',
  'conn.live': '实时',
  'conn.reconnecting': '正在重连',
  'conn.offline': '离线',
  'conn.stale': '数据可能已过期 · 最后同步 {time}',
  'conn.neverSynced': '尚未与服务器同步',

  'alerts.heading': '告警中心',
  'alerts.readOnly': '只读：您的角色可以查看告警，但不能确认或解除',
  'alerts.loading': '正在加载告警…',
  'alerts.empty': '暂无告警。新告警会实时出现在这里。',
  'alerts.emptyFiltered': '没有符合筛选条件的告警',
  'alerts.loadError': '告警加载失败：{message}',
  'alerts.retry': '重试',
  'alerts.listLabel': '告警列表',
  'alerts.countOne': '{n} 条',
  'alerts.countOther': '{n} 条',
  'alerts.timesOne': '{n} 次',
  'alerts.timesOther': '{n} 次',
  'alerts.limit': '限值 {limit}',

  'filter.status': '状态',
  'filter.severity': '严重程度',
  'filter.search': '搜索',
  'filter.searchPlaceholder': '按企业、设备或位置搜索',
  'filter.allSeverities': '全部',
  'filter.allStatuses': '全部',

  'status.open': '待确认',
  'status.acknowledged': '已确认',
  'status.resolved': '已解除',

  'severity.critical': '严重',
  'severity.warning': '警告',
  'severity.info': '提示',

  'level.1': '一级报警',
  'level.2': '二级报警',
  'level.other': '{n} 级报警',

  'alarm.ringing': '严重告警待确认：{count}',
  'alarm.mute': '静音',
  'alarm.unmute': '恢复报警声',
  'alarm.muted': '已静音，新的严重告警会再次响铃',
  'alarm.soundBlocked': '浏览器阻止了报警声音，点击此处启用',
  'alarm.notifyEnable': '开启桌面通知',
  'alarm.notifyDenied': '桌面通知已被浏览器阻止',
  'alarm.notifyOn': '桌面通知已开启',
  'alarm.notificationTitle': '严重告警：{rule}',
  'alarm.notificationBody': '{enterprise} · {device}：{value}（限值 {limit}）',

  'detail.heading': '告警详情',
  'detail.loading': '正在加载告警详情…',
  'detail.loadError': '告警详情加载失败：{message}',
  'detail.close': '关闭详情',
  'detail.value': '监测值',
  'detail.limit': '限值',
  'detail.level': '报警等级',
  'detail.metric': '监测指标',
  'detail.device': '设备',
  'detail.location': '位置',
  'detail.noLocation': '未登记位置',
  'detail.enterprise': '企业',
  'detail.count': '触发次数',
  'detail.openedAt': '首次发生',
  'detail.lastSeenAt': '最近一次',
  'detail.explanation': '触发原因',
  'detail.resolution': '处置说明',
  'detail.byAt': '{who} · {time}',

  'trail.heading': '处置记录',
  'trail.loading': '正在加载处置记录…',
  'trail.error': '处置记录加载失败：{message}',
  'trail.empty': '暂无记录',
  'trail.system': '系统',
  'trail.opened': '触发告警',
  'trail.escalated': '升级为{level}',
  'trail.acknowledged': '确认告警',
  'trail.resolved': '解除告警',
  'trail.de-escalated': '降级',
  'trail.overdue': '超时未确认，已上报',
  'trail.reminder': '提醒：仍未确认',
  'trail.repeated': '持续触发',
  'trail.assigned': '已指派',
  'trail.snapshot': '监测值 {value}',

  'action.acknowledge': '确认',
  'action.acknowledging': '正在确认…',
  'action.resolve': '解除…',
  'action.failed': '操作失败：{message}',

  'resolve.heading': '解除告警',
  'resolve.note': '处置说明（必填）',
  'resolve.placeholder': '例如：现场排查为法兰泄漏，已关阀并通风，复测 3 %LEL',
  'resolve.required': '请填写处置说明',
  'resolve.submit': '解除告警',
  'resolve.submitting': '正在解除…',
  'resolve.cancel': '取消',

  'error.network': '无法连接服务器',
  'error.forbidden': '您的角色无权执行此操作',
  'error.notFound': '告警不存在或无权查看',
  'error.conflict': '告警状态已变化：{message}',
  'error.http': 'HTTP {status}：{message}',
} as const;

export type MessageKey = keyof typeof zhCN;

const en: Readonly<Record<MessageKey, string>> = {
  'app.title': 'Smart Park Monitoring',
  'app.timeZoneNote': 'Times in China Standard Time (UTC+8)',
  'app.skipToContent': 'Skip to main content',

  'lang.label': 'Interface language',

  'login.heading': 'Sign in',
  'login.subtitle': 'Qidong High-tech Zone · safety and environment monitoring',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.error.credentials': 'Wrong username or password',
  'login.error.tooMany': 'Too many failed sign-ins; try again in a few minutes',
  'login.error.missing': 'Enter your username and password',
  'login.error.network': 'Cannot reach the server; check the network and try again',
  'login.error.other': 'Sign-in failed (HTTP {status})',
  'login.sessionExpired': 'Your session has expired; please sign in again',

  'shell.logout': 'Sign out',
  'shell.nav': 'Main navigation',

  'role.admin': 'Park administrator',
  'role.officer': 'Safety & environment officer',
  'role.energy-manager': 'Enterprise energy manager',
  'role.operator': 'Park operator',

  'nav.alerts': 'Alerts',

  'conn.connecting': 'Connecting',
  'conn.live': 'Live',
  'conn.reconnecting': 'Reconnecting',
  'conn.offline': 'Offline',
  'conn.stale': 'Data may be stale · last synced {time}',
  'conn.neverSynced': 'Not yet synced with the server',

  'alerts.heading': 'Alerts console',
  'alerts.readOnly': 'Read-only: your role can view alerts but not acknowledge or resolve them',
  'alerts.loading': 'Loading alerts…',
  'alerts.empty': 'No alerts. New alerts appear here as they happen.',
  'alerts.emptyFiltered': 'No alerts match the filters',
  'alerts.loadError': 'Could not load alerts: {message}',
  'alerts.retry': 'Retry',
  'alerts.listLabel': 'Alert list',
  'alerts.countOne': '{n} alert',
  'alerts.countOther': '{n} alerts',
  'alerts.timesOne': '{n} time',
  'alerts.timesOther': '{n} times',
  'alerts.limit': 'limit {limit}',

  'filter.status': 'Status',
  'filter.severity': 'Severity',
  'filter.search': 'Search',
  'filter.searchPlaceholder': 'Search enterprise, device or location',
  'filter.allSeverities': 'All',
  'filter.allStatuses': 'All',

  'status.open': 'Open',
  'status.acknowledged': 'Acknowledged',
  'status.resolved': 'Resolved',

  'severity.critical': 'Critical',
  'severity.warning': 'Warning',
  'severity.info': 'Info',

  'level.1': 'Level 1 alarm',
  'level.2': 'Level 2 alarm',
  'level.other': 'Level {n} alarm',

  'alarm.ringing': 'Critical alerts awaiting acknowledgement: {count}',
  'alarm.mute': 'Mute',
  'alarm.unmute': 'Unmute alarm',
  'alarm.muted': 'Muted; a new critical alert rings again',
  'alarm.soundBlocked': 'The browser blocked the alarm sound; click here to enable it',
  'alarm.notifyEnable': 'Enable desktop notifications',
  'alarm.notifyDenied': 'Desktop notifications are blocked by the browser',
  'alarm.notifyOn': 'Desktop notifications on',
  'alarm.notificationTitle': 'Critical alert: {rule}',
  'alarm.notificationBody': '{enterprise} · {device}: {value} (limit {limit})',

  'detail.heading': 'Alert details',
  'detail.loading': 'Loading the alert…',
  'detail.loadError': 'Could not load the alert: {message}',
  'detail.close': 'Close details',
  'detail.value': 'Value',
  'detail.limit': 'Limit',
  'detail.level': 'Alarm level',
  'detail.metric': 'Metric',
  'detail.device': 'Device',
  'detail.location': 'Location',
  'detail.noLocation': 'No location recorded',
  'detail.enterprise': 'Enterprise',
  'detail.count': 'Occurrences',
  'detail.openedAt': 'First raised',
  'detail.lastSeenAt': 'Last seen',
  'detail.explanation': 'Why it fired',
  'detail.resolution': 'Resolution note',
  'detail.byAt': '{who} · {time}',

  'trail.heading': 'Audit trail',
  'trail.loading': 'Loading the audit trail…',
  'trail.error': 'Could not load the audit trail: {message}',
  'trail.empty': 'No entries',
  'trail.system': 'System',
  'trail.opened': 'Raised',
  'trail.escalated': 'Escalated to {level}',
  'trail.acknowledged': 'Acknowledged',
  'trail.resolved': 'Resolved',
  'trail.de-escalated': 'Level lowered',
  'trail.overdue': 'Overdue: not acknowledged in time, escalated',
  'trail.reminder': 'Reminder: still not acknowledged',
  'trail.repeated': 'Condition persists',
  'trail.assigned': 'Assigned',
  'trail.snapshot': 'value {value}',

  'action.acknowledge': 'Acknowledge',
  'action.acknowledging': 'Acknowledging…',
  'action.resolve': 'Resolve…',
  'action.failed': 'The action failed: {message}',

  'resolve.heading': 'Resolve alert',
  'resolve.note': 'Resolution note (required)',
  'resolve.placeholder': 'e.g. Flange leak found on site; valve closed, area ventilated, re-measured 3 %LEL',
  'resolve.required': 'A resolution note is required',
  'resolve.submit': 'Resolve alert',
  'resolve.submitting': 'Resolving…',
  'resolve.cancel': 'Cancel',

  'error.network': 'Cannot reach the server',
  'error.forbidden': 'Your role may not do this',
  'error.notFound': 'The alert does not exist or is not yours to see',
  'error.conflict': 'The alert changed meanwhile: {message}',
  'error.http': 'HTTP {status}: {message}',
};

export const MESSAGES: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = {
  'zh-CN': zhCN,
  en,
};

export type MessageParams = Readonly<Record<string, string | number>>;

/** The message for `key` in `language`, with `{name}` placeholders filled from `params`. */
export function translate(language: Language, key: MessageKey, params?: MessageParams): string {
  const template = MESSAGES[language][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** The placeholder names a message uses, e.g. `{value}` → `value`; the completeness test compares them. */
export function placeholdersOf(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

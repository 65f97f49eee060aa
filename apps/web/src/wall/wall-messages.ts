/**
 * The wall display's own labels, in both languages. They live beside the screen rather than in
 * i18n/messages.ts because nothing else shows them; the plan indicators' and severities' names come from there.
 * Typed like messages.ts: the English side must have every key of the Chinese one.
 */
import type { Language } from '../i18n/messages';

const zhCN = {
  title: '园区运行监测大屏',
  'kpi.load': '当前总负荷',
  'kpi.load.note': '{reporting}/{meters} 块电表在报',
  'kpi.energy': '今日用电量',
  'kpi.energy.note': '0 点起 {meters} 块电表',
  'kpi.emission': '排放达标率',
  'kpi.emission.note': '{compliant}/{judged} 个已判定排口达标',
  'kpi.emission.notJudged': '{count} 个未判定（无许可限值或无数据）',
  'kpi.emission.none': '无排放监测点',
  'kpi.devices': '设备在线',
  'kpi.devices.unit': '台',
  'kpi.alerts': '未处理告警',
  'kpi.alerts.unit': '条',
  'map.heading': '园区地图',
  'map.legend.critical': '严重告警',
  'map.legend.warning': '警告',
  'map.legend.info': '提示',
  'map.legend.ok': '正常',
  'map.legend.device': '设备（位于企业地块中心）',
  'map.empty': '暂无带边界的地块',
  'targets.heading': '规划 {year} 年目标进展（{dataYear} 年数据）',
  'targets.value': '{value} / 目标 {target}',
  'targets.empty': '暂无目标数据',
  'targets.notReported': '未上报',
  'ticker.heading': '最新告警',
  'ticker.empty': '暂无告警',
  'status.live': '实时',
  'status.connecting': '正在连接…',
  'status.down': '连接中断，正在重连…',
  'stale.since': '数据已过期：最后更新于 {time}',
  'stale.never': '数据已过期：尚未取得数据',
  'updated.at': '更新于 {time}',
  'auth.missing': '此大屏需要显示令牌：请打开管理员在“管理 · 大屏令牌”中生成的大屏地址，或先登录。',
  'auth.refused': '显示令牌无效或已被撤销，请联系园区管理员。',
  'alert.status.open': '待确认',
  'alert.status.acknowledged': '处理中',
  'alert.status.resolved': '已解除',
  'alert.status.suppressed': '检修中',
};

type WallMessageKey = keyof typeof zhCN;

const en: Record<WallMessageKey, string> = {
  title: 'Park operations wall',
  'kpi.load': 'Total load now',
  'kpi.load.note': '{reporting}/{meters} meters reporting',
  'kpi.energy': 'Energy today',
  'kpi.energy.note': 'since 00:00, {meters} meters',
  'kpi.emission': 'Emission compliance',
  'kpi.emission.note': '{compliant}/{judged} judged outlets compliant',
  'kpi.emission.notJudged': '{count} not judged (no limit or no data)',
  'kpi.emission.none': 'no emission monitoring points',
  'kpi.devices': 'Devices online',
  'kpi.devices.unit': 'units',
  'kpi.alerts': 'Open alerts',
  'kpi.alerts.unit': '',
  'map.heading': 'Park map',
  'map.legend.critical': 'Critical alert',
  'map.legend.warning': 'Warning',
  'map.legend.info': 'Info',
  'map.legend.ok': 'Normal',
  'map.legend.device': 'Device (at its enterprise’s parcel centre)',
  'map.empty': 'No parcels with boundaries yet',
  'targets.heading': 'Progress to the plan’s {year} targets ({dataYear} figures)',
  'targets.value': '{value} / target {target}',
  'targets.empty': 'No target data',
  'targets.notReported': 'not reported',
  'ticker.heading': 'Latest alerts',
  'ticker.empty': 'No alerts',
  'status.live': 'Live',
  'status.connecting': 'Connecting…',
  'status.down': 'Disconnected, reconnecting…',
  'stale.since': 'Data stale since {time}',
  'stale.never': 'Data stale: nothing received yet',
  'updated.at': 'Updated {time}',
  'auth.missing':
    'This wall needs a display token: open the wall address an admin created under Admin · Wall, or sign in first.',
  'auth.refused': 'The display token is invalid or revoked; ask the park administrator.',
  'alert.status.open': 'Open',
  'alert.status.acknowledged': 'Acknowledged',
  'alert.status.resolved': 'Resolved',
  'alert.status.suppressed': 'Suppressed (maintenance)',
};

const WALL_MESSAGES: Readonly<Record<Language, Readonly<Record<WallMessageKey, string>>>> = {
  'zh-CN': zhCN,
  en,
};

export function wallText(
  language: Language,
  key: WallMessageKey,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return WALL_MESSAGES[language][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
